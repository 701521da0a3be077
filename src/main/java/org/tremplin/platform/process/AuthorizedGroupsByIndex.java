package org.tremplin.platform.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda's look-up of the groups that hold any authorization, by the index on their group instead of a scan of
 * every authorization.
 *
 * <p>With authorizations on, each engine command that checks a user's permission first narrows the user's groups to
 * those named by some authorization ({@code AuthorizationManager#filterAuthenticatedGroupIds}) with {@code SELECT
 * distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A}: a read of every authorization, once a command. Camunda writes
 * an authorization for each running task's candidate group or user, so that read grows with the running tasks: 2,358
 * authorizations after 2,000 labellings (0.93 ms a read on PostgreSQL under load; once in each engine command that
 * checks an authenticated user's permissions, as the engine REST, Tasklist and Cockpit do), ten times that at a
 * national scale of open steps. This plugin maps that statement to one that walks the index on
 * {@code GROUP_ID_} from group to group ({@code authorized-group-ids.xml}, a recursive query: one index probe a
 * group, about ten groups here), which answers the same groups; the one difference, no null for the user
 * authorizations, is removed by Camunda anyway (it keeps only the user's own groups).
 *
 * <p>Through Camunda's own statement mapping ({@link DbSqlSessionFactory#mapStatement}), the way it maps statements
 * for each database: the engine's code and the other statements are untouched.
 */
@Component
public class AuthorizedGroupsByIndex extends AbstractProcessEnginePlugin {

    /** Camunda's statement. */
    static final String CAMUNDA_STATEMENT = "selectAuthorizedGroupIds";
    /** Its replacement, in {@code authorized-group-ids.xml}. */
    static final String BY_INDEX = "selectAuthorizedGroupIdsByIndex";
    private static final String MAPPING = "org/tremplin/platform/process/authorized-group-ids.xml";

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        if (!mybatis.hasStatement(BY_INDEX)) {
            try (InputStream xml = AuthorizedGroupsByIndex.class.getClassLoader().getResourceAsStream(MAPPING)) {
                if (xml == null) {
                    throw new IllegalStateException(MAPPING + " is missing from the class path");
                }
                new XMLMapperBuilder(xml, mybatis, MAPPING, mybatis.getSqlFragments()).parse();
            } catch (IOException e) {
                throw new IllegalStateException("Could not read " + MAPPING, e);
            }
        }
        DbSqlSessionFactory statements = configuration.getDbSqlSessionFactory();
        // a copy: the map Camunda gives is shared by every engine on the same kind of database
        Map<String, String> mappings = statements.getStatementMappings() == null ? new HashMap<>()
                : new HashMap<>(statements.getStatementMappings());
        mappings.put(CAMUNDA_STATEMENT, BY_INDEX);
        statements.setStatementMappings(mappings);
    }
}
