package org.tremplin.demo;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.project.api.FindPreLabelQuery;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.PreLabelView;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.process.PreLabelling;
import org.tremplin.project.process.PreLabellingProcess;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's pre-label (issue 13, src/docs/prelabelling.md), after {@link DemoData}: the carrier of the project still
 * building its consortium ({@code PRJ-DEMO-1}) asks, claire (pole staff) answers "go with changes"; its orientation
 * is computed from the demo's open calls. Through the real process steps, once: nothing when the project already has a
 * pre-label or has left the consortium stage.
 */
@Component
@ConditionalOnProperty(name = "tremplin.demo.enabled", havingValue = "true")
class DemoPreLabel {

    static final String PROJECT = "PRJ-DEMO-1";
    private static final Logger log = LoggerFactory.getLogger(DemoPreLabel.class);

    private final Identity identity;
    private final PreLabelling preLabelling;
    private final UserTasks userTasks;
    private final QueryGateway queryGateway;

    DemoPreLabel(Identity identity, PreLabelling preLabelling, UserTasks userTasks, QueryGateway queryGateway) {
        this.identity = identity;
        this.preLabelling = preLabelling;
        this.userTasks = userTasks;
        this.queryGateway = queryGateway;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(11)
    public void load() {
        Optional<ProjectView> project = awaitConsortium();
        if (project.isEmpty() || project.get().status() != ProjectStatus.CONSORTIUM_BUILDING
                || queryGateway.query(new FindPreLabelQuery(PROJECT), ResponseTypes.optionalInstanceOf(PreLabelView.class))
                .join().isPresent()) {
            return;
        }
        Optional<String> carrierUser = queryGateway.query(new FindOrganisationQuery(project.get().carrierOrganisationId()),
                        ResponseTypes.optionalInstanceOf(OrganisationView.class)).join()
                .flatMap(o -> o.members().stream().findFirst());
        if (carrierUser.isEmpty()) {
            return;
        }
        identity.runAs(carrierUser.get(), () -> preLabelling.request(PROJECT, project.get().title(), carrierUser.get(),
                "Is the consortium ready for the labelling, and which call should we aim at first?"));
        identity.runAs("claire", () -> {
            List<String> groups = identity.groupsOf("claire");
            UserTasks.TaskView task = userTasks.tasksOf("claire", groups, PROJECT).stream()
                    .filter(t -> PreLabellingProcess.Elements.USER_GIVE_PRELABEL_OPINION.equals(t.taskDefinitionKey()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No pre-label task for claire on " + PROJECT));
            userTasks.complete(task.id(), "claire", groups, Map.of(
                    PreLabellingProcess.Variables.OPINION, "GO_WITH_CHANGES",
                    PreLabellingProcess.Variables.ADVICE, "A strong clinical case. Secure the research lab's "
                            + "commitment before the labelling, and aim at the FUI call first: the consortium is "
                            + "eligible once labelled and it pays the most.",
                    PreLabellingProcess.Variables.REQUIRED_CHANGES, "CNRS Alpes joins the consortium under NDA\n"
                            + "Add an emergency-medicine end user to the work plan"));
        });
        log.info("Demo: {} has a pre-label answered by claire", PROJECT);
    }

    /**
     * The project as the read model shows it once its first partner has joined (the tracking processor follows the
     * demo's commands); empty after 60 s without it.
     */
    private Optional<ProjectView> awaitConsortium() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Optional<ProjectView> project = queryGateway.query(new FindProjectQuery(PROJECT),
                    ResponseTypes.optionalInstanceOf(ProjectView.class)).join();
            if (project.isPresent() && (project.get().status() != ProjectStatus.CONSORTIUM_BUILDING
                    || project.get().partners().stream().anyMatch(p -> p.status() == PartnerStatus.JOINED))) {
                return project;
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
