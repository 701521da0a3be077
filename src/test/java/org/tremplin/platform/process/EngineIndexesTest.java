package org.tremplin.platform.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.support.ApiTestSupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The index Camunda's schema lacks on H2 and PostgreSQL ({@link EngineIndexes}): present once the engine started, used
 * by the engine's look-up of a task's sub-tasks, and created again without harm at the next start.
 */
class EngineIndexesTest extends ApiTestSupport {

    @Autowired
    private DataSource dataSource;
    @Autowired
    private ProcessEngine processEngine;
    @Autowired
    private EngineIndexes engineIndexes;

    @Test
    void running_tasks_are_indexed_by_their_parent_task_and_the_engines_look_up_uses_it() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            assertThat(indexes(connection, postgres ? "act_ru_task" : "ACT_RU_TASK"))
                    .contains(postgres ? EngineIndexes.TASK_PARENT.toLowerCase(Locale.ROOT) : EngineIndexes.TASK_PARENT);

            try (Statement statement = connection.createStatement()) {
                String plan;
                if (postgres) {
                    // with sequential scans priced out, the plan takes an index when one exists
                    connection.setAutoCommit(false);
                    statement.execute("SET LOCAL enable_seqscan = off");
                    plan = plan(statement, "EXPLAIN select * from ACT_RU_TASK where PARENT_TASK_ID_ = 'a task'");
                    connection.rollback();
                    connection.setAutoCommit(true);
                } else {
                    plan = plan(statement, "EXPLAIN select * from ACT_RU_TASK where PARENT_TASK_ID_ = 'a task'");
                }
                assertThat(plan.toUpperCase(Locale.ROOT)).contains(EngineIndexes.TASK_PARENT);
            }
        }
        // a second start finds it there
        assertThatCode(() -> engineIndexes.postProcessEngineBuild(processEngine)).doesNotThrowAnyException();
    }

    private static List<String> indexes(Connection connection, String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (rows.next()) {
                names.add(rows.getString("INDEX_NAME"));
            }
        }
        return names;
    }

    private static String plan(Statement statement, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
