package org.tremplin.platform.process;

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
    private final String adminUser;
    private final String adminPassword;

    public IdentityBootstrap(Identity identity,
                             @Value("${tremplin.admin.user:${TREMPLIN_ADMIN_USER:}}") String adminUser,
                             @Value("${tremplin.admin.password:${TREMPLIN_ADMIN_PASSWORD:}}") String adminPassword) {
        this.identity = identity;
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
        if (!adminUser.isBlank()) {
            if (adminPassword.isBlank()) {
                log.warn("TREMPLIN_ADMIN_USER is set without TREMPLIN_ADMIN_PASSWORD: no administrator created");
            } else if (identity.ensureUser(adminUser, "Tremplin", "Administrator", adminPassword,
                    List.of(Roles.ADMIN, Roles.POLE_STAFF))) {
                log.info("Administrator {} created", adminUser);
            }
        }
    }
}
