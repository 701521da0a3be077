package org.tremplin.platform.process;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.tremplin.shared.DomainException;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Camunda's JAX-RS doors (the engine REST at {@code /engine-rest} and the webapps' engine API under
 * {@code /camunda/api/engine}, which Tasklist uses) answer a refused step or a lost race as its 4xx, in Camunda's own
 * error format ({@code {"type", "message", "code"}}), instead of Camunda's 500: a Tremplin refusal
 * ({@link DomainException} anywhere in the causes) with its status (400/403/404/409/422), a form validation failure
 * with 400, and a lost race (Camunda's optimistic lock, the event store's unique key) with 409. Everything else keeps
 * Camunda's answer and Camunda's logging. A refusal is one WARN line, without a stack trace.
 * <p>
 * Camunda registers one mapper per type (RestException, ProcessEngineException, Throwable); Jersey picks the closest
 * type, then the lowest {@link Priority}, so these three mappers, one per type with priority 1, take precedence.
 */
@Configuration
public class CamundaRestErrors {

    private static final Logger log = LoggerFactory.getLogger(CamundaRestErrors.class);

    /** The mappers, for the engine REST's resource config (a Spring bean of the REST starter). */
    @Bean
    ResourceConfigCustomizer camundaRestRefusals() {
        return config -> config.register(ForRestException.class).register(ForProcessEngineException.class)
                .register(ForThrowable.class);
    }

    /**
     * The same mappers for the webapps' engine API (Tasklist's door): its Jersey servlet ("Engine Api") takes extra
     * providers from an init parameter. This initializer runs before Camunda's webapp initializer and registers that
     * servlet exactly as Camunda does (same name, mapping and application) plus the providers; Camunda's initializer then
     * keeps the registration it finds. Only where Camunda's webapps run.
     */
    @Configuration
    @ConditionalOnClass(name = "org.camunda.bpm.webapp.impl.engine.EngineRestApplication")
    @ConditionalOnProperty(prefix = "camunda.bpm.webapp", name = "enabled", matchIfMissing = true)
    static class WebappEngineApi {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ServletContextInitializer camundaWebappRefusals(CamundaBpmProperties camunda) {
            return servletContext -> addProviders(servletContext, "Engine Api",
                    camunda.getWebapp().getApplicationPath() + "/api/engine/*",
                    "org.camunda.bpm.webapp.impl.engine.EngineRestApplication");
        }
    }

    static void addProviders(ServletContext servletContext, String servletName, String mapping, String applicationClass) {
        ServletRegistration registration = servletContext.getServletRegistration(servletName);
        if (registration == null) {
            registration = servletContext.addServlet(servletName, org.glassfish.jersey.servlet.ServletContainer.class);
            registration.addMapping(mapping);
            registration.setInitParameter(org.glassfish.jersey.servlet.ServletProperties.JAXRS_APPLICATION_CLASS,
                    applicationClass);
        }
        registration.setInitParameter(org.glassfish.jersey.server.ServerProperties.PROVIDER_CLASSNAMES,
                String.join(",", ForRestException.class.getName(), ForProcessEngineException.class.getName(),
                        ForThrowable.class.getName()));
    }

    /** The 4xx answer for a refusal or a lost race; {@code null} for anything else. */
    static Response refusal(Throwable failure, HttpServletRequest request) {
        if (failure instanceof RestException rest && rest.getStatus() != null
                && rest.getStatus().getFamily() == Response.Status.Family.CLIENT_ERROR) {
            return null;
        }
        DomainException domain = ConcurrentWrites.refusal(failure);
        if (domain != null) {
            return answer(statusOf(domain.kind()), "InvalidRequestException", domain.getMessage(), null, request);
        }
        Throwable form = find(failure, FormFieldValidationException.class, FormFieldValidatorException.class);
        if (form != null) {
            return answer(400, "InvalidRequestException", form.getMessage(), null, request);
        }
        if (ConcurrentWrites.isRace(failure)) {
            return answer(409, "OptimisticLockingException", ConcurrentWrites.CHANGED_MEANWHILE, 1, request);
        }
        return null;
    }

    private static Response answer(int status, String type, String message, Integer code, HttpServletRequest request) {
        log.warn("Refused {} {}: {} {}", request == null ? "" : request.getMethod(),
                request == null ? "" : request.getRequestURI(), status, message);
        ExceptionDto body = new ExceptionDto();
        body.setType(type);
        body.setMessage(message);
        body.setCode(code);
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    static int statusOf(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case RULE_VIOLATED -> 422;
        };
    }

    @SafeVarargs
    private static Throwable find(Throwable failure, Class<? extends Throwable>... types) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        while (current != null && seen.put(current, Boolean.TRUE) == null && seen.size() < 50) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(current)) {
                    return current;
                }
            }
            current = current.getCause();
        }
        return null;
    }

    private static Response toResponse(Throwable failure, HttpServletRequest request) {
        Response refused = refusal(failure, request);
        return refused != null ? refused : ExceptionHandlerHelper.getInstance().getResponse(failure);
    }

    @Priority(1)
    public static class ForRestException implements ExceptionMapper<RestException> {
        @Context
        private HttpServletRequest request;

        @Override
        public Response toResponse(RestException exception) {
            return CamundaRestErrors.toResponse(exception, request);
        }
    }

    @Priority(1)
    public static class ForProcessEngineException implements ExceptionMapper<ProcessEngineException> {
        @Context
        private HttpServletRequest request;

        @Override
        public Response toResponse(ProcessEngineException exception) {
            return CamundaRestErrors.toResponse(exception, request);
        }
    }

    @Priority(1)
    public static class ForThrowable implements ExceptionMapper<Throwable> {
        @Context
        private HttpServletRequest request;

        @Override
        public Response toResponse(Throwable exception) {
            return CamundaRestErrors.toResponse(exception, request);
        }
    }
}
