package org.tremplin.funding.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.funding.api.EnterpriseSize;
import org.tremplin.funding.api.HistoricalStateAidImportedEvent;
import org.tremplin.funding.api.ImportHistoricalStateAidCommand;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.ReleaseStateAidCommand;
import org.tremplin.funding.api.StateAidRecordedEvent;
import org.tremplin.funding.api.StateAidReleasedEvent;
import org.tremplin.funding.api.StateAidParticipant;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.platform.config.StepMetadata;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Money;
import org.tremplin.shared.Percentage;
import org.tremplin.shared.Require;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One partner's cross-funder state-aid ledger for one project: the public aid every funder grants it for the same
 * R&amp;D costs, checked against the EU aid-intensity ceiling (GBER art. 25) for its size and research categories.
 *
 * <p>The same costs are presented to several funders, so the ledger keeps, per research category, the <b>highest</b>
 * cost declared so far (never the sum); the ceiling is {@code IR × IR ceiling % + ED × ED ceiling %} on those kept
 * costs, rounded down to the cent. {@link StateAidRecordedEvent} carries the kept costs (the basis of its
 * {@code ceilingAmount}), not only those of the recording funder. Aid is kept per application: recording again for
 * the same application adds to it (a budget shift in), {@link ReleaseStateAidCommand} takes it back.
 *
 * <p>A total above the ceiling is refused, unless pole staff record a justification: then it is accepted and
 * marked over the ceiling.
 */
@Aggregate
public class StateAidLedger {

    static final int MAX_ID_LENGTH = 100;
    static final int MAX_TEXT_LENGTH = 2000;

    @AggregateIdentifier
    private String ledgerId;
    private String projectId;
    private String organisationId;
    private BigDecimal industrialResearchCost = BigDecimal.ZERO.setScale(2);
    private BigDecimal experimentalDevelopmentCost = BigDecimal.ZERO.setScale(2);
    /** The aid recorded per application id, in recording order. */
    private final Map<String, BigDecimal> aidByApplication = new LinkedHashMap<>();
    private final Map<String, String> funderByApplication = new LinkedHashMap<>();
    private BigDecimal totalAid = BigDecimal.ZERO.setScale(2);
    /** Source file and row of each aid imported as history ({@code file#row}). */
    private final java.util.Set<String> importedSources = new java.util.HashSet<>();

