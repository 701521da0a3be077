package org.tremplin.funding.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.platform.query.BatchedWrites;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.ApplicationStatus;
import org.tremplin.funding.api.ContributorShare;
import org.tremplin.funding.api.ConventionAmendedEvent;
import org.tremplin.funding.api.ConventionClosedEvent;
import org.tremplin.funding.api.ConventionLapsedEvent;
import org.tremplin.funding.api.ConventionSignedEvent;
import org.tremplin.funding.api.ConventionStatus;
import org.tremplin.funding.api.ConventionView;
import org.tremplin.funding.api.ExpenseStatementApprovedEvent;
import org.tremplin.funding.api.ExpenseStatementRejectedEvent;
import org.tremplin.funding.api.ExpenseStatementSubmittedEvent;
import org.tremplin.funding.api.FinalReportAcceptedEvent;
import org.tremplin.funding.api.FundingApplicationRejectedEvent;
import org.tremplin.funding.api.FundingApplicationSubmittedEvent;
import org.tremplin.funding.api.FundingGrantedEvent;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.FundingStageOverdueEvent;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.OverdueStageChasedEvent;
import org.tremplin.funding.api.PaymentMadeEvent;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.RequestedAid;
import org.tremplin.funding.api.StateAidRecordedEvent;
import org.tremplin.funding.api.HistoricalStateAidImportedEvent;
import org.tremplin.funding.api.StateAidReleasedEvent;
import org.tremplin.platform.query.ReadModelReset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The funding read models: applications with their partners' requests and grants, conventions with their versions,
 * expense statements and payments (pooled-fund splits), the cross-funder state-aid ledgers, overdue stages with the
 * chase actions, and the lead time of every funding stage, measured between the events' recorded timestamps.
 *
 * <p>Handlers are idempotent (delivery is at least once): rows are keyed by ids from the events (payment id,
 * statement id, convention id and version, the event's own id for releases and chase actions), created only when
 * absent, and transitions set values taken from the event. Times come from the events' timestamps and the actor
 * from the events' {@code actor} metadata, never from the processing time, so a replay rebuilds the same rows.
 */
@Component
@ProcessingGroup(FundingProjection.PROCESSING_GROUP)
public class FundingProjection {

    /** The funder column of an entry imported as history (the source names the funder; no funder id exists for it). */
    static final String IMPORTED_FUNDER = "ANR (imported history)";

    public static final String PROCESSING_GROUP = "funding";

    /** The tables this processor writes, in the order the reset empties them (see ReadModelTables). */
    public static final List<String> TABLES = List.of("funding_application", "funding_application_partner",
            "convention", "convention_contributor", "convention_version", "expense_statement", "funding_payment",
            "funding_payment_share", "state_aid_ledger", "state_aid_entry", "state_aid_recording", "state_aid_release",
            "funding_stage_overdue", "funding_stage_chase", "funding_lead_time");

    private final JdbcClient jdbc;
    /** The handlers' writes: in JDBC batches during a replay, at once otherwise. */
    private final BatchedWrites writes;

    /** Every write executed at once (the "as of" rebuilds). */
    public FundingProjection(JdbcClient jdbc) {
        this(jdbc, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public FundingProjection(JdbcClient jdbc, org.springframework.jdbc.core.JdbcOperations batches) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, batches, PROCESSING_GROUP);
    }

    // ---- applications ---------------------------------------------------------------------------------------

    @EventHandler
    void on(FundingApplicationSubmittedEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        writes.write("""
                        INSERT INTO funding_application (id, project_id, call_id, call_code, funder_id, funder_kind,
                            labelled, contracting_deadline_months, status, requested_total, partial_grant,
                            submitted_at, submitted_by)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM funding_application WHERE id = ?)""",
                new Object[]{event.applicationId(), event.projectId(), event.callId(), event.callCode(), event.funderId(),
                        event.funderKind() == null ? null : event.funderKind().name(), event.labelled(),
                        event.contractingDeadlineMonths(), ApplicationStatus.SUBMITTED.name(),
                        event.requestedTotal(), false, ts(at), actor, event.applicationId()},
                "funding_application:" + event.applicationId());
        int position = 1;
        for (RequestedAid request : event.requests()) {
            writes.write("""
                            INSERT INTO funding_application_partner (application_id, organisation_id, position,
                                partner_kind, in_territory, industrial_research_cost, experimental_development_cost,
                                rate_percent, rate_source, max_amount, requested_amount)
                            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                            WHERE NOT EXISTS (SELECT 1 FROM funding_application_partner
                                WHERE application_id = ? AND organisation_id = ?)""",
                    new Object[]{event.applicationId(), request.organisationId(), position,
                            request.partnerKind() == null ? null : request.partnerKind().name(), request.inTerritory(),
                            request.industrialResearchCost(), request.experimentalDevelopmentCost(),
                            request.ratePercent(), request.rateSource(), request.maxAmount(), request.requestedAmount(),
                            event.applicationId(), request.organisationId()},
                    "funding_application_partner:" + event.applicationId() + "|" + request.organisationId());
            position++;
        }
        startStage(event.applicationId(), FundingStage.SUBMISSION_TO_DECISION, event.funderId(), event.projectId(),
                event.applicationId(), null, at);
    }

    @EventHandler
    void on(FundingGrantedEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        writes.write("""
                        UPDATE funding_application SET status = ?, granted_total = ?, partial_grant = ?, reasons = ?,
                            decided_on = ?, contracting_deadline = ?, decided_at = ?, decided_by = ?
                        WHERE id = ?""",
                new Object[]{ApplicationStatus.GRANTED.name(), event.grantedTotal(), event.partial(), event.reasons(),
                        event.decidedOn(), event.contractingDeadline(), ts(at), actor, event.applicationId()},
                "funding_application:" + event.applicationId());
        endStage(event.applicationId(), FundingStage.SUBMISSION_TO_DECISION, at);
        for (GrantedAid grant : event.grants()) {
            boolean hasConvention = grant.conventionId() != null && grant.grantedAmount() != null
                    && grant.grantedAmount().signum() > 0;
            writes.write("""
                            UPDATE funding_application_partner SET granted_amount = ?, granted_rate_percent = ?,
                                convention_id = ?
                            WHERE application_id = ? AND organisation_id = ?""",
                    new Object[]{grant.grantedAmount(), grant.ratePercent(), hasConvention ? grant.conventionId() : null,
                            event.applicationId(), grant.organisationId()},
                    "funding_application_partner:" + event.applicationId() + "|" + grant.organisationId());
            if (!hasConvention) {
                continue;
            }
            writes.write("""
                            INSERT INTO convention (id, application_id, project_id, funder_id, organisation_id, status,
                                granted_amount, rate_percent, paid_total, approved_total, version_number,
                                contracting_deadline, granted_at)
                            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                            WHERE NOT EXISTS (SELECT 1 FROM convention WHERE id = ?)""",
                    new Object[]{grant.conventionId(), event.applicationId(), event.projectId(), event.funderId(),
                            grant.organisationId(), ConventionStatus.AWAITING_SIGNATURE.name(), grant.grantedAmount(),
                            grant.ratePercent(), BigDecimal.ZERO, BigDecimal.ZERO, 1, event.contractingDeadline(),
                            ts(at), grant.conventionId()},
                    "convention:" + grant.conventionId());
            writes.write("""
                            INSERT INTO convention_version (convention_id, version_number, kind, granted_amount_after,
                                reason, actor, recorded_at)
                            SELECT ?, ?, ?, ?, ?, ?, ?
                            WHERE NOT EXISTS (SELECT 1 FROM convention_version WHERE convention_id = ? AND version_number = 1)""",
                    new Object[]{grant.conventionId(), 1, ConventionView.GRANT, grant.grantedAmount(), event.reasons(),
                            actor, ts(at), grant.conventionId()},
                    "convention_version:" + grant.conventionId() + "|1");
            startStage(grant.conventionId(), FundingStage.DECISION_TO_CONVENTION, event.funderId(), event.projectId(),
                    event.applicationId(), grant.conventionId(), at);
        }
    }

    @EventHandler
    void on(FundingApplicationRejectedEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        writes.write("""
                        UPDATE funding_application SET status = ?, reasons = ?, decided_on = ?, decided_at = ?, decided_by = ?
                        WHERE id = ?""",
                new Object[]{ApplicationStatus.REJECTED.name(), event.reasons(), event.decidedOn(), ts(at), actor,
                        event.applicationId()},
                "funding_application:" + event.applicationId());
        endStage(event.applicationId(), FundingStage.SUBMISSION_TO_DECISION, at);
    }

    // ---- conventions ----------------------------------------------------------------------------------------

    @EventHandler
    void on(ConventionSignedEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        // A signature without a recorded grant (should not happen): keep the convention anyway.
        writes.write("""
                        INSERT INTO convention (id, application_id, project_id, funder_id, organisation_id, status,
                            granted_amount, rate_percent, paid_total, approved_total, version_number, granted_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM convention WHERE id = ?)""",
                new Object[]{event.conventionId(), event.applicationId(), event.projectId(), event.funderId(),
                        event.organisationId(), ConventionStatus.AWAITING_SIGNATURE.name(), event.grantedAmount(),
                        event.ratePercent(), BigDecimal.ZERO, BigDecimal.ZERO, 1, ts(at), event.conventionId()},
                "convention:" + event.conventionId());
        // Signature details; the status only moves from AWAITING_SIGNATURE, and the grant and end date only while no
        // amendment changed them (a redelivered signature never undoes a later closing or amendment).
        // One statement: every SET expression reads the row as it was (status and version before this update).
        writes.write("""
                        UPDATE convention SET rate_percent = ?, signed_on = ?, advance_percent = ?, interim_cap_percent = ?,
                            signed_at = ?, signed_by = ?,
                            status = CASE WHEN status = ? THEN ? ELSE status END,
                            granted_amount = CASE WHEN version_number = 1 THEN ? ELSE granted_amount END,
                            end_date = CASE WHEN version_number = 1 THEN ? ELSE end_date END
                        WHERE id = ?""",
                new Object[]{event.ratePercent(), event.signedOn(), event.advancePercent(), event.interimCapPercent(), ts(at),
                        actor, ConventionStatus.AWAITING_SIGNATURE.name(), ConventionStatus.SIGNED.name(),
                        event.grantedAmount(), event.endDate(), event.conventionId()},
                "convention:" + event.conventionId());
        writes.write("UPDATE convention_version SET end_date_after = ? WHERE convention_id = ? AND version_number = 1",
                new Object[]{event.endDate(), event.conventionId()},
                "convention_version:" + event.conventionId() + "|1");
        writes.write("DELETE FROM convention_contributor WHERE convention_id = ?",
                new Object[]{event.conventionId()},
                "convention_contributor:" + event.conventionId());
        int position = 1;
        for (PooledFundContributor contributor : event.contributors() == null ? List.<PooledFundContributor>of()
                : event.contributors()) {
            writes.write("INSERT INTO convention_contributor (convention_id, position, contributor, share_percent) VALUES (?, ?, ?, ?)",
                    new Object[]{event.conventionId(), position++, contributor.contributor(), contributor.sharePercent()},
                    "convention_contributor:" + event.conventionId());
        }
        endStage(event.conventionId(), FundingStage.DECISION_TO_CONVENTION, at);
        startStage(event.conventionId(), FundingStage.CONVENTION_TO_FIRST_PAYMENT, event.funderId(), event.projectId(),
                event.applicationId(), event.conventionId(), at);
    }

    @EventHandler
    void on(ConventionAmendedEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        writes.write("""
                        INSERT INTO convention_version (convention_id, version_number, kind, granted_amount_before,
                            granted_amount_after, end_date_before, end_date_after, counterpart_organisation_id,
                            reason, actor, recorded_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM convention_version WHERE convention_id = ? AND version_number = ?)""",
                new Object[]{event.conventionId(), event.version(), event.kind().name(), event.grantedAmountBefore(),
                        event.grantedAmountAfter(), event.endDateBefore(), event.endDateAfter(),
                        event.counterpartOrganisationId(), event.reason(), actor, ts(at), event.conventionId(), event.version()},
                "convention_version:" + event.conventionId() + "|" + event.version());
        // Only a newer version moves the convention (a redelivered older amendment changes nothing).
        writes.write("""
                        UPDATE convention SET version_number = ?, granted_amount = ?, end_date = COALESCE(?, end_date)
                        WHERE id = ? AND version_number < ?""",
                new Object[]{event.version(), event.grantedAmountAfter(), event.endDateAfter(), event.conventionId(),
                        event.version()},
                "convention:" + event.conventionId());
        if (event.kind() == AmendmentKind.PARTNER_WITHDRAWAL) {
            // The unpaid grant is released: what was granted before the withdrawal less what was paid.
            writes.write("""
                            UPDATE convention SET status = ?, withdrawn_at = ?,
                                released_amount = CASE WHEN ? > paid_total THEN ? - paid_total ELSE 0 END
                            WHERE id = ?""",
                    new Object[]{ConventionStatus.WITHDRAWN.name(), ts(at), event.grantedAmountBefore(),
                            event.grantedAmountBefore(), event.conventionId()},
                    "convention:" + event.conventionId());
        }
    }

    @EventHandler
    void on(ConventionLapsedEvent event, @Timestamp Instant at) {
        writes.write("UPDATE convention SET status = ?, released_amount = ?, lapsed_at = ? WHERE id = ?",
                new Object[]{ConventionStatus.LAPSED.name(), event.releasedAmount(), ts(at), event.conventionId()},
                "convention:" + event.conventionId());
    }

    @EventHandler
    void on(FinalReportAcceptedEvent event, @Timestamp Instant at) {
        writes.write("UPDATE convention SET final_report_accepted_at = ?, final_report_comment = ? WHERE id = ?",
                new Object[]{ts(at), event.comment(), event.conventionId()},
                "convention:" + event.conventionId());
    }

    @EventHandler
    void on(ConventionClosedEvent event, @Timestamp Instant at) {
        writes.write("""
                        UPDATE convention SET status = ?, granted_amount = ?, paid_total = ?, released_amount = ?, closed_at = ?
                        WHERE id = ?""",
                new Object[]{ConventionStatus.CLOSED.name(), event.grantedAmount(), event.paidTotal(), event.releasedAmount(),
                        ts(at), event.conventionId()},
                "convention:" + event.conventionId());
        endStage(event.conventionId(), FundingStage.FIRST_PAYMENT_TO_BALANCE, at);
    }

    // ---- expense statements and payments --------------------------------------------------------------------

    @EventHandler
    void on(ExpenseStatementSubmittedEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        writes.write("""
                        INSERT INTO expense_statement (convention_id, statement_id, application_id, period_end, amount,
                            final_statement, status, submitted_at, submitted_by)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM expense_statement WHERE convention_id = ? AND statement_id = ?)""",
                new Object[]{event.conventionId(), event.statementId(), event.applicationId(), event.periodEnd(),
                        event.amount(), event.finalStatement(), "SUBMITTED", ts(at), actor, event.conventionId(), event.statementId()},
                "expense_statement:" + event.conventionId() + "|" + event.statementId());
    }

    @EventHandler
    void on(ExpenseStatementApprovedEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        writes.write("""
                        UPDATE expense_statement SET status = ?, approved_amount = ?, approved_total_after = ?,
                            decision_comment = ?, decided_at = ?, decided_by = ?
                        WHERE convention_id = ? AND statement_id = ?""",
                new Object[]{"APPROVED", event.approvedAmount(), event.approvedTotal(), event.comment(), ts(at), actor,
                        event.conventionId(), event.statementId()},
                "expense_statement:" + event.conventionId() + "|" + event.statementId());
        // Totals only grow: a redelivered older approval keeps the later total.
        writes.write("UPDATE convention SET approved_total = CASE WHEN approved_total < ? THEN ? ELSE approved_total END WHERE id = ?",
                new Object[]{event.approvedTotal(), event.approvedTotal(), event.conventionId()},
                "convention:" + event.conventionId());
    }

    @EventHandler
    void on(ExpenseStatementRejectedEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        writes.write("""
                        UPDATE expense_statement SET status = ?, rejection_reasons = ?, decided_at = ?, decided_by = ?
                        WHERE convention_id = ? AND statement_id = ?""",
                new Object[]{"REJECTED", event.reasons(), ts(at), actor, event.conventionId(), event.statementId()},
                "expense_statement:" + event.conventionId() + "|" + event.statementId());
    }

    @EventHandler
    void on(PaymentMadeEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        writes.write("""
                        INSERT INTO funding_payment (payment_id, convention_id, application_id, project_id, funder_id,
                            organisation_id, kind, statement_id, amount, paid_total_after, remaining_after, paid_at, paid_by,
                            payment_reference)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM funding_payment WHERE payment_id = ?)""",
                new Object[]{event.paymentId(), event.conventionId(), event.applicationId(), event.projectId(),
                        event.funderId(), event.organisationId(), event.kind().name(), event.statementId(),
                        event.amount(), event.paidTotal(), event.remaining(), ts(at), actor, event.paymentReference(), event.paymentId()},
                "funding_payment:" + event.paymentId());
        writes.write("DELETE FROM funding_payment_share WHERE payment_id = ?",
                new Object[]{event.paymentId()},
                "funding_payment_share:" + event.paymentId());
        int position = 1;
        for (ContributorShare share : event.shares() == null ? List.<ContributorShare>of() : event.shares()) {
            writes.write("""
                            INSERT INTO funding_payment_share (payment_id, position, contributor, share_percent, amount)
                            VALUES (?, ?, ?, ?, ?)""",
                    new Object[]{event.paymentId(), position++, share.contributor(), share.sharePercent(), share.amount()},
                    "funding_payment_share:" + event.paymentId());
        }
        writes.write("UPDATE convention SET paid_total = CASE WHEN paid_total < ? THEN ? ELSE paid_total END WHERE id = ?",
                new Object[]{event.paidTotal(), event.paidTotal(), event.conventionId()},
                "convention:" + event.conventionId());
        // The first payment ends CONVENTION_TO_FIRST_PAYMENT and starts FIRST_PAYMENT_TO_BALANCE.
        // (or, when no CONVENTION_TO_FIRST_PAYMENT was ever recorded, the payment alone starts it).
        // Two statements whose result nothing reads (so that a replay sends them in batches): FIRST_PAYMENT_TO_BALANCE
        // starts unless it exists, when CONVENTION_TO_FIRST_PAYMENT is still running (this payment ends it) or was
        // never recorded; then CONVENTION_TO_FIRST_PAYMENT ends if it was running.
        String c2fp = FundingStage.CONVENTION_TO_FIRST_PAYMENT.name();
        String f2b = FundingStage.FIRST_PAYMENT_TO_BALANCE.name();
        writes.write("""
                        INSERT INTO funding_lead_time (subject_id, stage, funder_id, project_id, application_id,
                            convention_id, started_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM funding_lead_time WHERE subject_id = ? AND stage = ?)
                          AND (EXISTS (SELECT 1 FROM funding_lead_time WHERE subject_id = ? AND stage = ? AND ended_at IS NULL)
                            OR NOT EXISTS (SELECT 1 FROM funding_lead_time WHERE subject_id = ? AND stage = ?))""",
                new Object[]{event.conventionId(), f2b, event.funderId(), event.projectId(), event.applicationId(),
                        event.conventionId(), ts(at), event.conventionId(), f2b, event.conventionId(), c2fp,
                        event.conventionId(), c2fp},
                leadTime(event.conventionId(), FundingStage.FIRST_PAYMENT_TO_BALANCE),
                leadTime(event.conventionId(), FundingStage.CONVENTION_TO_FIRST_PAYMENT));
        endStage(event.conventionId(), FundingStage.CONVENTION_TO_FIRST_PAYMENT, at);
    }

    // ---- state aid ------------------------------------------------------------------------------------------

    /**
     * An aid recorded on a ledger. One application may charge a partner more than once (its grant, then a budget
     * shifted to it): the application's entry adds every recording up, each counted once by its event id.
     */
    @EventHandler
    void on(StateAidRecordedEvent event, @Timestamp Instant at, @MessageIdentifier String eventId,
            @MetaDataValue(value = "actor", required = false) String actor) {
        // Counted once by its event id: every statement but the ledger's is guarded by "this event is not recorded
        // yet", and the recording comes last; no statement's result is read, so that a replay sends them in batches.
        // A redelivered event changes nothing (the ledger's refresh recomputes the same figures from the rows).
        String ledger = stateAid(event.ledgerId());
        // The application's entry adds this aid up; when there is none yet, it is created (the key is the entry's).
        writes.write("""
                        UPDATE state_aid_entry SET amount = amount + ?, total_aid_after = ?,
                            industrial_research_cost = ?, experimental_development_cost = ?, ceiling_amount = ?,
                            over_ceiling = (over_ceiling OR ?), justification = COALESCE(?, justification)
                        WHERE ledger_id = ? AND application_id = ?
                          AND NOT EXISTS (SELECT 1 FROM state_aid_recording WHERE event_id = ?)""",
                new Object[]{event.amount(), event.totalAid(), event.industrialResearchCost(),
                        event.experimentalDevelopmentCost(), event.ceilingAmount(), event.overCeiling(),
                        event.justification(), event.ledgerId(), event.applicationId(), eventId},
                ledger);
        writes.write("""
                        INSERT INTO state_aid_entry (ledger_id, application_id, project_id, organisation_id, funder_id,
                            enterprise_size, effective_collaboration, industrial_research_cost,
                            experimental_development_cost, industrial_research_ceiling_percent,
                            experimental_development_ceiling_percent, ceiling_amount, amount, total_aid_after,
                            over_ceiling, justification, released_amount, recorded_at, recorded_by)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM state_aid_entry WHERE ledger_id = ? AND application_id = ?)
                          AND NOT EXISTS (SELECT 1 FROM state_aid_recording WHERE event_id = ?)""",
                new Object[]{event.ledgerId(), event.applicationId(), event.projectId(), event.organisationId(),
                        event.funderId(), event.enterpriseSize() == null ? null : event.enterpriseSize().name(),
                        event.effectiveCollaboration(), event.industrialResearchCost(),
                        event.experimentalDevelopmentCost(), event.industrialResearchCeilingPercent(),
                        event.experimentalDevelopmentCeilingPercent(), event.ceilingAmount(), event.amount(),
                        event.totalAid(), event.overCeiling(), event.justification(), BigDecimal.ZERO, ts(at), actor,
                        event.ledgerId(), event.applicationId(), eventId},
                ledger);
        writes.write("""
                        INSERT INTO state_aid_recording (event_id, ledger_id, application_id, amount, total_aid_after,
                            recorded_at, recorded_by)
                        SELECT ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM state_aid_recording WHERE event_id = ?)""",
                new Object[]{eventId, event.ledgerId(), event.applicationId(), event.amount(), event.totalAid(), ts(at),
                        actor, eventId},
                ledger);
        writes.write("""
                        INSERT INTO state_aid_ledger (ledger_id, project_id, organisation_id, enterprise_size, total_aid,
                            ceiling_amount, last_updated_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM state_aid_ledger WHERE ledger_id = ?)""",
                new Object[]{event.ledgerId(), event.projectId(), event.organisationId(),
                        event.enterpriseSize() == null ? null : event.enterpriseSize().name(), event.totalAid(),
                        event.ceilingAmount(), ts(at), event.ledgerId()},
                ledger);
        refreshLedger(event.ledgerId());
    }

    /**
     * Aid imported as history: an entry of its own on the ledger, named as imported history (its application id says
     * "imported history" and the source row, its funder the ANR, its justification the note), no size, costs or ceiling.
     */
    @EventHandler
    void on(HistoricalStateAidImportedEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        String entry = "imported history: " + event.sourceFile() + " row " + event.sourceRow();
        // writes.now: what earlier events queued on this ledger is sent first (a replay's batch), then the insert
        int inserted = writes.now("""
                        INSERT INTO state_aid_entry (ledger_id, application_id, project_id, organisation_id, funder_id,
                            enterprise_size, effective_collaboration, industrial_research_cost,
                            experimental_development_cost, industrial_research_ceiling_percent,
                            experimental_development_ceiling_percent, ceiling_amount, amount, total_aid_after,
                            over_ceiling, justification, released_amount, recorded_at, recorded_by)
                        SELECT ?, ?, ?, ?, ?, NULL, FALSE, NULL, NULL, NULL, NULL, NULL, ?, ?, FALSE, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM state_aid_entry WHERE ledger_id = ? AND application_id = ?)""",
                event.ledgerId(), entry, event.projectId(), event.organisationId(), IMPORTED_FUNDER,
                event.amount(), event.totalAid(), "Imported history (run " + event.importRunId() + ")"
                        + (event.note() == null ? "" : ": " + event.note()),
                BigDecimal.ZERO, ts(at), actor, event.ledgerId(), entry);
        if (inserted == 0) {
            return;
        }
        writes.write("""
                        INSERT INTO state_aid_ledger (ledger_id, project_id, organisation_id, enterprise_size, total_aid,
                            ceiling_amount, last_updated_at)
                        SELECT ?, ?, ?, NULL, ?, NULL, ?
                        WHERE NOT EXISTS (SELECT 1 FROM state_aid_ledger WHERE ledger_id = ?)""",
                new Object[]{event.ledgerId(), event.projectId(), event.organisationId(), event.totalAid(), ts(at),
                        event.ledgerId()},
                stateAid(event.ledgerId()));
        refreshLedger(event.ledgerId());
    }

    @EventHandler
    void on(StateAidReleasedEvent event, @Timestamp Instant at, @MessageIdentifier String eventId,
            @MetaDataValue(value = "actor", required = false) String actor) {
        String ledger = stateAid(event.ledgerId());
        writes.write("""
                        INSERT INTO state_aid_release (event_id, ledger_id, application_id, funder_id, amount,
                            total_aid_after, reason, released_at, released_by)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM state_aid_release WHERE event_id = ?)""",
                new Object[]{eventId, event.ledgerId(), event.applicationId(), event.funderId(), event.amount(),
                        event.totalAid(), event.reason(), ts(at), actor, eventId},
                ledger);
        writes.write("""
                        UPDATE state_aid_entry SET released_amount = (SELECT COALESCE(SUM(r.amount), 0) FROM state_aid_release r
                            WHERE r.ledger_id = state_aid_entry.ledger_id AND r.application_id = state_aid_entry.application_id)
                        WHERE ledger_id = ? AND application_id = ?""",
                new Object[]{event.ledgerId(), event.applicationId()},
                ledger);
        refreshLedger(event.ledgerId());
    }

    /** The footprint of everything a ledger's statements read or write (see BatchedWrites): its rows in the four tables. */
    private static String stateAid(String ledgerId) {
        return "state_aid:" + ledgerId;
    }

    /**
     * The ledger's figures from its rows, so that any redelivery leaves them right: total aid = aids recorded less
     * aids released; size, ceiling and time of the latest entry or release.
     */
    private void refreshLedger(String ledgerId) {
        // One statement (it was four: total, read the latest entry, size and ceiling, time): every SET expression reads
        // the entries and releases, none the ledger's new values. Size and ceiling stay as they are without an entry.
        writes.write("""
                        UPDATE state_aid_ledger SET
                            total_aid = (SELECT COALESCE(SUM(e.amount), 0) FROM state_aid_entry e WHERE e.ledger_id = ?)
                                - (SELECT COALESCE(SUM(r.amount), 0) FROM state_aid_release r WHERE r.ledger_id = ?),
                            enterprise_size = CASE WHEN EXISTS (SELECT 1 FROM state_aid_entry e WHERE e.ledger_id = ?)
                                THEN (SELECT e.enterprise_size FROM state_aid_entry e WHERE e.ledger_id = ?
                                    ORDER BY e.recorded_at DESC, e.application_id DESC FETCH FIRST 1 ROW ONLY)
                                ELSE enterprise_size END,
                            ceiling_amount = CASE WHEN EXISTS (SELECT 1 FROM state_aid_entry e WHERE e.ledger_id = ?)
                                THEN (SELECT e.ceiling_amount FROM state_aid_entry e WHERE e.ledger_id = ?
                                    ORDER BY e.recorded_at DESC, e.application_id DESC FETCH FIRST 1 ROW ONLY)
                                ELSE ceiling_amount END,
                            last_updated_at = COALESCE(
                                (SELECT MAX(r.released_at) FROM state_aid_release r WHERE r.ledger_id = ?
                                    AND r.released_at > (SELECT MAX(e.recorded_at) FROM state_aid_entry e WHERE e.ledger_id = ?)),
                                (SELECT MAX(e.recorded_at) FROM state_aid_entry e WHERE e.ledger_id = ?))
                        WHERE ledger_id = ?""",
                new Object[]{ledgerId, ledgerId, ledgerId, ledgerId, ledgerId, ledgerId, ledgerId, ledgerId, ledgerId, ledgerId},
                stateAid(ledgerId));
    }

    // ---- overdue stages -------------------------------------------------------------------------------------

    @EventHandler
    void on(FundingStageOverdueEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        String subject = subject(event.applicationId(), event.conventionId());
        writes.write("""
                        INSERT INTO funding_stage_overdue (subject_id, stage, application_id, convention_id, project_id,
                            funder_id, service_level_days, reported_at, reported_by)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM funding_stage_overdue WHERE subject_id = ? AND stage = ?)""",
                new Object[]{subject, event.stage().name(), event.applicationId(), event.conventionId(),
                        event.projectId(), event.funderId(), event.serviceLevelDays(), ts(at), actor, subject, event.stage().name()},
                "funding_stage_overdue:" + subject + "|" + event.stage().name());
    }

    @EventHandler
    void on(OverdueStageChasedEvent event, @Timestamp Instant at, @MessageIdentifier String eventId,
            @MetaDataValue(value = "actor", required = false) String actor) {
        writes.write("""
                        INSERT INTO funding_stage_chase (event_id, subject_id, stage, application_id, convention_id,
                            action, actor, chased_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM funding_stage_chase WHERE event_id = ?)""",
                new Object[]{eventId, subject(event.applicationId(), event.conventionId()), event.stage().name(),
                        event.applicationId(), event.conventionId(), event.action(), actor, ts(at), eventId},
                "funding_stage_chase:" + eventId);
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, TABLES);
    }

    // ---- lead times -----------------------------------------------------------------------------------------

    private void startStage(String subject, FundingStage stage, String funderId, String projectId, String applicationId,
                            String conventionId, Instant at) {
        writes.write("""
                        INSERT INTO funding_lead_time (subject_id, stage, funder_id, project_id, application_id,
                            convention_id, started_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM funding_lead_time WHERE subject_id = ? AND stage = ?)""",
                new Object[]{subject, stage.name(), funderId, projectId, applicationId, conventionId, ts(at), subject, stage.name()},
                leadTime(subject, stage));
    }

    /** Ends a running stage at the event's time; a stage already ended keeps its first end. */
    private void endStage(String subject, FundingStage stage, Instant at) {
        // the duration (whole milliseconds, rounded down) lets a funder's median and p90 be read at their ranks
        writes.write("""
                        UPDATE funding_lead_time SET ended_at = ?,
                            duration_ms = CAST(FLOOR(EXTRACT(EPOCH FROM (CAST(? AS TIMESTAMP WITH TIME ZONE) - started_at)) * 1000) AS BIGINT)
                        WHERE subject_id = ? AND stage = ? AND ended_at IS NULL""",
                new Object[]{ts(at), ts(at), subject, stage.name()},
                leadTime(subject, stage));
    }

    /** The footprint of a stage's lead-time row (see BatchedWrites). */
    private static String leadTime(String subject, FundingStage stage) {
        return "funding_lead_time:" + subject + "|" + stage.name();
    }

    static String subject(String applicationId, String conventionId) {
        return conventionId == null || conventionId.isBlank() ? applicationId : conventionId;
    }

    private static java.sql.Timestamp ts(Instant at) {
        return java.sql.Timestamp.from(at);
    }
}
