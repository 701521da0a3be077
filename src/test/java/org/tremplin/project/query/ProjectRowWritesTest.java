package org.tremplin.project.query;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tremplin.support.ApiTestSupport;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live step's event changes the project row in one statement, its time included; a batch of several events (a
 * processor catching up, a replay) writes each project's time once at the end of the batch instead
 * ({@code ProjectProjection}'s deferred {@code last_updated_at}). Counted with H2's query statistics.
 */
class ProjectRowWritesTest extends ApiTestSupport {

    private static final String STATUS_AND_TIME = "UPDATE project SET status = ?, last_updated_at = ? WHERE id = ?";
    private static final String STATUS_ALONE = "UPDATE project SET status = ? WHERE id = ?";
    private static final String TIME_ALONE = "UPDATE project SET last_updated_at = ? WHERE id = ?";

    @AfterEach
    void statisticsOff() {
        jdbc.execute("SET QUERY_STATISTICS FALSE");
    }

    @Test
    void a_lone_step_writes_its_status_and_time_in_one_statement() {
        ApiConsortium consortium = consortiumThroughApi("Row written once", "Once Industries");
        jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
        jdbc.execute("SET QUERY_STATISTICS TRUE");
        Map<String, Long> before = Map.of(STATUS_AND_TIME, executions(STATUS_AND_TIME), STATUS_ALONE,
                executions(STATUS_ALONE), TIME_ALONE, executions(TIME_ALONE));

        completeOk(consortium.carrierUser(), awaitTask(consortium.carrierUser(), consortium.projectId(),
                "user_build_consortium"), Map.of("consortiumComplete", true));

        assertThat(executions(STATUS_AND_TIME) - before.get(STATUS_AND_TIME)).as("status and time together").isEqualTo(1);
        assertThat(executions(STATUS_ALONE) - before.get(STATUS_ALONE)).as("status alone").isZero();
        assertThat(executions(TIME_ALONE) - before.get(TIME_ALONE)).as("time alone, after the batch").isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM project WHERE id = ?", String.class, consortium.projectId()))
                .isEqualTo("AWAITING_REVIEWERS");
    }

    private long executions(String sql) {
        return jdbc.queryForList("SELECT EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS WHERE SQL_STATEMENT = ?",
                Long.class, sql).stream().mapToLong(Long::longValue).sum();
    }
}
