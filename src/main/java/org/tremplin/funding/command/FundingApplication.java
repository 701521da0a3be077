package org.tremplin.funding.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.funding.api.AcceptFinalReportCommand;
import org.tremplin.funding.api.AmendConventionCommand;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.ApplicationStatus;
import org.tremplin.funding.api.ApproveExpenseStatementCommand;
import org.tremplin.funding.api.ContributorShare;
import org.tremplin.funding.api.ConventionAmendedEvent;
import org.tremplin.funding.api.ConventionClosedEvent;
import org.tremplin.funding.api.ConventionLapsedEvent;
import org.tremplin.funding.api.ConventionSignedEvent;
import org.tremplin.funding.api.ConventionStatus;
import org.tremplin.funding.api.ExpenseStatementApprovedEvent;
import org.tremplin.funding.api.ExpenseStatementRejectedEvent;
import org.tremplin.funding.api.ExpenseStatementSubmittedEvent;
import org.tremplin.funding.api.FinalReportAcceptedEvent;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FundingApplicationRejectedEvent;
import org.tremplin.funding.api.FundingApplicationSubmittedEvent;
import org.tremplin.funding.api.FundingGrantedEvent;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.FundingStageOverdueEvent;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.LapseConventionCommand;
import org.tremplin.funding.api.OverdueStageChasedEvent;
import org.tremplin.funding.api.PartnerGrant;
import org.tremplin.funding.api.PartnerRequest;
import org.tremplin.funding.api.PayAdvanceCommand;
import org.tremplin.funding.api.PayBalanceCommand;
import org.tremplin.funding.api.PayInstalmentCommand;
import org.tremplin.funding.api.PaymentKind;
import org.tremplin.funding.api.PaymentMadeEvent;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.RecordChaseActionCommand;
import org.tremplin.funding.api.RecordFundingDecisionCommand;
import org.tremplin.funding.api.RejectExpenseStatementCommand;
import org.tremplin.funding.api.ReportOverdueStageCommand;
import org.tremplin.funding.api.RequestedAid;
import org.tremplin.funding.api.ShiftBudgetCommand;
import org.tremplin.funding.api.SignConventionCommand;
import org.tremplin.funding.api.SubmitExpenseStatementCommand;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.InputRules;
import org.tremplin.shared.Require;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project's application to one funder's call, and everything that follows from it: the funder's decision, then
 * one convention per granted partner with its signature, expense statements, tranches (advance, interim instalments,
 * final balance), amendments and the delays reported against the funder's service levels.
 *
 * <p>Money rules: every amount is euros with cents ({@link Require#euros}); every amount the aggregate computes
 * (maximum aid, advance, instalment due, balance) is rounded <b>down</b> to the cent, so the funder never pays more
 * than a rule allows, and the paid total of a convention never exceeds its grant. The rates come from the funder's
 * decision table through {@link FundingRules}, injected into the submit handler.
 *
 * <p>The conventions and statements are kept as private state of this aggregate (one application rarely holds more
 * than a dozen partners) and change in event-sourcing handlers only.
 */
@Aggregate
public class FundingApplication {

    static final int MAX_REQUESTS = 50;
    static final int MAX_CONTRACTING_DEADLINE_MONTHS = 60;
    static final int MAX_ID_LENGTH = 100;
    static final int MAX_TEXT_LENGTH = 2000;
    private static final BigDecimal HUNDRED = new BigDecimal("100.00");

    @AggregateIdentifier
    private String applicationId;
    private boolean submitted;
    private String projectId;
    private String callCode;
    private String funderId;
    private FunderKind funderKind;
    private int contractingDeadlineMonths;
    private ApplicationStatus status;
    private LocalDate decidedOn;
    private LocalDate contractingDeadline;
    /** Per organisation id, in the order of the application. */
    private final Map<String, RequestedAid> requests = new LinkedHashMap<>();
    /** Per convention id, in the order of the grant. */
    private final Map<String, Convention> conventions = new LinkedHashMap<>();
    /** Per statement id, across all conventions (statement ids are unique within the application). */
    private final Map<String, Statement> statements = new LinkedHashMap<>();
    private final Set<String> paymentIds = new HashSet<>();

    protected FundingApplication() {
    }

    // ================================================================== application

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SubmitFundingApplicationCommand command, FundingRules rules) {
        if (submitted) {
            throw DomainException.conflict("Project " + projectId + " has already applied to call " + callCode
                    + " (application " + applicationId + "); amend that application instead");
        }
        String project = Require.text(command.projectId(), "projectId", MAX_ID_LENGTH);
        String code = Require.text(command.callCode(), "callCode", MAX_ID_LENGTH);
        String expectedId = SubmitFundingApplicationCommand.applicationId(project, code);
        if (!expectedId.equals(command.applicationId())) {
            throw DomainException.invalid("applicationId must be derived from the project and the call: " + expectedId
                    + " (got " + command.applicationId() + ")");
        }
        String call = Require.text(command.callId(), "callId", MAX_ID_LENGTH);
        String funder = Require.text(command.funderId(), "funderId", MAX_ID_LENGTH);
        FunderKind kind = Require.present(command.funderKind(), "funderKind");
        int months = command.contractingDeadlineMonths();
        if (months < 1 || months > MAX_CONTRACTING_DEADLINE_MONTHS) {
            throw DomainException.invalid("contractingDeadlineMonths must be between 1 and "
                    + MAX_CONTRACTING_DEADLINE_MONTHS + " (got " + months + ")");
        }
        List<PartnerRequest> given = Require.notEmpty(command.requests(), "requests");
        if (given.size() > MAX_REQUESTS) {
            throw DomainException.invalid("an application holds at most " + MAX_REQUESTS + " partner requests (got "
                    + given.size() + ")");
        }
        List<RequestedAid> recorded = new ArrayList<>();
        List<String> tooHigh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (PartnerRequest request : given) {
            Require.present(request, "each request");
            String organisation = Require.text(request.organisationId(), "organisationId of a request", MAX_ID_LENGTH);
            if (!seen.add(organisation)) {
                throw DomainException.invalid("organisation " + organisation + " is listed twice; give one request per partner");
            }
            Require.present(request.partnerKind(), "partnerKind of " + organisation);
            BigDecimal ir = Require.euros(request.industrialResearchCost(), "industrialResearchCost of " + organisation);
            BigDecimal ed = Require.euros(request.experimentalDevelopmentCost(),
                    "experimentalDevelopmentCost of " + organisation);
            BigDecimal eligible = ir.add(ed);
            if (eligible.signum() == 0) {
                throw DomainException.invalid("the eligible costs of " + organisation
                        + " (industrial research plus experimental development) must be more than 0");
            }
            BigDecimal asked = Require.euros(request.requestedAmount(), "requestedAmount of " + organisation);
            if (asked.signum() == 0) {
                throw DomainException.invalid("requestedAmount of " + organisation
                        + " must be more than 0; leave a partner that asks nothing out of the application");
            }
            FundingRules.Rate rate = rules.rate(kind, code, request.partnerKind(), request.inTerritory(), command.labelled());
            BigDecimal max = percentOf(eligible, rate.percent());
            if (asked.compareTo(max) > 0) {
                tooHigh.add("The request of " + organisation + " (" + euros(asked) + ") exceeds the maximum of "
                        + euros(max) + " = " + percent(rate.percent()) + " % of eligible costs " + euros(eligible)
                        + " (" + rate.source() + ")");
            }
            recorded.add(new RequestedAid(organisation, request.partnerKind(), request.inTerritory(), ir, ed,
                    rate.percent(), rate.source(), max, asked));
            total = total.add(asked);
        }
        if (!tooHigh.isEmpty()) {
            throw DomainException.ruleViolated(String.join("; ", tooHigh)
                    + (tooHigh.size() == 1 ? "; lower the request" : "; lower these requests"));
        }
        apply(new FundingApplicationSubmittedEvent(command.applicationId(), project, call, code, funder, kind,
                command.labelled(), months, List.copyOf(recorded), total));
    }

    @CommandHandler
    public void handle(RecordFundingDecisionCommand command) {
        if (status != ApplicationStatus.SUBMITTED) {
            throw DomainException.conflict("Application " + applicationId + " was already decided on " + decidedOn
                    + " (" + status + "); a decision is recorded once");
        }
        LocalDate decided = Require.present(command.decidedOn(), "decidedOn");
        List<PartnerGrant> grants = command.grants() == null ? List.of() : command.grants();
        if (!command.granted()) {
            if (!grants.isEmpty()) {
                throw DomainException.invalid("a rejection grants nothing: leave grants empty (got " + grants.size() + ")");
            }
            String reasons = Require.text(command.reasons(), "reasons (required for a rejection)", MAX_TEXT_LENGTH);
            apply(new FundingApplicationRejectedEvent(applicationId, projectId, funderId, reasons, decided));
            return;
        }
        Require.notEmpty(grants, "grants");
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        for (PartnerGrant grant : grants) {
            Require.present(grant, "each grant");
            String organisation = Require.text(grant.organisationId(), "organisationId of a grant", MAX_ID_LENGTH);
            RequestedAid request = requests.get(organisation);
            if (request == null) {
                throw DomainException.invalid("organisation " + organisation + " made no request in this application; "
                        + "grants go to " + String.join(", ", requests.keySet()));
            }
            if (amounts.containsKey(organisation)) {
                throw DomainException.invalid("organisation " + organisation + " is granted twice; give one grant per partner");
            }
            BigDecimal amount = grant.amount() == null ? BigDecimal.ZERO.setScale(2)
                    : Require.euros(grant.amount(), "amount granted to " + organisation);
            if (amount.compareTo(request.requestedAmount()) > 0) {
                throw DomainException.ruleViolated("The grant of " + euros(amount) + " to " + organisation
                        + " exceeds its request of " + euros(request.requestedAmount())
                        + "; a funder grants at most what was asked");
            }
            amounts.put(organisation, amount);
        }
        if (amounts.values().stream().allMatch(amount -> amount.signum() == 0)) {
            throw DomainException.invalid("a grant gives at least one partner more than 0; record a rejection instead");
        }
        List<GrantedAid> granted = new ArrayList<>();
        List<String> shortfalls = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (RequestedAid request : requests.values()) {
            BigDecimal amount = amounts.getOrDefault(request.organisationId(), BigDecimal.ZERO.setScale(2));
            if (amount.compareTo(request.requestedAmount()) < 0) {
                shortfalls.add(request.organisationId());
            }
            if (amount.signum() > 0) {
                granted.add(new GrantedAid(request.organisationId(),
                        GrantedAid.conventionId(applicationId, request.organisationId()), request.requestedAmount(),
                        amount, request.ratePercent()));
                total = total.add(amount);
            }
        }
        boolean partial = !shortfalls.isEmpty();
        String reasons = partial
                ? Require.text(command.reasons(), "reasons (required for a partial grant: "
                        + String.join(", ", shortfalls) + " receive less than requested)", MAX_TEXT_LENGTH)
                : optionalText(command.reasons(), "reasons");
        apply(new FundingGrantedEvent(applicationId, projectId, funderId, List.copyOf(granted), total, partial, reasons,
                decided, decided.plusMonths(contractingDeadlineMonths)));
    }

    @CommandHandler
    public void handle(ReportOverdueStageCommand command) {
        FundingStage stage = Require.present(command.stage(), "stage");
        String conventionId = command.conventionId() == null ? null : convention(command.conventionId()).conventionId;
        if (command.serviceLevelDays() <= 0) {
            throw DomainException.invalid("serviceLevelDays must be more than 0 (got " + command.serviceLevelDays() + ")");
        }
        apply(new FundingStageOverdueEvent(applicationId, conventionId, projectId, funderId, stage,
                command.serviceLevelDays()));
    }

    @CommandHandler
    public void handle(RecordChaseActionCommand command) {
        FundingStage stage = Require.present(command.stage(), "stage");
        String conventionId = command.conventionId() == null ? null : convention(command.conventionId()).conventionId;
        String action = Require.text(command.action(), "action", MAX_TEXT_LENGTH);
        apply(new OverdueStageChasedEvent(applicationId, conventionId, projectId, funderId, stage, action));
    }

    // ================================================================== conventions

    private static final java.time.ZoneId PARIS = org.tremplin.shared.ParisTime.ZONE;

    private static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(PARIS));
    }

    @CommandHandler
    public void handle(SignConventionCommand command, Clock clock) {
        Convention convention = convention(command.conventionId());
        switch (convention.status) {
            case AWAITING_SIGNATURE -> { }
            case SIGNED -> throw DomainException.conflict("Convention " + convention.conventionId
                    + " was already signed on " + convention.signedOn);
            case LAPSED -> throw DomainException.ruleViolated("Convention " + convention.conventionId + " lapsed on "
                    + contractingDeadline + ", a new application is needed");
            default -> throw DomainException.ruleViolated("Convention " + convention.conventionId + " is "
                    + describe(convention.status) + "; it can no longer be signed");
        }
        LocalDate signedOn = Require.present(command.signedOn(), "signedOn");
        LocalDate today = today(clock);
        if (signedOn.isAfter(today)) {
            throw DomainException.ruleViolated("signedOn cannot be in the future (got " + signedOn + ", today is " + today
                    + " in Paris): record the signature once the convention has been signed");
        }
        if (signedOn.isAfter(contractingDeadline)) {
            throw DomainException.ruleViolated("Convention " + convention.conventionId + " had to be signed by "
                    + contractingDeadline + " (got " + signedOn + "); the grant lapses, a new application is needed");
        }
        if (signedOn.isBefore(decidedOn)) {
            throw DomainException.ruleViolated("A convention is signed after the funder's decision of " + decidedOn
                    + " (got " + signedOn + ")");
        }
        LocalDate endDate = Require.present(command.endDate(), "endDate");
        InputRules.checkedYearsAhead(endDate, today, "endDate", "the end date of the work may be", "from today");
        if (!endDate.isAfter(signedOn)) {
            throw DomainException.ruleViolated("The end date of the work (" + endDate + ") must be after the signature ("
                    + signedOn + ")");
        }
        BigDecimal advance = percentField(command.advancePercent(), "advancePercent");
        BigDecimal cap = percentField(command.interimCapPercent(), "interimCapPercent");
        if (advance.compareTo(cap) > 0) {
            throw DomainException.ruleViolated("The advance (" + percent(advance) + " %) cannot exceed the cap of advance "
                    + "plus interim instalments (" + percent(cap) + " %)");
        }
        List<PooledFundContributor> contributors = contributors(command.contributors());
        apply(new ConventionSignedEvent(applicationId, convention.conventionId, projectId, funderId,
                convention.organisationId, convention.granted, convention.ratePercent, signedOn, endDate, advance, cap,
                contributors));
    }

    /** The lapse releases the whole grant; the event carries it, for the partner's state-aid ledger. */
    @CommandHandler
    public void handle(LapseConventionCommand command) {
        Convention convention = convention(command.conventionId());
        if (convention.status != ConventionStatus.AWAITING_SIGNATURE) {
            throw DomainException.conflict("Convention " + convention.conventionId + " is " + describe(convention.status)
                    + "; only a convention awaiting signature lapses");
        }
        apply(new ConventionLapsedEvent(applicationId, convention.conventionId, projectId, funderId,
                convention.organisationId, contractingDeadline, convention.granted));
    }

    /** A withdrawal's event takes the grant down to what was paid: the difference is released from the ledger. */
    @CommandHandler
    public void handle(AmendConventionCommand command, Clock clock) {
        Convention convention = convention(command.conventionId());
        AmendmentKind kind = Require.present(command.kind(), "kind");
        switch (kind) {
            case END_DATE_EXTENSION -> {
                requireSigned(convention, "end-date extension");
                LocalDate newEndDate = Require.present(command.newEndDate(), "newEndDate");
                InputRules.checkedYearsAhead(newEndDate, today(clock), "newEndDate", "an extended end date may be", "from today");
                if (!newEndDate.isAfter(convention.endDate)) {
                    throw DomainException.ruleViolated("An extension moves the end date later than " + convention.endDate
                            + " (got " + newEndDate + ")");
                }
                String reason = Require.text(command.reason(), "reason", MAX_TEXT_LENGTH);
                apply(new ConventionAmendedEvent(applicationId, convention.conventionId, projectId, funderId,
                        convention.organisationId, convention.version + 1, kind, convention.granted, convention.granted,
                        convention.endDate, newEndDate, null, reason));
            }
            case PARTNER_WITHDRAWAL -> {
                requireAmendable(convention, "withdrawal");
                String reason = Require.text(command.reason(), "reason", MAX_TEXT_LENGTH);
                apply(new ConventionAmendedEvent(applicationId, convention.conventionId, projectId, funderId,
                        convention.organisationId, convention.version + 1, kind, convention.granted,
                        convention.paidTotal, convention.endDate, convention.endDate, null, reason));
            }
            default -> throw DomainException.invalid("A budget shift between partners is recorded with ShiftBudgetCommand "
                    + "(both conventions change at once), not as a " + kind + " amendment");
        }
    }

    @CommandHandler
    public void handle(ShiftBudgetCommand command) {
        String fromId = Require.text(command.fromOrganisationId(), "fromOrganisationId", MAX_ID_LENGTH);
        String toId = Require.text(command.toOrganisationId(), "toOrganisationId", MAX_ID_LENGTH);
        if (fromId.equals(toId)) {
            throw DomainException.invalid("a budget shift moves money between two different partners (got " + fromId
                    + " twice)");
        }
        Convention from = conventionOf(fromId);
        Convention to = conventionOf(toId);
        requireAmendable(from, "budget shift");
        requireAmendable(to, "budget shift");
        BigDecimal amount = Require.euros(command.amount(), "amount");
        if (amount.signum() == 0) {
            throw DomainException.invalid("amount must be more than 0");
        }
        BigDecimal fromAfter = from.granted.subtract(amount);
        if (fromAfter.compareTo(from.paidTotal) < 0) {
            throw DomainException.ruleViolated("Shifting " + euros(amount) + " would leave " + fromId + " a grant of "
                    + euros(fromAfter) + ", below the " + euros(from.paidTotal) + " already paid to it; at most "
                    + euros(from.granted.subtract(from.paidTotal)) + " can move");
        }
        BigDecimal toAfter = to.granted.add(amount);
        RequestedAid receiver = requests.get(toId);
        if (toAfter.compareTo(receiver.maxAmount()) > 0) {
            throw DomainException.ruleViolated("Shifting " + euros(amount) + " would give " + toId + " a grant of "
                    + euros(toAfter) + ", above its maximum of " + euros(receiver.maxAmount()) + " = "
                    + percent(receiver.ratePercent()) + " % of eligible costs "
                    + euros(receiver.industrialResearchCost().add(receiver.experimentalDevelopmentCost()))
                    + " (" + receiver.rateSource() + ")");
        }
        String reason = Require.text(command.reason(), "reason", MAX_TEXT_LENGTH);
        apply(new ConventionAmendedEvent(applicationId, from.conventionId, projectId, funderId, fromId, from.version + 1,
                AmendmentKind.BUDGET_SHIFT_OUT, from.granted, fromAfter, from.endDate, from.endDate, toId, reason));
        apply(new ConventionAmendedEvent(applicationId, to.conventionId, projectId, funderId, toId, to.version + 1,
                AmendmentKind.BUDGET_SHIFT_IN, to.granted, toAfter, to.endDate, to.endDate, fromId, reason));
    }

    // ================================================================== statements

    @CommandHandler
    public void handle(SubmitExpenseStatementCommand command, Clock clock) {
        Convention convention = convention(command.conventionId());
        requireSigned(convention, "expense statement");
        String statementId = Require.text(command.statementId(), "statementId", MAX_ID_LENGTH);
        if (statements.containsKey(statementId)) {
            throw DomainException.conflict("Statement " + statementId + " was already submitted in this application; "
                    + "give a new statement id");
        }
        if (convention.finalApproved) {
            throw DomainException.ruleViolated("The final statement of convention " + convention.conventionId
                    + " is already approved; no statement follows it");
        }
        LocalDate periodEnd = Require.present(command.periodEnd(), "periodEnd");
        LocalDate today = today(clock);
        if (periodEnd.isAfter(today)) {
            throw DomainException.ruleViolated("periodEnd cannot be in the future (got " + periodEnd + ", today is " + today
                    + " in Paris): a statement certifies expenses already incurred, up to today at the latest");
        }
        BigDecimal amount = Require.euros(command.amount(), "amount");
        if (amount.signum() == 0) {
            throw DomainException.invalid("amount must be more than 0");
        }
        apply(new ExpenseStatementSubmittedEvent(applicationId, convention.conventionId, projectId, funderId,
                convention.organisationId, statementId, periodEnd, amount, command.finalStatement()));
    }

    @CommandHandler
    public void handle(ApproveExpenseStatementCommand command) {
        Convention convention = convention(command.conventionId());
        Statement statement = submittedStatement(convention, command.statementId());
        BigDecimal approved = Require.euros(command.approvedAmount(), "approvedAmount");
        if (approved.signum() == 0) {
            throw DomainException.invalid("approvedAmount must be more than 0; reject the statement instead");
        }
        if (approved.compareTo(statement.amount()) > 0) {
            throw DomainException.ruleViolated("The approved amount " + euros(approved) + " exceeds the "
                    + euros(statement.amount()) + " stated in " + statement.statementId());
        }
        apply(new ExpenseStatementApprovedEvent(applicationId, convention.conventionId, projectId, funderId,
                convention.organisationId, statement.statementId(), approved, convention.approvedTotal.add(approved),
                statement.finalStatement(), optionalText(command.comment(), "comment")));
    }

    @CommandHandler
    public void handle(RejectExpenseStatementCommand command) {
        Convention convention = convention(command.conventionId());
        Statement statement = submittedStatement(convention, command.statementId());
        String reasons = Require.text(command.reasons(), "reasons", MAX_TEXT_LENGTH);
        apply(new ExpenseStatementRejectedEvent(applicationId, convention.conventionId, projectId, funderId,
                convention.organisationId, statement.statementId(), reasons));
    }

    @CommandHandler
    public void handle(AcceptFinalReportCommand command) {
        Convention convention = convention(command.conventionId());
        requireSigned(convention, "final report");
        if (convention.finalReportAccepted) {
            throw DomainException.conflict("The final report of convention " + convention.conventionId
                    + " was already accepted");
        }
        if (!convention.finalApproved) {
            throw DomainException.ruleViolated("The final report of convention " + convention.conventionId
                    + " is accepted after its final expense statement is approved");
        }
        List<String> pending = statementsOf(convention, StatementStatus.SUBMITTED);
        if (!pending.isEmpty()) {
            throw DomainException.ruleViolated("Statements " + String.join(", ", pending) + " of convention "
                    + convention.conventionId + " still await a decision; approve or reject them first");
        }
        apply(new FinalReportAcceptedEvent(applicationId, convention.conventionId, projectId, funderId,
                convention.organisationId, optionalText(command.comment(), "comment")));
    }

    // ================================================================== payments

    @CommandHandler
    public void handle(PayAdvanceCommand command) {
        Convention convention = convention(command.conventionId());
        requireSigned(convention, "payment");
        String paymentId = newPaymentId(command.paymentId());
        if (convention.advancePaid) {
            throw DomainException.conflict("The advance of convention " + convention.conventionId + " was already paid");
        }
        BigDecimal amount = Tranches.advance(convention.granted, convention.advancePercent);
        if (amount.signum() == 0) {
            throw DomainException.ruleViolated("The advance of " + percent(convention.advancePercent) + " % of "
                    + euros(convention.granted) + " is less than a cent; nothing to pay");
        }
        pay(convention, paymentId, PaymentKind.ADVANCE, null, amount,
                optionalText(command.paymentReference(), "paymentReference"));
    }

    /**
     * Pays an interim instalment against an approved statement. What is due is the approved expenses times the rate,
     * within the interim cap (advance plus instalments) and the grant, less everything already paid, rounded down to
     * the cent. With no amount given the due amount is paid; <b>when nothing is due (the advance already covers the
     * approved expenses) no event is applied</b> and the statement stays open for a later instalment.
     */
    @CommandHandler
    public void handle(PayInstalmentCommand command) {
        Convention convention = convention(command.conventionId());
        requireSigned(convention, "payment");
        String paymentId = newPaymentId(command.paymentId());
        String statementId = Require.text(command.statementId(), "statementId", MAX_ID_LENGTH);
        Statement statement = statementOf(convention, statementId);
        if (statement.status() != StatementStatus.APPROVED) {
            throw DomainException.ruleViolated("Statement " + statementId + " is " + statement.status().describe()
                    + "; an instalment is paid against an approved statement only");
        }
        if (statement.paid()) {
            throw DomainException.conflict("An instalment was already paid against statement " + statementId);
        }
        BigDecimal earned = percentOf(convention.approvedTotal, convention.ratePercent);
        BigDecimal cap = percentOf(convention.granted, convention.interimCapPercent);
        BigDecimal due = earned.min(cap).min(convention.granted).subtract(convention.paidTotal).max(BigDecimal.ZERO)
                .setScale(2, RoundingMode.DOWN);
        BigDecimal amount;
        if (command.amount() == null) {
            if (due.signum() == 0) {
                return; // nothing is due: nothing to pay, nothing to record
            }
            amount = due;
        } else {
            amount = Require.euros(command.amount(), "amount");
            if (amount.signum() == 0) {
                throw DomainException.invalid("amount must be more than 0, or left out to pay what is due");
            }
            if (amount.compareTo(due) > 0) {
                throw DomainException.ruleViolated("The instalment of " + euros(amount) + " exceeds the " + euros(due)
                        + " due: approved expenses " + euros(convention.approvedTotal) + " × "
                        + percent(convention.ratePercent) + " % = " + euros(earned) + ", within the interim cap of "
                        + percent(convention.interimCapPercent) + " % of the grant (" + euros(cap) + "), less "
                        + euros(convention.paidTotal) + " already paid");
            }
        }
        pay(convention, paymentId, PaymentKind.INSTALMENT, statementId, amount, null);
    }

    /**
     * Pays the final balance (approved expenses times the rate, within the grant, less everything paid, rounded down;
     * no payment event when it is 0) and closes the convention; the closing event carries the part of the grant never
     * paid (released), for the partner's state-aid ledger.
     */
    @CommandHandler
    public void handle(PayBalanceCommand command) {
        Convention convention = convention(command.conventionId());
        requireSigned(convention, "payment");
        String paymentId = newPaymentId(command.paymentId());
        if (!convention.finalReportAccepted) {
            throw DomainException.ruleViolated("The balance of convention " + convention.conventionId
                    + " is paid after its final report is accepted");
        }
        BigDecimal balance = Tranches.balance(convention.approvedTotal, convention.ratePercent, convention.granted,
                convention.paidTotal);
        BigDecimal paidTotal = convention.paidTotal;
        if (balance.signum() > 0) {
            pay(convention, paymentId, PaymentKind.BALANCE, null, balance,
                    optionalText(command.paymentReference(), "paymentReference"));
            paidTotal = paidTotal.add(balance);
        }
        BigDecimal released = convention.granted.subtract(paidTotal);
        apply(new ConventionClosedEvent(applicationId, convention.conventionId, projectId, funderId,
                convention.organisationId, convention.granted, paidTotal, released));
    }

    private void pay(Convention convention, String paymentId, PaymentKind kind, String statementId, BigDecimal amount,
                     String paymentReference) {
        BigDecimal paidTotal = convention.paidTotal.add(amount);
        if (paidTotal.compareTo(convention.granted) > 0) {
            throw DomainException.ruleViolated("Paying " + euros(amount) + " on convention " + convention.conventionId
                    + ": paid would exceed granted (" + euros(paidTotal) + " > " + euros(convention.granted) + ")");
        }
        apply(new PaymentMadeEvent(applicationId, convention.conventionId, projectId, funderId, convention.organisationId,
                paymentId, kind, statementId, amount, paidTotal, convention.granted.subtract(paidTotal),
                split(amount, convention.contributors), paymentReference));
    }

    /**
     * A pooled fund's payment split between its contributors by their shares, exact to the cent: each gets its share
     * rounded down, and the cents left go one by one to the largest remainders (ties: in contributor order).
     */
    static List<ContributorShare> split(BigDecimal amount, List<PooledFundContributor> contributors) {
        if (contributors.isEmpty()) {
            return List.of();
        }
        long cents = amount.movePointRight(2).longValueExact();
        int n = contributors.size();
        long[] parts = new long[n];
        BigDecimal[] remainders = new BigDecimal[n];
        long left = cents;
        for (int i = 0; i < n; i++) {
            BigDecimal exact = BigDecimal.valueOf(cents).multiply(contributors.get(i).sharePercent()).movePointLeft(2);
            parts[i] = exact.setScale(0, RoundingMode.DOWN).longValueExact();
            remainders[i] = exact.subtract(BigDecimal.valueOf(parts[i]));
            left -= parts[i];
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing((Integer i) -> remainders[i]).reversed()); // stable: ties keep order
        for (int k = 0; k < left; k++) {
            parts[order[k % n]]++;
        }
        List<ContributorShare> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PooledFundContributor contributor = contributors.get(i);
            shares.add(new ContributorShare(contributor.contributor(), contributor.sharePercent(),
                    BigDecimal.valueOf(parts[i], 2)));
        }
        return List.copyOf(shares);
    }

    // ================================================================== checks and lookups

    private Convention convention(String conventionId) {
        String id = Require.text(conventionId, "conventionId", MAX_ID_LENGTH * 2);
        Convention convention = conventions.get(id);
        if (convention == null) {
            throw DomainException.notFound("Application " + applicationId + " has no convention " + id
                    + (conventions.isEmpty() ? " (nothing was granted yet)"
                    : "; its conventions are " + String.join(", ", conventions.keySet())));
        }
        return convention;
    }

    private Convention conventionOf(String organisationId) {
        return conventions.values().stream().filter(c -> c.organisationId.equals(organisationId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("Partner " + organisationId
                        + " has no convention in application " + applicationId));
    }

    private Statement statementOf(Convention convention, String statementId) {
        Statement statement = statements.get(statementId);
        if (statement == null || !statement.conventionId().equals(convention.conventionId)) {
            throw DomainException.notFound("Convention " + convention.conventionId + " has no statement " + statementId);
        }
        return statement;
    }

    private Statement submittedStatement(Convention convention, String statementId) {
        Statement statement = statementOf(convention, Require.text(statementId, "statementId", MAX_ID_LENGTH));
        if (statement.status() != StatementStatus.SUBMITTED) {
            throw DomainException.conflict("Statement " + statementId + " was already " + statement.status().describe());
        }
        return statement;
    }

    private List<String> statementsOf(Convention convention, StatementStatus status) {
        return statements.values().stream()
                .filter(s -> s.conventionId().equals(convention.conventionId) && s.status() == status)
                .map(Statement::statementId).toList();
    }

    private String newPaymentId(String paymentId) {
        String id = Require.text(paymentId, "paymentId", MAX_ID_LENGTH);
        if (paymentIds.contains(id)) {
            throw DomainException.conflict("Payment " + id + " was already recorded in application " + applicationId);
        }
        return id;
    }

    /** Statements, payments and extensions need a signed convention. */
    private void requireSigned(Convention convention, String what) {
        if (convention.status == ConventionStatus.SIGNED) {
            return;
        }
        String detail = switch (convention.status) {
            case AWAITING_SIGNATURE -> "awaits signature; sign it first";
            case LAPSED -> "lapsed on " + contractingDeadline + ", a new application is needed";
            case CLOSED -> "was closed after its final balance";
            case WITHDRAWN -> "ended with the partner's withdrawal";
            case SIGNED -> "is signed";
        };
        throw DomainException.ruleViolated("No " + what + " on " + article(convention.status) + " convention: "
                + convention.conventionId + " " + detail);
    }

    /** Withdrawals and budget shifts change a convention awaiting signature or signed. */
    private void requireAmendable(Convention convention, String what) {
        if (convention.status != ConventionStatus.AWAITING_SIGNATURE && convention.status != ConventionStatus.SIGNED) {
            throw DomainException.ruleViolated("No " + what + " on " + article(convention.status) + " convention: "
                    + convention.conventionId + " of " + convention.organisationId + " is " + describe(convention.status)
                    + "; only a convention awaiting signature or signed is amended");
        }
    }

    private static String article(ConventionStatus status) {
        return switch (status) {
            case AWAITING_SIGNATURE -> "an unsigned";
            case SIGNED -> "a signed";
            case LAPSED -> "a lapsed";
            case CLOSED -> "a closed";
            case WITHDRAWN -> "a withdrawn";
        };
    }

    private static String describe(ConventionStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Contributors of a pooled fund's convention: each once, shares of two decimals summing to exactly 100. */
    private List<PooledFundContributor> contributors(List<PooledFundContributor> declared) {
        List<PooledFundContributor> given = declared == null ? List.of() : declared;
        if (given.isEmpty()) {
            return List.of();
        }
        if (funderKind != FunderKind.POOLED_FUND) {
            throw DomainException.ruleViolated("Only a pooled fund's convention splits payments between contributors; "
                    + "a " + funderKind + " convention declares none (got " + given.size() + ")");
        }
        return PooledFundShares.check(given, null);
    }

    // ================================================================== money

    /** {@code amount × percent / 100}, rounded down to the cent. */
    static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return Tranches.percentOf(amount, percent);
    }

    /** A percentage: more than 0, at most 100, with at most two decimals. */
    private static BigDecimal percentField(BigDecimal value, String field) {
        Require.present(value, field);
        if (value.signum() <= 0 || value.compareTo(HUNDRED) > 0) {
            throw DomainException.invalid(field + " must be more than 0 and at most 100 (got " + value.toPlainString() + ")");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw DomainException.invalid(field + " must be a percentage with at most two decimals (got "
                    + value.toPlainString() + ")");
        }
        return value.setScale(2);
    }

    private static String optionalText(String value, String field) {
        return value == null || value.isBlank() ? null : Require.text(value, field, MAX_TEXT_LENGTH);
    }

    private static String euros(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString() + " €";
    }

    private static String percent(BigDecimal percent) {
        return percent.stripTrailingZeros().toPlainString();
    }

    // ================================================================== event sourcing

    @EventSourcingHandler
    void on(FundingApplicationSubmittedEvent event) {
        applicationId = event.applicationId();
        submitted = true;
        projectId = event.projectId();
        callCode = event.callCode();
        funderId = event.funderId();
        funderKind = event.funderKind();
        contractingDeadlineMonths = event.contractingDeadlineMonths();
        status = ApplicationStatus.SUBMITTED;
        event.requests().forEach(request -> requests.put(request.organisationId(), request));
    }

    @EventSourcingHandler
    void on(FundingGrantedEvent event) {
        status = ApplicationStatus.GRANTED;
        decidedOn = event.decidedOn();
        contractingDeadline = event.contractingDeadline();
        for (GrantedAid grant : event.grants()) {
            conventions.put(grant.conventionId(), new Convention(grant.conventionId(), grant.organisationId(),
                    grant.grantedAmount(), grant.ratePercent()));
        }
    }

    @EventSourcingHandler
    void on(FundingApplicationRejectedEvent event) {
        status = ApplicationStatus.REJECTED;
        decidedOn = event.decidedOn();
    }

    @EventSourcingHandler
    void on(ConventionSignedEvent event) {
        Convention convention = conventions.get(event.conventionId());
        convention.status = ConventionStatus.SIGNED;
        convention.granted = event.grantedAmount();
        convention.signedOn = event.signedOn();
        convention.endDate = event.endDate();
        convention.advancePercent = event.advancePercent();
        convention.interimCapPercent = event.interimCapPercent();
        convention.contributors = List.copyOf(event.contributors());
    }

    @EventSourcingHandler
    void on(ConventionLapsedEvent event) {
        conventions.get(event.conventionId()).status = ConventionStatus.LAPSED;
    }

    @EventSourcingHandler
    void on(ConventionAmendedEvent event) {
        Convention convention = conventions.get(event.conventionId());
        convention.version = event.version();
        convention.granted = event.grantedAmountAfter();
        convention.endDate = event.endDateAfter();
        if (event.kind() == AmendmentKind.PARTNER_WITHDRAWAL) {
            convention.status = ConventionStatus.WITHDRAWN;
        }
    }

    @EventSourcingHandler
    void on(ExpenseStatementSubmittedEvent event) {
        statements.put(event.statementId(), new Statement(event.statementId(), event.conventionId(), event.amount(),
                event.finalStatement(), StatementStatus.SUBMITTED, false));
    }

    @EventSourcingHandler
    void on(ExpenseStatementApprovedEvent event) {
        statements.computeIfPresent(event.statementId(), (id, s) -> s.with(StatementStatus.APPROVED, false));
        Convention convention = conventions.get(event.conventionId());
        convention.approvedTotal = event.approvedTotal();
        convention.finalApproved |= event.finalStatement();
    }

    @EventSourcingHandler
    void on(ExpenseStatementRejectedEvent event) {
        statements.computeIfPresent(event.statementId(), (id, s) -> s.with(StatementStatus.REJECTED, false));
    }

    @EventSourcingHandler
    void on(FinalReportAcceptedEvent event) {
        conventions.get(event.conventionId()).finalReportAccepted = true;
    }

    @EventSourcingHandler
    void on(PaymentMadeEvent event) {
        paymentIds.add(event.paymentId());
        Convention convention = conventions.get(event.conventionId());
        convention.paidTotal = event.paidTotal();
        if (event.kind() == PaymentKind.ADVANCE) {
            convention.advancePaid = true;
        }
        if (event.statementId() != null) {
            statements.computeIfPresent(event.statementId(), (id, s) -> s.with(s.status(), true));
        }
    }

    @EventSourcingHandler
    void on(ConventionClosedEvent event) {
        conventions.get(event.conventionId()).status = ConventionStatus.CLOSED;
    }

    // ================================================================== state

    /** Where an expense statement stands. */
    private enum StatementStatus {
        SUBMITTED, APPROVED, REJECTED;

        String describe() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An expense statement of one convention; {@code paid} once an instalment was paid against it. */
    private record Statement(String statementId, String conventionId, BigDecimal amount, boolean finalStatement,
                             StatementStatus status, boolean paid) {

        Statement with(StatementStatus newStatus, boolean nowPaid) {
            return new Statement(statementId, conventionId, amount, finalStatement, newStatus, nowPaid);
        }
    }

    /**
     * One partner's convention with the funder. Changed by the event-sourcing handlers only; equality by value so
     * that Axon's test fixture can compare the state it built with the state replayed from the events.
     */
    private static final class Convention {
        final String conventionId;
        final String organisationId;
        final BigDecimal ratePercent;
        BigDecimal granted;
        ConventionStatus status = ConventionStatus.AWAITING_SIGNATURE;
        int version = 1;
        LocalDate signedOn;
        LocalDate endDate;
        BigDecimal advancePercent;
        BigDecimal interimCapPercent;
        List<PooledFundContributor> contributors = List.of();
        boolean advancePaid;
        BigDecimal paidTotal = BigDecimal.ZERO.setScale(2);
        BigDecimal approvedTotal = BigDecimal.ZERO.setScale(2);
        boolean finalApproved;
        boolean finalReportAccepted;

        Convention(String conventionId, String organisationId, BigDecimal granted, BigDecimal ratePercent) {
            this.conventionId = conventionId;
            this.organisationId = organisationId;
            this.granted = granted;
            this.ratePercent = ratePercent;
        }

        private List<Object> state() {
            return Arrays.asList(conventionId, organisationId, ratePercent, granted, status, version, signedOn, endDate,
                    advancePercent, interimCapPercent, contributors, advancePaid, paidTotal, approvedTotal,
                    finalApproved, finalReportAccepted);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Convention that && state().equals(that.state());
        }

        @Override
        public int hashCode() {
            return Objects.hash(state().toArray());
        }
    }
}
