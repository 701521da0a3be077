package org.tremplin.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.ServletWebRequest;
import org.tremplin.platform.observability.OperationalReadings;
import org.tremplin.platform.query.ReadModelRebuilds;
import org.tremplin.support.EmbeddedPostgres;

/**
 * A request that meets the database out of reach is told to come back shortly (503, {@code Retry-After}), and whether
 * anything may have been stored, instead of "failed unexpectedly" (500): the failures below are PostgreSQL's driver's and
 * Hikari's own, as a request meets them, not built by hand.
 */
class DatabaseOutOfReachPostgresIT {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice(new ReadModelRebuilds(),
            () -> new OperationalReadings.Snapshot(null, -1, Map.of(), Map.of(), Map.of()));

    @Test
    void no_connection_in_time_is_a_503_saying_nothing_was_stored() throws Exception {
        // a server that refuses connections (nothing listens on the port), the pool's wait cut short
        try (HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:1/tremplin", 250)) {
            Throwable failure = catchThrowable(() -> new TransactionTemplate(new DataSourceTransactionManager(pool))
                    .executeWithoutResult(status -> new JdbcTemplate(pool).update("SELECT 1")));

            assertThat(DatabaseOutOfReach.of(failure)).isEqualTo(DatabaseOutOfReach.NOT_CONNECTED);
            ResponseEntity<Object> answer = answer(failure);
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(((ProblemDetail) answer.getBody()).getDetail())
                    .isEqualTo("The database is out of reach, so the request was not carried out and nothing was stored."
                            + " Try again in a few seconds.");
        }
    }

    @Test
    void a_connection_broken_during_the_request_is_a_503_telling_to_look_before_sending_again() throws Exception {
        String url = EmbeddedPostgres.createFreshDatabase();
        try (HikariDataSource pool = pool(url, 2000); HikariDataSource other = pool(url, 2000)) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            jdbc.execute("CREATE TABLE probe (id INT PRIMARY KEY)");
            // the request's transaction has begun and written when its server process is ended under it
            Throwable failure = catchThrowable(() -> new TransactionTemplate(new DataSourceTransactionManager(pool))
                    .executeWithoutResult(status -> {
                        jdbc.update("INSERT INTO probe VALUES (1)");
                        Integer own = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
                        new JdbcTemplate(other).queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, own);
                        jdbc.update("INSERT INTO probe VALUES (2)");
                    }));

            // Spring's rollback on the broken connection failed too and hides the statement's failure behind its own
            assertThat(failure).isInstanceOf(org.springframework.transaction.TransactionSystemException.class);
            assertThat(DatabaseOutOfReach.of(failure)).isEqualTo(DatabaseOutOfReach.CONNECTION_LOST);
            ResponseEntity<Object> answer = answer(failure);
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(((ProblemDetail) answer.getBody()).getDetail()).startsWith(
                    "The connection to the database broke during the request, which may not have been stored");
            // and here it was not: the transaction died with its connection
            assertThat(new JdbcTemplate(other).queryForObject("SELECT COUNT(*) FROM probe", Integer.class)).isZero();
        }
    }

    @Test
    void another_database_failure_is_not_taken_for_the_database_out_of_reach() throws Exception {
        try (HikariDataSource pool = pool(EmbeddedPostgres.createFreshDatabase(), 2000)) {
            Throwable failure = catchThrowable(() -> new JdbcTemplate(pool).execute("SELEC 1"));

            assertThat(failure).isNotNull();
            assertThat(DatabaseOutOfReach.of(failure)).isNull();
            assertThat(answer(failure).getStatusCode().value()).isEqualTo(500);
        }
    }

    private ResponseEntity<Object> answer(Throwable failure) throws Exception {
        return advice.anyException((Exception) failure, new ServletWebRequest(new MockHttpServletRequest("POST", "/api/x")));
    }

    private static HikariDataSource pool(String url, long connectionTimeout) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(EmbeddedPostgres.USER);
        pool.setPassword(EmbeddedPostgres.PASSWORD);
        pool.setConnectionTimeout(connectionTimeout);
        pool.setInitializationFailTimeout(-1);
        pool.setMaximumPoolSize(2);
        return pool;
    }
}
