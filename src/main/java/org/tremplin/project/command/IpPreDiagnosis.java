package org.tremplin.project.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.IpPreDiagnosisFindingsRecordedEvent;
import org.tremplin.project.api.IpPreDiagnosisRequestedEvent;
import org.tremplin.project.api.IpPreDiagnosisSummarySharedEvent;
import org.tremplin.project.api.RecordIpPreDiagnosisFindingsCommand;
import org.tremplin.project.api.RequestIpPreDiagnosisCommand;
import org.tremplin.project.api.ShareIpPreDiagnosisSummaryCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An SME's industrial-property pre-diagnosis for one project (issue 13): requested by the SME, findings recorded by
 * the pole's IP adviser, then a summary the SME chooses to share with the consortium. One per SME and project.
 */
@Aggregate
public class IpPreDiagnosis {

    @AggregateIdentifier
    private String preDiagnosisId;
    private boolean requested;
    private String projectId;
    private String organisationId;
    private boolean findingsRecorded;
    private boolean shared;

    protected IpPreDiagnosis() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RequestIpPreDiagnosisCommand command) {
        if (requested) {
            throw DomainException.conflict(command.organisationId() + " already asked for an IP pre-diagnosis of "
                    + command.projectId());
        }
        String project = Require.text(command.projectId(), "projectId", 64);
        String organisation = Require.text(command.organisationId(), "organisationId", 80);
        if (!RequestIpPreDiagnosisCommand.idOf(project, organisation).equals(command.preDiagnosisId())) {
            throw DomainException.invalid("preDiagnosisId must be " + RequestIpPreDiagnosisCommand.idOf(project, organisation));
        }
        if (command.organisationKind() != OrganisationKind.SME) {
            throw DomainException.invalid("organisationId: " + organisation + " is not an SME ("
                    + command.organisationKind() + "); the IP pre-diagnosis is offered to SMEs");
        }
        apply(new IpPreDiagnosisRequestedEvent(command.preDiagnosisId(), project, organisation,
                Require.text(command.requestedBy(), "requestedBy", 64)));
    }

    @CommandHandler
    public void handle(RecordIpPreDiagnosisFindingsCommand command) {
        if (findingsRecorded) {
            throw DomainException.conflict("The findings of " + preDiagnosisId + " are already recorded");
        }
        String adviser = Require.text(command.adviser(), "adviser", 64);
        String priorArt = Require.text(command.priorArtToCheck(), "priorArtToCheck", 4000);
        String file = Require.text(command.fileBeforeDisclosure(), "fileBeforeDisclosure", 4000);
        String secret = Require.text(command.keepSecret(), "keepSecret", 4000);
        apply(new IpPreDiagnosisFindingsRecordedEvent(preDiagnosisId, projectId, organisationId, adviser, priorArt,
                file, secret));
    }

    @CommandHandler
    public void handle(ShareIpPreDiagnosisSummaryCommand command) {
        if (!findingsRecorded) {
            throw DomainException.conflict("The IP adviser has not recorded the findings of " + preDiagnosisId
                    + " yet; share a summary once they are recorded");
        }
        if (shared) {
            throw DomainException.conflict("A summary of " + preDiagnosisId + " is already shared with the consortium");
        }
        String summary = Require.text(command.summary(), "summary", 4000);
        apply(new IpPreDiagnosisSummarySharedEvent(preDiagnosisId, projectId, organisationId, summary,
                Require.text(command.sharedBy(), "sharedBy", 64)));
    }

    @EventSourcingHandler
    void on(IpPreDiagnosisRequestedEvent event) {
        this.preDiagnosisId = event.preDiagnosisId();
        this.projectId = event.projectId();
        this.organisationId = event.organisationId();
        this.requested = true;
    }

    @EventSourcingHandler
    void on(IpPreDiagnosisFindingsRecordedEvent event) {
        this.findingsRecorded = true;
    }

    @EventSourcingHandler
    void on(IpPreDiagnosisSummarySharedEvent event) {
        this.shared = true;
    }
}
