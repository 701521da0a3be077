package org.tremplin.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A failure that escaped every controller (a filter's: signing in to the engine REST, say) and met the database out of
 * reach reaches Spring's error page: it answers 503 with {@code Retry-After} and says so, under /api as elsewhere; any
 * other failure stays a 500.
 */
class ErrorPagesDatabaseOutOfReachTest {

    private final ErrorPages.ProblemErrorController errors = new ErrorPages.ProblemErrorController(
            new DefaultErrorAttributes(), new ServerProperties(), List.of(), new ObjectMapper());

    @Test
    void the_database_out_of_reach_before_any_controller_is_a_503_with_retry_after() {
        ResponseEntity<Map<String, Object>> api = errors.error(failed("/api/organisations", new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"))));
        assertThat(api.getStatusCode().value()).isEqualTo(503);
        assertThat(api.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(api.getBody()).containsEntry("status", 503).containsEntry("detail", DatabaseOutOfReach.NOT_CONNECTED.detail());

        ResponseEntity<Map<String, Object>> engine = errors.error(failed("/engine-rest/task", new IllegalStateException(
                "engine command failed", new SQLTransientConnectionException("request timed out"))));
        assertThat(engine.getStatusCode().value()).isEqualTo(503);
        assertThat(engine.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    }

    @Test
    void another_failure_before_any_controller_stays_a_500() {
        ResponseEntity<Map<String, Object>> api = errors.error(failed("/api/organisations", new IllegalStateException("a defect")));
        assertThat(api.getStatusCode().value()).isEqualTo(500);
        assertThat(api.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(api.getBody()).containsEntry("detail", "The request failed unexpectedly and nothing was stored.");
    }

    private static MockHttpServletRequest failed(String uri, Throwable failure) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
        return request;
    }
}
