package org.tremplin.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tremplin.support.ApiTestSupport;

/**
 * {@link AuthorizedGroupsByIndex}: the engine's look-up of the groups that hold an authorization answers, through the
 * index, exactly the groups Camunda's own statement reads (nulls aside), including groups that sort next to each
 * other, differ only in case or hold many authorizations; and a permission held through such a group is still found,
 * one through a group without any authorization still refused.
 */
class AuthorizedGroupsByIndexTest extends ApiTestSupport {

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> created = new java.util.ArrayList<>();

    @AfterEach
    void removeAuthorizations() {
        AuthorizationService authorizations = processEngine.getAuthorizationService();
        created.forEach(authorizations::deleteAuthorization);
    }

    @Test
    void the_groups_read_through_the_index_are_the_groups_holding_an_authorization() {
        List<String> groups = List.of("zz-" + tag + "-a", "zz-" + tag + "-a0", "zz-" + tag + "-A", "zz-" + tag + "-b");
        for (String group : groups) {
            grant(group, "resource-" + tag + "-1");
        }
        for (int i = 0; i < 30; i++) {
            grant("zz-" + tag + "-b", "resource-" + tag + "-many-" + i);
        }
        grantUser("someone-" + tag, "resource-" + tag + "-2");

        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        assertThat(configuration.getDbSqlSessionFactory().mapStatement(AuthorizedGroupsByIndex.CAMUNDA_STATEMENT))
                .isEqualTo(AuthorizedGroupsByIndex.BY_INDEX);
        List<String> byIndex = configuration.getCommandExecutorTxRequired().execute((Command<List<String>>) context ->
                context.getDbEntityManager().selectList(AuthorizedGroupsByIndex.CAMUNDA_STATEMENT));
        Set<String> everyGroup = new HashSet<>(jdbc.queryForList(
                "SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION WHERE GROUP_ID_ IS NOT NULL", String.class));

        assertThat(byIndex).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(new HashSet<>(byIndex)).isEqualTo(everyGroup).containsAll(groups);
    }

    @Test
    void a_permission_held_through_a_group_is_found_and_one_through_a_group_without_any_is_refused() {
        String resource = "resource-" + tag + "-checked";
        grant("zz-" + tag + "-readers", resource);
        AuthorizationService authorizations = processEngine.getAuthorizationService();

        assertThat(authorizations.isUserAuthorized("nobody-" + tag, List.of("zz-" + tag + "-none", "zz-" + tag + "-readers"),
                Permissions.READ, Resources.PROCESS_DEFINITION, resource)).isTrue();
        assertThat(authorizations.isUserAuthorized("nobody-" + tag, List.of("zz-" + tag + "-none"),
                Permissions.READ, Resources.PROCESS_DEFINITION, resource)).isFalse();
    }

    private void grant(String group, String resource) {
        save(group, null, resource);
    }

    private void grantUser(String user, String resource) {
        save(null, user, resource);
    }

    /** A grant of READ on a process definition to a group or a user, removed after the test. */
    private void save(String group, String user, String resource) {
        AuthorizationService authorizations = processEngine.getAuthorizationService();
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        if (group != null) {
            authorization.setGroupId(group);
        } else {
            authorization.setUserId(user);
        }
        authorization.setResource(Resources.PROCESS_DEFINITION);
        authorization.setResourceId(resource);
        authorization.addPermission(Permissions.READ);
        created.add(authorizations.saveAuthorization(authorization).getId());
    }
}
