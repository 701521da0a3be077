package org.tremplin.platform.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An index Camunda's schema has on SQL Server only, created on H2 and PostgreSQL once the engine has created or updated
 * its tables: {@value #TASK_PARENT} on {@code ACT_RU_TASK(PARENT_TASK_ID_)}.
 *
 * <p>The engine looks a task's sub-tasks up by that column each time a task is completed ({@code select * from
 * ACT_RU_TASK where PARENT_TASK_ID_ = ?}), six times a labelling. Without an index that reads every running task: on
 * PostgreSQL with 20,000 running tasks (a national deployment's order of magnitude: fifty poles, their projects'
 * open steps) 16–17 ms a completion, 0.24–0.32 ms with it (src/docs/performance.md, session 27). Camunda added the same
 * index to its SQL Server schema only (camunda-bpm-platform pull request 4030).
 *
 * <p>{@code CREATE INDEX IF NOT EXISTS} at each start: nothing to do once it exists; two nodes starting at once may
 * both try, and the one that finds it created meanwhile says so and goes on. A failure for another reason is logged
 * and the engine starts without it (slower completions, nothing wrong).
 */
@Component
public class EngineIndexes extends AbstractProcessEnginePlugin {

    /** The index's name, as Camunda names it on SQL Server. */
    public static final String TASK_PARENT = "ACT_IDX_TASK_PARENT_TASK_ID";

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        String sql = "CREATE INDEX IF NOT EXISTS " + TASK_PARENT + " ON " + configuration.getDatabaseTablePrefix()
                + "ACT_RU_TASK (PARENT_TASK_ID_)";
        try (Connection connection = configuration.getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            log.warn("Index {} on ACT_RU_TASK not created ({}): a task's completion reads every running task to find its"
                    + " sub-tasks until it exists (another node may have been creating it at the same moment)",
                    TASK_PARENT, e.getMessage());
        }
    }
}
