package org.tremplin.project.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.project.api.ClosePreLabelRoundCommand;
import org.tremplin.project.api.GivePreLabelOpinionCommand;
import org.tremplin.project.api.PreLabelOpinion;
import org.tremplin.project.api.PreLabelOpinionGivenEvent;
import org.tremplin.project.api.PreLabelOrientationComputedEvent;
import org.tremplin.project.api.PreLabelRequestedEvent;
import org.tremplin.project.api.PreLabelRoundClosedEvent;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.RecordPreLabelOrientationCommand;
import org.tremplin.project.api.RequestPreLabelCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project's pre-label file (issue 13): an early, light review before the full labelling. The carrier asks while the
 * consortium is being built; the funding orientation is kept with the round; one pole staff member or expert, independent
 * of the consortium, answers GO, GO_WITH_CHANGES or NOT_YET with advice. One round at a time; a new round may be
 * asked once the previous one is answered, until the labelling starts. A pending round is closed without an opinion
 * when the project is abandoned (refused when none is pending). One file per project, {@code PRELABEL-<project>}.
 */
@Aggregate
public class PreLabel {

    static final int MAX_TEXT = 4000;
    static final int MAX_CHANGES = 30;

    @AggregateIdentifier
    private String preLabelId;
    private String projectId;
    private int round;
    private boolean pending;
    private boolean orientationRecorded;
    private String requestedBy;
    private final Set<String> consortium = new LinkedHashSet<>();

    protected PreLabel() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(RequestPreLabelCommand command) {
        String project = Require.text(command.projectId(), "projectId", 64);
        if (!RequestPreLabelCommand.idOf(project).equals(command.preLabelId())) {
            throw DomainException.invalid("preLabelId must be " + RequestPreLabelCommand.idOf(project));
        }
        if (pending) {
            throw DomainException.conflict("A pre-label of " + project + " is already pending (round " + round
                    + ", asked by " + requestedBy + "); ask again once it is answered");
        }
        ProjectStatus status = Require.present(command.projectStatus(), "projectStatus");
        if (status != ProjectStatus.CONSORTIUM_BUILDING) {
            throw DomainException.conflict("Project " + project + " is " + status + ": a pre-label is asked while the "
                    + "consortium is being built, before the full labelling starts");
        }
        String carrier = Require.text(command.carrierOrganisationId(), "carrierOrganisationId", 80);
        String by = Require.text(command.requestedBy(), "requestedBy", 64);
        String note = command.note() == null || command.note().isBlank() ? null
                : Require.text(command.note(), "note", MAX_TEXT);
        int next = round + 1;
        apply(new PreLabelRequestedEvent(command.preLabelId(), project, next, carrier, by, note));
        return next;
    }

    @CommandHandler
    public void handle(RecordPreLabelOrientationCommand command) {
        if (!pending || command.round() != round) {
            throw DomainException.conflict("Round " + command.round() + " of " + preLabelId + " is not pending");
        }
        if (orientationRecorded) {
            throw DomainException.conflict("The orientation of round " + round + " of " + preLabelId
                    + " is already kept");
        }
        Require.present(command.orientation(), "orientation");
        Require.present(command.orientation().calls(), "orientation.calls");
        apply(new PreLabelOrientationComputedEvent(preLabelId, projectId, round, command.orientation()));
    }

    @CommandHandler
    public void handle(GivePreLabelOpinionCommand command) {
        if (!pending) {
            throw DomainException.conflict("No pre-label of " + projectId + " is pending"
                    + (round == 0 ? "" : " (round " + round + " is answered)") + "; the carrier asks for one first");
        }
        PreLabelOpinion opinion = Require.present(command.opinion(), "opinion");
        String advice = Require.text(command.advice(), "advice", MAX_TEXT);
        String expert = Require.text(command.expert(), "expert", 64);
        List<String> changes = new ArrayList<>();
        if (command.requiredChanges() != null) {
            command.requiredChanges().stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(changes::add);
        }
        if (opinion == PreLabelOpinion.GO_WITH_CHANGES && changes.isEmpty()) {
            throw DomainException.invalid("requiredChanges: list the changes required (one per line) for a "
                    + "GO_WITH_CHANGES opinion");
        }
        if (opinion != PreLabelOpinion.GO_WITH_CHANGES && !changes.isEmpty()) {
            throw DomainException.invalid("requiredChanges: only a GO_WITH_CHANGES opinion lists required changes ("
                    + opinion + " puts its advice in the advice)");
        }
        if (changes.size() > MAX_CHANGES) {
            throw DomainException.invalid("requiredChanges: at most " + MAX_CHANGES + " changes (got " + changes.size() + ")");
        }
        for (String change : changes) {
            Require.text(change, "requiredChanges", 1000);
        }
        Set<String> members = new LinkedHashSet<>(consortium);
        if (command.consortiumOrganisationIds() != null) {
            command.consortiumOrganisationIds().stream().filter(Objects::nonNull).forEach(members::add);
        }
        for (String organisation : command.expertOrganisationIds() == null ? List.<String>of()
                : command.expertOrganisationIds()) {
            if (members.contains(organisation)) {
                throw DomainException.ruleViolated("Expert " + expert + " acts for " + organisation
                        + ", a member of this consortium: the pre-label is given by an independent expert");
            }
        }
        apply(new PreLabelOpinionGivenEvent(preLabelId, projectId, round, opinion, advice, List.copyOf(changes), expert));
    }

    @CommandHandler
    public void handle(ClosePreLabelRoundCommand command) {
        if (!pending) {
            throw DomainException.conflict("No pre-label of " + projectId + " is pending"
                    + (round == 0 ? "" : " (round " + round + " is over)") + "; only a pending round is closed");
        }
        String reason = Require.text(command.reason(), "reason", 1000);
        String by = Require.text(command.closedBy(), "closedBy", 64);
        apply(new PreLabelRoundClosedEvent(preLabelId, projectId, round, reason, by));
    }

    @EventSourcingHandler
    void on(PreLabelRequestedEvent event) {
        preLabelId = event.preLabelId();
        projectId = event.projectId();
        round = event.round();
        pending = true;
        orientationRecorded = false;
        requestedBy = event.requestedBy();
        consortium.add(event.carrierOrganisationId());
    }

    @EventSourcingHandler
    void on(PreLabelOrientationComputedEvent event) {
        orientationRecorded = true;
    }

    @EventSourcingHandler
    void on(PreLabelOpinionGivenEvent event) {
        pending = false;
    }

    @EventSourcingHandler
    void on(PreLabelRoundClosedEvent event) {
        pending = false;
    }
}