    protected StateAidLedger() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordStateAidCommand command, FundingRules rules,
                       @MetaDataValue(StepMetadata.ROLES) String actingRoles) {
        String project = Require.text(command.projectId(), "projectId", MAX_ID_LENGTH);
        String organisation = Require.text(command.organisationId(), "organisationId", MAX_ID_LENGTH);
        String expectedId = RecordStateAidCommand.ledgerId(project, organisation);
        if (!expectedId.equals(command.ledgerId())) {
            throw DomainException.invalid("ledgerId must be derived from the project and the partner: " + expectedId
                    + " (got " + command.ledgerId() + ")");
        }
        String application = Require.text(command.applicationId(), "applicationId", MAX_ID_LENGTH);
        String funder = Require.text(command.funderId(), "funderId", MAX_ID_LENGTH);
        requireSameFunder(application, funder);
        OrganisationKind kind = Require.present(command.organisationKind(), "organisationKind");
        if (command.headcount() < 0) {
            throw DomainException.invalid("headcount cannot be negative (got " + command.headcount() + ")");
        }
        EnterpriseSize size = StateAidFacts.size(kind, command.headcount());
        List<StateAidFacts.Participant> participants = new ArrayList<>();
        BigDecimal ir = null;
        BigDecimal ed = null;
        for (StateAidParticipant participant : Require.notEmpty(command.participants(), "participants")) {
            Require.present(participant, "each participant");
            String id = Require.text(participant.organisationId(), "organisationId of a participant", MAX_ID_LENGTH);
            String suffix = id.equals(organisation) ? "" : " of " + id;
            BigDecimal participantIr = Require.euros(participant.industrialResearchCost(), "industrialResearchCost" + suffix);
            BigDecimal participantEd = Require.euros(participant.experimentalDevelopmentCost(),
                    "experimentalDevelopmentCost" + suffix);
            participants.add(new StateAidFacts.Participant(Require.present(participant.kind(), "kind" + suffix),
                    participantIr.add(participantEd)));
            if (id.equals(organisation)) {
                ir = participantIr;
                ed = participantEd;
            }
        }
        if (ir == null) {
            throw DomainException.invalid("participants must include the partner " + organisation + " with its costs");
        }
        boolean collaboration = StateAidFacts.effectiveCollaboration(participants);
        boolean authorised = mayJustify(actingRoles);
        if (ir.add(ed).signum() == 0) {
            throw DomainException.invalid("the eligible costs (industrial research plus experimental development) must be "
                    + "more than 0");
        }
        BigDecimal amount = Require.euros(command.amount(), "amount");
        if (amount.signum() == 0) {
            throw DomainException.invalid("amount must be more than 0");
        }
        BigDecimal keptIr = industrialResearchCost.max(ir);
        BigDecimal keptEd = experimentalDevelopmentCost.max(ed);
        FundingRules.Ceiling ceiling = rules.ceiling(size, collaboration);
        BigDecimal ceilingAmount = Money.cents(keptIr.multiply(ceiling.industrialResearchPercent())
                .add(keptEd.multiply(ceiling.experimentalDevelopmentPercent())).movePointLeft(2));
        BigDecimal total = totalAid.add(amount);
        boolean over = total.compareTo(ceilingAmount) > 0;
        String justification = null;
        if (over) {
            String basis = " (industrial research " + Percentage.plain(ceiling.industrialResearchPercent()) + " % of "
                    + Money.plain(keptIr) + ", experimental development "
                    + Percentage.plain(ceiling.experimentalDevelopmentPercent()) + " % of " + Money.plain(keptEd)
                    + " for a " + size + " partner" + (collaboration
                    ? " in effective collaboration" : "") + "; " + ceiling.note() + ")";
            if (!authorised) {
                // a funder's user learns the outcome, never the total: it would reveal the other funders' grants
                throw (command.justification() == null || command.justification().isBlank()
                        ? DomainException.ruleViolated("A grant of " + Money.plain(amount) + " to " + organisation
                        + " would take its public aid across all funders above the state-aid ceiling of "
                        + Money.plain(ceilingAmount) + basis + "; refuse, reduce the grant, or ask pole staff to record a justification")
                        : DomainException.forbidden("A grant of " + Money.plain(amount) + " to " + organisation
                        + " would take its public aid across all funders above the state-aid ceiling of "
                        + Money.plain(ceilingAmount) + "; only pole staff may justify exceeding it"));
            }
            if (command.justification() == null || command.justification().isBlank()) {
                throw DomainException.ruleViolated("Total public aid for " + organisation + " would reach "
                        + Money.plain(total) + " across all funders, above the state-aid ceiling of " + Money.plain(ceilingAmount)
                        + basis + "; refuse, reduce the grant, or record a justification by pole staff");
            }
            justification = Require.text(command.justification(), "justification", MAX_TEXT_LENGTH);
        }
        apply(new StateAidRecordedEvent(command.ledgerId(), project, organisation, application, funder, size,
                collaboration, keptIr, keptEd, ceiling.industrialResearchPercent(),
                ceiling.experimentalDevelopmentPercent(), ceilingAmount, amount, total, over, justification));
    }

    /**
     * Imported history: aid received before Tremplin joins the ledger's total (it counts towards the ceiling of aid
     * recorded later) without a ceiling check or costs. Once per source file and row: {@code false} when already there.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ImportHistoricalStateAidCommand command) {
        String project = Require.text(command.projectId(), "projectId", MAX_ID_LENGTH);
        String organisation = Require.text(command.organisationId(), "organisationId", MAX_ID_LENGTH);
        String expectedId = RecordStateAidCommand.ledgerId(project, organisation);
        if (!expectedId.equals(command.ledgerId())) {
            throw DomainException.invalid("ledgerId must be derived from the project and the partner: " + expectedId
                    + " (got " + command.ledgerId() + ")");
        }
        String file = Require.text(command.sourceFile(), "sourceFile", MAX_ID_LENGTH);
        String source = file + "#" + command.sourceRow();
        if (importedSources.contains(source)) {
            return false;
        }
        String funder = Require.text(command.funder(), "funder", MAX_ID_LENGTH);
        BigDecimal amount = Require.euros(command.amount(), "amount");
        if (amount.signum() == 0) {
            throw DomainException.invalid("amount must be more than 0 (aid not filled in is not imported)");
        }
        String run = Require.text(command.importRunId(), "importRunId", MAX_ID_LENGTH);
        String note = command.note() == null || command.note().isBlank() ? null
                : Require.text(command.note(), "note", MAX_TEXT_LENGTH);
        apply(new HistoricalStateAidImportedEvent(command.ledgerId(), project, organisation, funder, amount,
                totalAid.add(amount), note, run, file, command.sourceRow()));
        return true;
    }

    @CommandHandler
    public void handle(ReleaseStateAidCommand command) {
        String application = Require.text(command.applicationId(), "applicationId", MAX_ID_LENGTH);
        String funder = Require.text(command.funderId(), "funderId", MAX_ID_LENGTH);
        BigDecimal recorded = aidByApplication.get(application);
        if (recorded == null) {
            throw DomainException.ruleViolated("No aid of application " + application + " is recorded for "
                    + organisationId + " in project " + projectId + "; nothing to release");
        }
        requireSameFunder(application, funder);
        BigDecimal amount = Require.euros(command.amount(), "amount");
        if (amount.signum() == 0) {
            throw DomainException.invalid("amount must be more than 0");
        }
        if (amount.compareTo(recorded) > 0) {
            throw DomainException.ruleViolated("Cannot release " + Money.plain(amount) + " of application " + application
                    + ": only " + Money.plain(recorded) + " is recorded for " + organisationId);
        }
        String reason = Require.text(command.reason(), "reason", MAX_TEXT_LENGTH);
        apply(new StateAidReleasedEvent(ledgerId, projectId, organisationId, application, funder, amount,
                totalAid.subtract(amount), reason));
    }

    /** Pole staff (or Camunda's administrators) may justify aid over the ceiling; the groups are the acting user's. */
    private static boolean mayJustify(String actingRoles) {
        if (actingRoles == null || actingRoles.isBlank()) {
            return false;
        }
        List<String> groups = Arrays.stream(actingRoles.split(",")).map(String::strip).toList();
        return groups.contains(Roles.POLE_STAFF) || groups.contains(Roles.ADMIN);
    }

    private void requireSameFunder(String application, String funder) {
        String known = funderByApplication.get(application);
        if (known != null && !known.equals(funder)) {
            throw DomainException.invalid("application " + application + " is funded by " + known + ", not " + funder);
        }
    }

    @EventSourcingHandler
    void on(StateAidRecordedEvent event) {
        ledgerId = event.ledgerId();
        projectId = event.projectId();
        organisationId = event.organisationId();
        industrialResearchCost = industrialResearchCost.max(event.industrialResearchCost());
        experimentalDevelopmentCost = experimentalDevelopmentCost.max(event.experimentalDevelopmentCost());
        aidByApplication.merge(event.applicationId(), event.amount(), BigDecimal::add);
        funderByApplication.putIfAbsent(event.applicationId(), event.funderId());
        totalAid = event.totalAid();
    }

    @EventSourcingHandler
    void on(HistoricalStateAidImportedEvent event) {
        ledgerId = event.ledgerId();
        projectId = event.projectId();
        organisationId = event.organisationId();
        importedSources.add(event.sourceFile() + "#" + event.sourceRow());
        totalAid = event.totalAid();
    }

    @EventSourcingHandler
    void on(StateAidReleasedEvent event) {
        aidByApplication.computeIfPresent(event.applicationId(), (id, aid) -> aid.subtract(event.amount()));
        totalAid = event.totalAid();
    }
}
