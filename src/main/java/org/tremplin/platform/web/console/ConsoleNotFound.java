package org.tremplin.platform.web.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.Map;

/**
 * An address that leads nowhere answers a console page "Not found" (404), unless it is under the API, the engine
 * REST or the actuator, which answer problem+json as before.
 */
@Component
class ConsoleNotFound implements HandlerExceptionResolver, Ordered {

    private static final List<String> MACHINE_PATHS = List.of("/api/", "/engine-rest/", "/actuator/", "/v3/api-docs");

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception exception) {
        if (!(exception instanceof NoResourceFoundException)) {
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (MACHINE_PATHS.stream().anyMatch(path::startsWith) || path.equals("/api")) {
            return null;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return new ModelAndView("error", Map.of("status", 404), org.springframework.http.HttpStatus.NOT_FOUND);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
