package org.tremplin.platform.web.console;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;
import org.tremplin.platform.query.InStep;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console page's answer to a step held back behind a switch of the read models written in the steps (decision 11), and
 * to the database out of reach.
 */
class ConsoleAdviceTest {

    @Test
    void a_step_held_back_too_long_answers_503_with_retry_after_and_says_why() {
        ExtendedModelMap model = new ExtendedModelMap();
        MockHttpServletResponse response = new MockHttpServletResponse();
        // as it reaches the advice: wrapped by the command gateway or the engine
        Exception failure = new IllegalStateException("step failed",
                new InStep.HeldBack("held this step back for more than 30 s; nothing was stored", Duration.ofSeconds(10)));

        String view = new ConsoleAdvice().refused(failure, model, response);

        assertThat(view).isEqualTo("error");
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
        assertThat(model.get("status")).isEqualTo(503);
        assertThat((String) model.get("message")).contains("nothing was stored");
    }

    @Test
    void a_page_that_meets_the_database_out_of_reach_answers_503_with_retry_after_and_says_so() {
        ExtendedModelMap model = new ExtendedModelMap();
        MockHttpServletResponse response = new MockHttpServletResponse();
        // as Spring's transaction manager hands on the pool's wait that ran out (DatabaseOutOfReachPostgresIT: the real one)
        Exception failure = new org.springframework.transaction.CannotCreateTransactionException("Could not open JDBC Connection",
                new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));

        String view = new ConsoleAdvice().refused(failure, model, response);

        assertThat(view).isEqualTo("error");
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat((String) model.get("message")).startsWith("The database is out of reach").contains("nothing was stored");
    }
}
