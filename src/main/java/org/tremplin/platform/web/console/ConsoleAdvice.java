package org.tremplin.platform.web.console;

import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.tremplin.platform.query.InStep;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.DatabaseOutOfReach;
import org.tremplin.shared.DomainException;

import java.util.List;

/**
 * What every console page knows (who signs in, with which groups) and how it answers a refusal that no form
 * caught: as a page, with the same status as the API. A page or action the caller may not reach answers exactly as a
 * missing one (404), so that the console reveals no more than the API.
 */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleAdvice {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    /** The signed-in person as the templates see it. */
    public record Me(String userId, List<String> groups) {

        public boolean is(String group) {
            return groups.contains(group);
        }
    }

    @ModelAttribute("me")
    Me me(Authentication authentication) {
        return authentication == null ? null : new Me(authentication.getName(), CurrentUser.groups(authentication));
    }

    @ExceptionHandler(Exception.class)
    String refused(Exception exception, Model model, HttpServletResponse response) {
        DomainException domain = find(exception, DomainException.class);
        InStep.HeldBack heldBack = find(exception, InStep.HeldBack.class);
        DatabaseOutOfReach away = domain == null && heldBack == null ? DatabaseOutOfReach.of(exception) : null;
        int status;
        String message;
        if (domain != null) {
            switch (domain.kind()) {
                case INVALID_INPUT -> status = 400;
                case FORBIDDEN, NOT_FOUND -> status = 404;
                case CONFLICT -> status = 409;
                default -> status = 422;
            }
            message = domain.kind() == DomainException.Kind.FORBIDDEN ? null : domain.getMessage();
        } else if (heldBack != null) {
            // held back behind a switch of the read models written in the steps (decision 11): nothing stored
            status = 503;
            message = heldBack.getMessage();
            response.setHeader("Retry-After", String.valueOf(Math.max(1, heldBack.retryAfter().toSeconds())));
        } else if (away != null) {
            log.warn("Console page: {}", away.detail());
            status = 503;
            message = away.detail();
            response.setHeader("Retry-After", String.valueOf(DatabaseOutOfReach.RETRY_AFTER_SECONDS));
        } else if (find(exception, AccessDeniedException.class) != null || find(exception, AggregateNotFoundException.class) != null
                || exception instanceof NoResourceFoundException) {
            status = 404;
            message = null;
        } else {
            log.error("Console page failed", exception);
            status = 500;
            message = null;
        }
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        return "error";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
