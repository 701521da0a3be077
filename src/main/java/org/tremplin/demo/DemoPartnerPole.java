package org.tremplin.demo;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.AddPartnerPoleUserCommand;
import org.tremplin.organisation.api.RegisterPartnerPoleCommand;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.RequestCoLabelCommand;
import org.tremplin.project.process.CoLabellings;
import org.tremplin.shared.Roles;

import java.util.List;
import java.util.Optional;

/**
 * The demo's partner pole (co-labelling, issue 13), after {@link DemoData}: "Pôle Aerospace Valley"-like, with its user
 * {@code valentin} (password "demo"), asked by claire for its label on the GaN epitaxy project (PRJ-DEMO-2, under
 * review). Added once, also to a demo loaded before co-labelling existed.
 */
@Component
@ConditionalOnProperty(name = "tremplin.demo.enabled", havingValue = "true")
public class DemoPartnerPole {

    private static final Logger log = LoggerFactory.getLogger(DemoPartnerPole.class);
    static final String POLE_ID = "POLE-AEROSPACE-VALLEY-DEMO";
    static final String USER = "valentin";
    static final String PROJECT = "PRJ-DEMO-2";

    private final Identity identity;
    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final CoLabellings coLabellings;
    private final ReadModels readModels;

    public DemoPartnerPole(Identity identity, CommandGateway commandGateway, QueryGateway queryGateway,
                           CoLabellings coLabellings, ReadModels readModels) {
        this.identity = identity;
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.coLabellings = coLabellings;
        this.readModels = readModels;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(11)
    public void load() {
        if (identity.userExists(USER) || !identity.userExists("claire")) {
            return;
        }
        identity.ensureUser(USER, "Valentin", "Garnier", DemoData.PASSWORD, List.of(Roles.PARTNER_POLE));
        identity.runAs("claire", () -> {
            commandGateway.sendAndWait(new RegisterPartnerPoleCommand(POLE_ID, "Pôle Aerospace Valley (demo)",
                    List.of("Aeronautics", "Space", "Embedded systems", "Power electronics"), "Valentin Garnier",
                    "valentin@aerospace-valley.example"));
            commandGateway.sendAndWait(new AddPartnerPoleUserCommand(POLE_ID, USER));
            readModels.catchUp();
            Optional<ProjectView> project = queryGateway.query(new FindProjectQuery(PROJECT),
                    ResponseTypes.optionalInstanceOf(ProjectView.class)).join();
            project.ifPresent(p -> coLabellings.request(new CoLabellings.Request(
                    RequestCoLabelCommand.idOf(PROJECT, POLE_ID), PROJECT, p.title(), p.status(), POLE_ID,
                    "Pôle Aerospace Valley (demo)", List.of(USER),
                    "GaN power converters for more-electric aircraft: would your pole co-label this project?")));
            readModels.catchUp();
        });
        log.info("Demo partner pole {} with its user {} (password \"demo\"), asked for its label on {}", POLE_ID, USER,
                PROJECT);
    }
}
