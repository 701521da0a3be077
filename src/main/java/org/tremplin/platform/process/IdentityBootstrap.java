package org.tremplin.platform.process;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.shared.Roles;

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
    private final String adminUser;
    private final String adminPassword;

    public IdentityBootstrap(Identity identity, AuthorizationService authorizationService,
                             @Value("${tremplin.admin.user:${TREMPLIN_ADMIN_USER:}}") String adminUser,
                             @Value("${tremplin.admin.password:${TREMPLIN_ADMIN_PASSWORD:}}") String adminPassword) {
        this.identity = identity;
        this.authorizationService = authorizationService;
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
     * task and instance in Cockpit. Members of camunda-admin may do everything: as Camunda's own first-user setup
     * (and its AdministratorAuthorizationPlugin) does, the group gets ALL on every resource type — the engine's
     * built-in admin group only bypasses the few admin-only commands, not the authorizations of users, groups,
     * authorizations, jobs, instances or the webapps.
     */
    private void grantWebappAuthorizations() {
        for (Resources resource : Resources.values()) {
            grant(Roles.ADMIN, resource, Authorization.ANY, Permissions.ALL);
        }
        for (String group : Roles.ALL) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.FILTER, Authorization.ANY, Permissions.READ);
            grant(group, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
        }
        for (String group : List.of(Roles.POLE_STAFF, Roles.AUDITOR)) {
            grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(group, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                    ProcessDefinitionPermissions.READ_HISTORY);
            grant(group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
            grant(group, Resources.TASK, Authorization.ANY, Permissions.READ);
            grant(group, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
            grant(group, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
            grant(group, Resources.USER, Authorization.ANY, Permissions.READ);
            grant(group, Resources.GROUP, Authorization.ANY, Permissions.READ);
        }
    }

    private void grant(String group, Resources resource, String resourceId, Permission... permissions) {
        boolean present = authorizationService.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).count() > 0;
        if (present) {
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
}
