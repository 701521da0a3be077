package org.tremplin.platform.process;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.shared.Roles;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Makes sure Tremplin's groups exist, and creates a first administrator when one is configured
 * ({@code TREMPLIN_ADMIN_USER} / {@code TREMPLIN_ADMIN_PASSWORD}); no password is ever built in.
 */
@Component
public class IdentityBootstrap {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final Identity identity;
    private final AuthorizationService authorizationService;
    private final ProcessEngineConfigurationImpl engineConfiguration;
    private final String adminUser;
    private final String adminPassword;

    public IdentityBootstrap(Identity identity, AuthorizationService authorizationService, ProcessEngine processEngine,
                             @Value("${tremplin.admin.user:${TREMPLIN_ADMIN_USER:}}") String adminUser,
                             @Value("${tremplin.admin.password:${TREMPLIN_ADMIN_PASSWORD:}}") String adminPassword) {
        this.identity = identity;
        this.authorizationService = authorizationService;
        this.engineConfiguration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void ensureGroupsAndAdmin() {
        identity.ensureGroup(Roles.ADMIN, "Camunda administrators");
        identity.ensureGroup(Roles.POLE_STAFF, "Pole staff");
        identity.ensureGroup(Roles.CARRIER, "Project carriers and partners");
        identity.ensureGroup(Roles.REVIEWER, "Reviewers");
        identity.ensureGroup(Roles.FUNDER, "Funders");
        identity.ensureGroup(Roles.INVESTOR, "Investors");
        identity.ensureGroup(Roles.AUDITOR, "Auditors");
        identity.ensureGroup(Roles.IP_ADVISER, "IP advisers");
        identity.ensureGroup(Roles.PARTNER_POLE, "Partner poles' users");
        grantWebappAuthorizations();
        removeTaskGrantsOfPoleStaff();
        if (!adminUser.isBlank()) {
            if (adminPassword.isBlank()) {
                log.warn("TREMPLIN_ADMIN_USER is set without TREMPLIN_ADMIN_PASSWORD: no administrator created");
            } else if (identity.ensureUser(adminUser, "Tremplin", "Administrator", adminPassword,
                    List.of(Roles.ADMIN, Roles.POLE_STAFF))) {
                log.info("Administrator {} created", adminUser);
            }
        }
    }

    /**
     * Camunda's authorizations govern Tasklist, Cockpit and the engine REST (Tremplin's API applies its
     * own rules). Everyone reaches Tasklist and sees the models; tasks are visible and workable by their
     * assignee and candidates (Camunda grants that on assignment); pole staff and auditors also read every
     * task and instance in Cockpit, and pole staff work on every task (as the API lets them; no grant per task,
     * {@link PoleStaffTaskGrants}). Members of camunda-admin may do everything: as Camunda's own first-user setup
     * (and its AdministratorAuthorizationPlugin) does, the group gets ALL on every resource type — the engine's
     * built-in admin group only bypasses the few admin-only commands, not the authorizations of users, groups,
     * authorizations, jobs, instances or the webapps.
     */
    private void grantWebappAuthorizations() {
        for (Resources resource : Resources.values()) {
            grant(Roles.ADMIN, resource, Authorization.ANY, Permissions.ALL);
        }
        List<String> readEverything = List.of(Roles.POLE_STAFF, Roles.AUDITOR);
        for (String group : Roles.ALL) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.FILTER, Authorization.ANY, Permissions.READ);
            if (!readEverything.contains(group)) {
                grant(group, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
            }
        }
        // before session 39 a grant already there was left as it was: these two groups kept the READ on the models
        // given to everyone above, without the reads of instances, tasks and history below; grant() now adds them
        for (String group : readEverything) {
            grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(group, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                    ProcessDefinitionPermissions.READ_HISTORY);
            grant(group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
            // pole staff may work on any task, as the API lets them (PoleStaffTaskGrants: no grant per task);
            // auditors only read
            if (Roles.POLE_STAFF.equals(group)) {
                grant(group, Resources.TASK, Authorization.ANY, Permissions.READ, Permissions.UPDATE);
            } else {
                grant(group, Resources.TASK, Authorization.ANY, Permissions.READ);
            }
            grant(group, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
            grant(group, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
            grant(group, Resources.USER, Authorization.ANY, Permissions.READ);
            grant(group, Resources.GROUP, Authorization.ANY, Permissions.READ);
        }
    }

    /**
     * Grants the permissions to the group on the resource, adding those missing to a grant already there (a database
     * of an earlier version).
     */
    private void grant(String group, Resources resource, String resourceId, Permission... permissions) {
        Authorization present = authorizationService.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).authorizationType(Authorization.AUTH_TYPE_GRANT)
                .singleResult();
        if (present != null) {
            boolean missing = false;
            for (Permission permission : permissions) {
                if (!present.isPermissionGranted(permission)) {
                    present.addPermission(permission);
                    missing = true;
                }
            }
            if (missing) {
                authorizationService.saveAuthorization(present);
                log.info("Permissions of {} on {} {} widened to {}", group, resource.resourceName(), resourceId,
                        List.of(permissions));
            }
            return;
        }
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizationService.saveAuthorization(authorization);
    }

    /**
     * Removes the grants of pole staff on single tasks that their grant on every task covers (READ, UPDATE), written
     * by Camunda for each task offered to them before {@link PoleStaffTaskGrants}: once, in one statement, on a
     * database of an earlier version; nothing afterwards. Runs after that grant is in place, so that pole staff never
     * lose a permission; any other grant (another group's, a user's, a revocation, wider permissions) stays.
     */
    private void removeTaskGrantsOfPoleStaff() {
        int removed = engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
            String sql = "DELETE FROM " + engineConfiguration.getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION"
                    + " WHERE TYPE_ = ? AND GROUP_ID_ = ? AND RESOURCE_TYPE_ = ? AND RESOURCE_ID_ <> ? AND PERMS_ IN (?, ?, ?)";
            try (PreparedStatement statement = context.getDbSqlSession().getSqlSession().getConnection().prepareStatement(sql)) {
                statement.setInt(1, Authorization.AUTH_TYPE_GRANT);
                statement.setString(2, Roles.POLE_STAFF);
                statement.setInt(3, Resources.TASK.resourceType());
                statement.setString(4, Authorization.ANY);
                statement.setInt(5, Permissions.READ.getValue());
                statement.setInt(6, Permissions.UPDATE.getValue());
                statement.setInt(7, Permissions.READ.getValue() | Permissions.UPDATE.getValue());
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw new ProcessEngineException("Could not remove the task grants of " + Roles.POLE_STAFF, e);
            }
        });
        if (removed > 0) {
            log.info("{} grants of {} on single tasks removed: their grant on every task covers them", removed,
                    Roles.POLE_STAFF);
        }
    }
}
