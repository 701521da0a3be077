package org.tremplin.funding.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.funding.api.AcceptFinalReportCommand;
import org.tremplin.funding.api.AmendConventionCommand;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.ApplicationStatus;
import org.tremplin.funding.api.ApproveExpenseStatementCommand;
import org.tremplin.funding.api.ExpenseStatementApprovedEvent;
import org.tremplin.funding.api.ExpenseStatementRejectedEvent;
import org.tremplin.funding.api.ExpenseStatementSubmittedEvent;
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
import org.tremplin.funding.api.PaymentMadeEvent;
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
import org.tremplin.shared.Money;
import org.tremplin.shared.Percentage;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Require;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>One consistency boundary, three parts: the application itself (submission, decision, overdue stages) here; each
 * granted partner's {@link Convention} as an entity of this aggregate (Axon's {@code @AggregateMember}: the events
 * naming a {@code conventionId} are forwarded to that convention's event-sourcing handlers), which decides its
 * signature, amendments and tranches; the tranche amounts in {@link Tranches}. The expense statements and payment ids
 * span conventions and stay here; every state change happens in event-sourcing handlers only.
 */
@Aggregate
public class FundingApplication {

    static final int MAX_REQUESTS = 50;
    static final int MAX_CONTRACTING_DEADLINE_MONTHS = 60;
    static final int MAX_ID_LENGTH = 100;
    static final int MAX_TEXT_LENGTH = 2000;

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
    /** Per convention id, in the order of the grant: entities that receive the events naming their conventionId. */
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private final Map<String, Convention> conventions = new LinkedHashMap<>();
    /** Per statement id, across all conventions (statement ids are unique within the application). */
    private final Map<String, ExpenseStatement> statements = new LinkedHashMap<>();
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
            BigDecimal max = Money.percentOf(eligible, rate.percent());
            if (asked.compareTo(max) > 0) {
                tooHigh.add("The request of " + organisation + " (" + Money.plain(asked) + ") exceeds the maximum of "
                        + Money.plain(max) + " = " + Percentage.plain(rate.percent()) + " % of eligible costs " + Money.plain(eligible)
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
                throw DomainException.ruleViolated("The grant of " + Money.plain(amount) + " to " + organisation
                        + " exceeds its request of " + Money.plain(request.requestedAmount())
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
        String conventionId = command.conventionId() == null ? null : convention(command.conventionId()).conventionId();
        if (command.serviceLevelDays() <= 0) {
            throw DomainException.invalid("serviceLevelDays must be more than 0 (got " + command.serviceLevelDays() + ")");
        }
        apply(new FundingStageOverdueEvent(applicationId, conventionId, projectId, funderId, stage,
                command.serviceLevelDays()));
    }

    @CommandHandler
    public void handle(RecordChaseActionCommand command) {
        FundingStage stage = Require.present(command.stage(), "stage");
        String conventionId = command.conventionId() == null ? null : convention(command.conventionId()).conventionId();
        String action = Require.text(command.action(), "action", MAX_TEXT_LENGTH);
        apply(new OverdueStageChasedEvent(applicationId, conventionId, projectId, funderId, stage, action));
    }

    // ================================================================== conventions (decided by the Convention entity)

    private static LocalDate today(Clock clock) {
        return ParisTime.today(clock);
    }

    @CommandHandler
    public void handle(SignConventionCommand command, Clock clock) {
        convention(command.conventionId()).sign(command, today(clock), funderKind);
    }

    @CommandHandler
    public void handle(LapseConventionCommand command) {
        convention(command.conventionId()).lapse();
    }

    @CommandHandler
    public void handle(AmendConventionCommand command, Clock clock) {
        Convention convention = convention(command.conventionId());
        AmendmentKind kind = Require.present(command.kind(), "kind");
        switch (kind) {
            case END_DATE_EXTENSION -> convention.extend(command.newEndDate(), command.reason(), today(clock));
            case PARTNER_WITHDRAWAL -> convention.withdraw(command.reason());
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
        RequestedAid receiver = requests.get(toId);
        String basis = " = " + Percentage.plain(receiver.ratePercent()) + " % of eligible costs "
                + Money.plain(receiver.industrialResearchCost().add(receiver.experimentalDevelopmentCost()))
                + " (" + receiver.rateSource() + ")";
        from.shiftTo(to, command.amount(), receiver.maxAmount(), basis, command.reason());
    }

    // ================================================================== statements

    @CommandHandler
    public void handle(SubmitExpenseStatementCommand command, Clock clock) {
        Convention convention = convention(command.conventionId());
        convention.requireSigned("expense statement");
        String statementId = Require.text(command.statementId(), "statementId", MAX_ID_LENGTH);
        if (statements.containsKey(statementId)) {
            throw DomainException.conflict("Statement " + statementId + " was already submitted in this application; "
                    + "give a new statement id");
        }
        if (convention.finalApproved()) {
            throw DomainException.ruleViolated("The final statement of convention " + convention.conventionId()
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
        apply(new ExpenseStatementSubmittedEvent(applicationId, convention.conventionId(), projectId, funderId,
                convention.organisationId(), statementId, periodEnd, amount, command.finalStatement()));
    }

    @CommandHandler
    public void handle(ApproveExpenseStatementCommand command) {
        Convention convention = convention(command.conventionId());
        ExpenseStatement statement = submittedStatement(convention, command.statementId());
        BigDecimal approved = Require.euros(command.approvedAmount(), "approvedAmount");
        if (approved.signum() == 0) {
            throw DomainException.invalid("approvedAmount must be more than 0; reject the statement instead");
        }
        if (approved.compareTo(statement.amount()) > 0) {
            throw DomainException.ruleViolated("The approved amount " + Money.plain(approved) + " exceeds the "
                    + Money.plain(statement.amount()) + " stated in " + statement.statementId());
        }
        apply(new ExpenseStatementApprovedEvent(applicationId, convention.conventionId(), projectId, funderId,
                convention.organisationId(), statement.statementId(), approved, convention.approvedTotal().add(approved),
                statement.finalStatement(), optionalText(command.comment(), "comment")));
    }

    @CommandHandler
    public void handle(RejectExpenseStatementCommand command) {
        Convention convention = convention(command.conventionId());
        ExpenseStatement statement = submittedStatement(convention, command.statementId());
        String reasons = Require.text(command.reasons(), "reasons", MAX_TEXT_LENGTH);
        apply(new ExpenseStatementRejectedEvent(applicationId, convention.conventionId(), projectId, funderId,
                convention.organisationId(), statement.statementId(), reasons));
    }

    @CommandHandler
    public void handle(AcceptFinalReportCommand command) {
        Convention convention = convention(command.conventionId());
        convention.acceptFinalReport(statementsOf(convention, ExpenseStatement.Status.SUBMITTED),
                optionalText(command.comment(), "comment"));
    }

    // ================================================================== payments (the tranche rules: Tranches)

    @CommandHandler
    public void handle(PayAdvanceCommand command) {
        Convention convention = convention(command.conventionId());
        convention.requireSigned("payment");
        String paymentId = newPaymentId(command.paymentId());
        convention.payAdvance(paymentId, optionalText(command.paymentReference(), "paymentReference"));
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
        convention.requireSigned("payment");
        String paymentId = newPaymentId(command.paymentId());
        String statementId = Require.text(command.statementId(), "statementId", MAX_ID_LENGTH);
        ExpenseStatement statement = statementOf(convention, statementId);
        if (statement.status() != ExpenseStatement.Status.APPROVED) {
            throw DomainException.ruleViolated("Statement " + statementId + " is " + statement.status().describe()
                    + "; an instalment is paid against an approved statement only");
        }
        if (statement.paid()) {
            throw DomainException.conflict("An instalment was already paid against statement " + statementId);
        }
        convention.payInstalment(paymentId, statementId, command.amount());
    }

    /**
     * Pays the final balance (approved expenses times the rate, within the grant, less everything paid, rounded down;
     * no payment event when it is 0) and closes the convention; the closing event carries the part of the grant never
     * paid (released), for the partner's state-aid ledger.
     */
    @CommandHandler
    public void handle(PayBalanceCommand command) {
        Convention convention = convention(command.conventionId());
        convention.requireSigned("payment");
        String paymentId = newPaymentId(command.paymentId());
        convention.payBalance(paymentId, optionalText(command.paymentReference(), "paymentReference"));
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
        return conventions.values().stream().filter(c -> c.organisationId().equals(organisationId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("Partner " + organisationId
                        + " has no convention in application " + applicationId));
    }

    private ExpenseStatement statementOf(Convention convention, String statementId) {
        ExpenseStatement statement = statements.get(statementId);
        if (statement == null || !statement.conventionId().equals(convention.conventionId())) {
            throw DomainException.notFound("Convention " + convention.conventionId() + " has no statement " + statementId);
        }
        return statement;
    }

    private ExpenseStatement submittedStatement(Convention convention, String statementId) {
        ExpenseStatement statement = statementOf(convention, Require.text(statementId, "statementId", MAX_ID_LENGTH));
        if (statement.status() != ExpenseStatement.Status.SUBMITTED) {
            throw DomainException.conflict("Statement " + statementId + " was already " + statement.status().describe());
        }
        return statement;
    }

    private List<String> statementsOf(Convention convention, ExpenseStatement.Status status) {
        return statements.values().stream()
                .filter(s -> s.conventionId().equals(convention.conventionId()) && s.status() == status)
                .map(ExpenseStatement::statementId).toList();
    }

    private String newPaymentId(String paymentId) {
        String id = Require.text(paymentId, "paymentId", MAX_ID_LENGTH);
        if (paymentIds.contains(id)) {
            throw DomainException.conflict("Payment " + id + " was already recorded in application " + applicationId);
        }
        return id;
    }

    private static String optionalText(String value, String field) {
        return value == null || value.isBlank() ? null : Require.text(value, field, MAX_TEXT_LENGTH);
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
            conventions.put(grant.conventionId(), new Convention(applicationId, projectId, funderId, grant.conventionId(),
                    grant.organisationId(), grant.grantedAmount(), grant.ratePercent(), decidedOn, contractingDeadline));
        }
    }

    @EventSourcingHandler
    void on(FundingApplicationRejectedEvent event) {
        status = ApplicationStatus.REJECTED;
        decidedOn = event.decidedOn();
    }

    // the conventions' own events are handled by the Convention entity (forwarded by conventionId)

    @EventSourcingHandler
    void on(ExpenseStatementSubmittedEvent event) {
        statements.put(event.statementId(), new ExpenseStatement(event.statementId(), event.conventionId(), event.amount(),
                event.finalStatement(), ExpenseStatement.Status.SUBMITTED, false));
    }

    @EventSourcingHandler
    void on(ExpenseStatementApprovedEvent event) {
        statements.computeIfPresent(event.statementId(), (id, s) -> s.with(ExpenseStatement.Status.APPROVED, false));
    }

    @EventSourcingHandler
    void on(ExpenseStatementRejectedEvent event) {
        statements.computeIfPresent(event.statementId(), (id, s) -> s.with(ExpenseStatement.Status.REJECTED, false));
    }

    @EventSourcingHandler
    void on(PaymentMadeEvent event) {
        paymentIds.add(event.paymentId());
        if (event.statementId() != null) {
            statements.computeIfPresent(event.statementId(), (id, s) -> s.with(s.status(), true));
        }
    }
}
