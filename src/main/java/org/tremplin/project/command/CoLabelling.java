package org.tremplin.project.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.project.api.CoLabelGrantedEvent;
import org.tremplin.project.api.CoLabelRefusedEvent;
import org.tremplin.project.api.CoLabelRequestWithdrawnEvent;
import org.tremplin.project.api.CoLabelRequestedEvent;
import org.tremplin.project.api.CoLabelStatus;
import org.tremplin.project.api.DecideCoLabelCommand;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.RequestCoLabelCommand;
import org.tremplin.project.api.WithdrawCoLabelRequestCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project's co-labelling by one partner pole (issue 13): asked by the carrier or pole staff once the project was
 * submitted for labelling by the home pole (and not refused, abandoned or closed), decided by a user of that pole,
 * or withdrawn while pending. One request at a time; after a refusal or a withdrawal the pole may be asked again;
 * a granted label is final.
 */
@Aggregate
public class CoLabelling {

    @AggregateIdentifier
    private String coLabelId;
    private String projectId;
    private String poleId;
    private CoLabelStatus status;

    protected CoLabelling() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RequestCoLabelCommand command) {
        String project = Require.text(command.projectId(), "projectId", 64);
        String pole = Require.text(command.poleId(), "poleId", 64);
        if (!RequestCoLabelCommand.idOf(project, pole).equals(command.coLabelId())) {
            throw DomainException.invalid("coLabelId must be " + RequestCoLabelCommand.idOf(project, pole));
        }
        if (command.poleName() == null) {
            throw DomainException.ruleViolated("poleId: no partner pole " + pole
                    + "; pole staff register it first (POST /api/partner-poles)");
        }
        if (status == CoLabelStatus.PENDING) {
            throw DomainException.conflict("Partner pole " + command.poleName() + " was already asked for its label on "
                    + project + " and has not decided yet; withdraw that request first to ask again");
        }
        if (status == CoLabelStatus.GRANTED) {
            throw DomainException.conflict("Partner pole " + command.poleName() + " already granted its label to " + project);
        }
        ProjectStatus projectStatus = Require.present(command.projectStatus(), "projectStatus");
        if (!RequestCoLabelCommand.ASKABLE_STATUSES.contains(projectStatus)) {
            throw DomainException.ruleViolated("Project " + project + " is " + projectStatus + ": a partner pole is asked "
                    + "for its label once the project is submitted for labelling here (and neither refused, abandoned "
                    + "nor closed)");
        }
        String message = command.message() == null || command.message().isBlank() ? null
                : Require.text(command.message(), "message", 4000);
        apply(new CoLabelRequestedEvent(command.coLabelId(), project, pole, command.poleName(),
                Require.text(command.requestedBy(), "requestedBy", 64), message));
    }

    @CommandHandler
    public void handle(DecideCoLabelCommand command) {
        if (status != CoLabelStatus.PENDING) {
            throw DomainException.conflict("No request of " + projectId + " is waiting for partner pole " + poleId
                    + "'s decision (it is " + status + ")");
        }
        if (command.deciderPoleIds() == null || !command.deciderPoleIds().contains(poleId)) {
            throw DomainException.forbidden("You do not act for partner pole " + poleId
                    + "; only its users decide its label");
        }
        Boolean granted = Require.present(command.granted(), "granted");
        String conclusions = Require.text(command.conclusions(), "conclusions", 4000);
        String decidedBy = Require.text(command.decidedBy(), "decidedBy", 64);
        if (granted) {
            apply(new CoLabelGrantedEvent(coLabelId, projectId, poleId, decidedBy, conclusions));
        } else {
            apply(new CoLabelRefusedEvent(coLabelId, projectId, poleId, decidedBy, conclusions));
        }
    }

    @CommandHandler
    public void handle(WithdrawCoLabelRequestCommand command) {
        if (status != CoLabelStatus.PENDING) {
            throw DomainException.conflict("No request of " + projectId + " to partner pole " + poleId
                    + " is pending (it is " + status + "); only a pending request is withdrawn");
        }
        apply(new CoLabelRequestWithdrawnEvent(coLabelId, projectId, poleId,
                Require.text(command.withdrawnBy(), "withdrawnBy", 64), Require.text(command.reason(), "reason", 1000)));
    }

    @EventSourcingHandler
    void on(CoLabelRequestedEvent event) {
        this.coLabelId = event.coLabelId();
        this.projectId = event.projectId();
        this.poleId = event.poleId();
        this.status = CoLabelStatus.PENDING;
    }

    @EventSourcingHandler
    void on(CoLabelGrantedEvent event) {
        this.status = CoLabelStatus.GRANTED;
    }

    @EventSourcingHandler
    void on(CoLabelRefusedEvent event) {
        this.status = CoLabelStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(CoLabelRequestWithdrawnEvent event) {
        this.status = CoLabelStatus.WITHDRAWN;
    }
}
