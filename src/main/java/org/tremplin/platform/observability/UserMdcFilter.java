package org.tremplin.platform.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Puts the signed-in user's name into the logging context ({@value #USER}) for the rest of the request, so that every
 * line logged while serving it names who asked (the pattern prints it next to the correlation id, and JSON logs carry
 * it as a field). Runs just after Spring Security's filter chain, which has by then authenticated the caller (HTTP
 * basic for the API, the session for the console); anonymous requests log no user.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 1)
public class UserMdcFilter extends OncePerRequestFilter {

    /** The logging context key of the user. */
    public static final String USER = "user";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean known = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken) && authentication.getName() != null;
        String previous = MDC.get(USER);
        if (known) {
            MDC.put(USER, authentication.getName());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (previous == null) {
                MDC.remove(USER);
            } else {
                MDC.put(USER, previous);
            }
        }
    }
}
