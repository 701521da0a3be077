package org.tremplin.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refusals that happen before a controller is reached answer problem+json under /api too: a path Spring Security's
 * firewall rejects ({@code %2F}, {@code %5C}, {@code %25}, {@code ;}, {@code //}, {@code %00}), a request Tomcat
 * itself refuses, and anything Spring's {@code /error} page would render. Other paths keep the default pages.
 */
@Configuration
public class ErrorPages {

    static final String UNREAD = "The request could not be read: its URL or headers are longer than the server accepts"
            + " (8 KB in all) or malformed; send a shorter URL (long values go in a JSON body)";

    static final String ODD_PATH = "The request path contains characters that are not allowed in an id "
            + "(an encoded slash, backslash or percent sign, a control character, a semicolon or a double slash), "
            + "or a header a control character; send the plain id and plain header values";

    /**
     * Spring Security's firewall: rejected paths and header values answer 400 problem+json (instead of a bare 400 and
     * Spring's error page).
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper objectMapper) {
        return (request, response, rejected) -> {
            if (response.isCommitted()) {
                return;
            }
            response.reset();
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            objectMapper.writeValue(response.getOutputStream(), problem(HttpStatus.BAD_REQUEST, ODD_PATH));
        };
    }

    /** Spring's /error page: problem+json for /api, whatever the Accept header; the usual pages elsewhere. */
    @Bean
    BasicErrorController basicErrorController(ErrorAttributes errorAttributes, ServerProperties serverProperties,
                                              ObjectProvider<ErrorViewResolver> errorViewResolvers, ObjectMapper objectMapper) {
        return new ProblemErrorController(errorAttributes, serverProperties, errorViewResolvers.orderedStream().toList(),
                objectMapper);
    }

    /** Tomcat's own refusals (before any servlet runs) under /api: problem+json instead of Tomcat's HTML report. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof Host host) {
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        ProblemReportValve valve = new ProblemReportValve();
                        valve.setShowReport(false);
                        valve.setShowServerInfo(false);
                        host.getPipeline().addValve(valve);
                        if (host instanceof StandardHost standard) {
                            standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                        }
                    }
                });
            }
        };
    }

    static boolean isApi(String uri) {
        return uri != null && (uri.equals("/api") || uri.startsWith("/api/") || uri.startsWith("/api;")
                || uri.startsWith("/api%") || uri.startsWith("//api"));
    }

    static Map<String, Object> problem(HttpStatus status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        return problem;
    }

    static String detailFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> ODD_PATH.replace("The request path contains",
                    "The request could not be read; its path may contain");
            case NOT_FOUND -> "There is no such resource in the API; see /v3/api-docs";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this path; see /v3/api-docs";
            case UNAUTHORIZED -> "Sign in with HTTP basic authentication (a Tremplin user and password).";
            case FORBIDDEN -> "Your groups do not allow this request.";
            default -> status.is5xxServerError()
                    ? "The request failed unexpectedly and nothing was stored."
                    : "The request was refused (" + status.getReasonPhrase() + ").";
        };
    }

    static final class ProblemErrorController extends BasicErrorController {

        private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

        private final ObjectMapper objectMapper;

        ProblemErrorController(ErrorAttributes errorAttributes, ServerProperties serverProperties,
                               List<ErrorViewResolver> errorViewResolvers, ObjectMapper objectMapper) {
            super(errorAttributes, serverProperties.getError(), errorViewResolvers);
            this.objectMapper = objectMapper;
        }

        @Override
        public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
            DatabaseOutOfReach away = databaseOutOfReach(request, response);
            if (!isApi(originalUri(request))) {
                return super.errorHtml(request, response);
            }
            HttpStatus status = statusOf(request);
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            try {
                objectMapper.writeValue(response.getOutputStream(),
                        problem(status, away == null ? detailFor(status) : away.detail()));
            } catch (IOException e) {
                // the client went away
            }
            return null;
        }

        @Override
        public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
            DatabaseOutOfReach away = databaseOutOfReach(request, null);
            if (!isApi(originalUri(request))) {
                ResponseEntity<Map<String, Object>> page = super.error(request);
                return away == null ? page : ResponseEntity.status(page.getStatusCode()).headers(page.getHeaders())
                        .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutOfReach.RETRY_AFTER_SECONDS))
                        .body(page.getBody());
            }
            HttpStatus status = statusOf(request);
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
            if (away != null) {
                answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutOfReach.RETRY_AFTER_SECONDS));
            }
            return answer.body(problem(status, away == null ? detailFor(status) : away.detail()));
        }

        /**
         * A failure before any controller that met the database out of reach (signing in checks the password in the
         * database when it was not verified in the last seconds): answered 503 with {@code Retry-After}, on every path.
         */
        private static DatabaseOutOfReach databaseOutOfReach(HttpServletRequest request, HttpServletResponse response) {
            Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            DatabaseOutOfReach away = error instanceof Throwable failure ? DatabaseOutOfReach.of(failure) : null;
            if (away != null) {
                log.warn("Refused {}: 503 {}", originalUri(request), away.detail());
                request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpStatus.SERVICE_UNAVAILABLE.value());
                if (response != null) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutOfReach.RETRY_AFTER_SECONDS));
                }
            }
            return away;
        }

        private static String originalUri(HttpServletRequest request) {
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            return uri == null ? request.getRequestURI() : uri.toString();
        }

        private HttpStatus statusOf(HttpServletRequest request) {
            HttpStatus status = HttpStatus.resolve(getStatus(request).value());
            return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
        }
    }

    /** Tomcat's error report, as problem+json for /api. */
    public static final class ProblemReportValve extends ErrorReportValve {

        /** Tomcat's valve lives outside Spring's context: a plain mapper writes the same problem as the other paths. */
        private static final ObjectMapper PROBLEM_WRITER = new ObjectMapper();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            String uri = request.getCoyoteRequest() == null ? null : request.getCoyoteRequest().requestURI().toString();
            // a request line or headers too large to read (a URL of 16 KB): the path is unknown, the caller may be the API
            boolean unread = uri == null || uri.isEmpty();
            if (code < 400 || response.getContentWritten() > 0 || !(unread || isApi(uri))) {
                super.report(request, response, throwable);
                return;
            }
            HttpStatus status = HttpStatus.resolve(code);
            if (status == null) {
                status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
            }
            String detail = unread && status == HttpStatus.BAD_REQUEST ? UNREAD : detailFor(status);
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(PROBLEM_WRITER.writeValueAsString(problem(status, detail)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // nothing more can be said to this client
            }
        }
    }
}
