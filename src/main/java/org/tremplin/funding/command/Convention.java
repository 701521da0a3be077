package org.tremplin.funding.command;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.ContributorShare;
import org.tremplin.funding.api.ConventionAmendedEvent;
import org.tremplin.funding.api.ConventionClosedEvent;
import org.tremplin.funding.api.ConventionLapsedEvent;
import org.tremplin.funding.api.ConventionSignedEvent;
import org.tremplin.funding.api.ConventionStatus;
import org.tremplin.funding.api.ExpenseStatementApprovedEvent;
import org.tremplin.funding.api.FinalReportAcceptedEvent;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.PaymentKind;
import org.tremplin.funding.api.PaymentMadeEvent;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.SignConventionCommand;
import org.tremplin.shared.Apportionment;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Money;
import org.tremplin.shared.Percentage;
import org.tremplin.shared.InputRules;
import org.tremplin.shared.Require;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One partner's convention with the funder: an entity of its {@link FundingApplication} (an Axon aggregate member,
 * inside the application's consistency boundary). It decides what concerns it alone (signature, lapse, extension,
 * withdrawal, the final report, each tranche) and changes in its event-sourcing handlers only, which Axon calls for
 * the events naming its {@code conventionId}. What spans conventions (payment ids, expense statements, a budget shift
 * between two partners, the decision's dates) stays with the application, which hands it in.
 *
 * <p>Equality by value so that Axon's test fixture can compare the state it built with the state replayed from the
 * events.
 */
final class Convention {

    static final int MAX_TEXT_LENGTH = FundingApplication.MAX_TEXT_LENGTH;

    @EntityId
    private final String conventionId;
    private final String applicationId;
    private final String projectId;
    private final String funderId;
    private final String organisationId;
    private final BigDecimal ratePercent;
    /** The funder's decision and the date the convention must be signed by (or lapse). */
    private final LocalDate decidedOn;
    private final LocalDate contractingDeadline;
    private BigDecimal granted;
    private ConventionStatus status = ConventionStatus.AWAITING_SIGNATURE;
    private int version = 1;
    private LocalDate signedOn;
    private LocalDate endDate;
    private BigDecimal advancePercent;
    private BigDecimal interimCapPercent;
    private List<PooledFundContributor> contributors = List.of();
    private boolean advancePaid;
    private BigDecimal paidTotal = BigDecimal.ZERO.setScale(2);
    private BigDecimal approvedTotal = BigDecimal.ZERO.setScale(2);
    private boolean finalApproved;
    private boolean finalReportAccepted;

    Convention(String applicationId, String projectId, String funderId, String conventionId, String organisationId,
               BigDecimal granted, BigDecimal ratePercent, LocalDate decidedOn, LocalDate contractingDeadline) {
        this.decidedOn = decidedOn;
        this.contractingDeadline = contractingDeadline;
        this.applicationId = applicationId;
        this.projectId = projectId;
        this.funderId = funderId;
        this.conventionId = conventionId;
        this.organisationId = organisationId;
        this.granted = granted;
        this.ratePercent = ratePercent;
    }

    String conventionId() {
        return conventionId;
    }

    String organisationId() {
        return organisationId;
    }

    boolean finalApproved() {
        return finalApproved;
    }

    BigDecimal approvedTotal() {
        return approvedTotal;
    }

    // ================================================================== signature, lapse, amendments

    void sign(SignConventionCommand command, LocalDate today, FunderKind funderKind) {
        switch (status) {
            case AWAITING_SIGNATURE -> { }
            case SIGNED -> throw DomainException.conflict("Convention " + conventionId + " was already signed on " + signedOn);
            case LAPSED -> throw DomainException.ruleViolated("Convention " + conventionId + " lapsed on "
                    + contractingDeadline + ", a new application is needed");
            default -> throw DomainException.ruleViolated("Convention " + conventionId + " is " + describe(status)
                    + "; it can no longer be signed");
        }
        LocalDate signed = Require.present(command.signedOn(), "signedOn");
        if (signed.isAfter(today)) {
            throw DomainException.ruleViolated("signedOn cannot be in the future (got " + signed + ", today is " + today
                    + " in Paris): record the signature once the convention has been signed");
        }
        if (signed.isAfter(contractingDeadline)) {
            throw DomainException.ruleViolated("Convention " + conventionId + " had to be signed by "
                    + contractingDeadline + " (got " + signed + "); the grant lapses, a new application is needed");
        }
        if (signed.isBefore(decidedOn)) {
            throw DomainException.ruleViolated("A convention is signed after the funder's decision of " + decidedOn
                    + " (got " + signed + ")");
        }
        LocalDate end = Require.present(command.endDate(), "endDate");
        InputRules.checkedYearsAhead(end, today, "endDate", "the end date of the work may be", "from today");
        if (!end.isAfter(signed)) {
            throw DomainException.ruleViolated("The end date of the work (" + end + ") must be after the signature ("
                    + signed + ")");
        }
        BigDecimal advance = Percentage.of(command.advancePercent(), "advancePercent");
        BigDecimal cap = Percentage.of(command.interimCapPercent(), "interimCapPercent");
        if (advance.compareTo(cap) > 0) {
            throw DomainException.ruleViolated("The advance (" + Percentage.plain(advance) + " %) cannot exceed the cap of advance "
                    + "plus interim instalments (" + Percentage.plain(cap) + " %)");
        }
        List<PooledFundContributor> declared = declaredContributors(command.contributors(), funderKind);
        apply(new ConventionSignedEvent(applicationId, conventionId, projectId, funderId, organisationId, granted,
                ratePercent, signed, end, advance, cap, declared));
    }

    /** Contributors of a pooled fund's convention: each once, shares of two decimals summing to exactly 100. */
    private static List<PooledFundContributor> declaredContributors(List<PooledFundContributor> declared, FunderKind funderKind) {
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

    /** The lapse releases the whole grant; the event carries it, for the partner's state-aid ledger. */
    void lapse() {
        if (status != ConventionStatus.AWAITING_SIGNATURE) {
            throw DomainException.conflict("Convention " + conventionId + " is " + describe(status)
                    + "; only a convention awaiting signature lapses");
        }
        apply(new ConventionLapsedEvent(applicationId, conventionId, projectId, funderId, organisationId,
                contractingDeadline, granted));
    }

    void extend(LocalDate newEndDate, String reason, LocalDate today) {
        requireSigned("end-date extension");
        LocalDate newEnd = Require.present(newEndDate, "newEndDate");
        InputRules.checkedYearsAhead(newEnd, today, "newEndDate", "an extended end date may be", "from today");
        if (!newEnd.isAfter(endDate)) {
            throw DomainException.ruleViolated("An extension moves the end date later than " + endDate
                    + " (got " + newEnd + ")");
        }
        String text = Require.text(reason, "reason", MAX_TEXT_LENGTH);
        apply(new ConventionAmendedEvent(applicationId, conventionId, projectId, funderId, organisationId, version + 1,
                AmendmentKind.END_DATE_EXTENSION, granted, granted, endDate, newEnd, null, text));
    }

    /** A withdrawal's event takes the grant down to what was paid: the difference is released from the ledger. */
    void withdraw(String reason) {
        requireAmendable("withdrawal");
        String text = Require.text(reason, "reason", MAX_TEXT_LENGTH);
        apply(new ConventionAmendedEvent(applicationId, conventionId, projectId, funderId, organisationId, version + 1,
                AmendmentKind.PARTNER_WITHDRAWAL, granted, paidTotal, endDate, endDate, null, text));
    }

    /** Moving {@code amount} of this grant to {@code receiver}: both amended, checked against the receiver's maximum. */
    void shiftTo(Convention receiver, BigDecimal amount, BigDecimal receiverMaximum, String receiverBasis, String reason) {
        requireAmendable("budget shift");
        receiver.requireAmendable("budget shift");
        BigDecimal shifted = Require.euros(amount, "amount");
        if (shifted.signum() == 0) {
            throw DomainException.invalid("amount must be more than 0");
        }
        BigDecimal fromAfter = granted.subtract(shifted);
        if (fromAfter.compareTo(paidTotal) < 0) {
            throw DomainException.ruleViolated("Shifting " + Money.plain(shifted) + " would leave " + organisationId + " a grant of "
                    + Money.plain(fromAfter) + ", below the " + Money.plain(paidTotal) + " already paid to it; at most "
                    + Money.plain(granted.subtract(paidTotal)) + " can move");
        }
        BigDecimal toAfter = receiver.granted.add(shifted);
        if (toAfter.compareTo(receiverMaximum) > 0) {
            throw DomainException.ruleViolated("Shifting " + Money.plain(shifted) + " would give " + receiver.organisationId
                    + " a grant of " + Money.plain(toAfter) + ", above its maximum of " + Money.plain(receiverMaximum) + receiverBasis);
        }
        String text = Require.text(reason, "reason", MAX_TEXT_LENGTH);
        apply(new ConventionAmendedEvent(applicationId, conventionId, projectId, funderId, organisationId, version + 1,
                AmendmentKind.BUDGET_SHIFT_OUT, granted, fromAfter, endDate, endDate, receiver.organisationId, text));
        apply(new ConventionAmendedEvent(applicationId, receiver.conventionId, projectId, funderId, receiver.organisationId,
                receiver.version + 1, AmendmentKind.BUDGET_SHIFT_IN, receiver.granted, toAfter, receiver.endDate,
                receiver.endDate, organisationId, text));
    }

    // ================================================================== final report

    void acceptFinalReport(List<String> pendingStatements, String comment) {
        requireSigned("final report");
        if (finalReportAccepted) {
            throw DomainException.conflict("The final report of convention " + conventionId + " was already accepted");
        }
        if (!finalApproved) {
            throw DomainException.ruleViolated("The final report of convention " + conventionId
                    + " is accepted after its final expense statement is approved");
        }
        if (!pendingStatements.isEmpty()) {
            throw DomainException.ruleViolated("Statements " + String.join(", ", pendingStatements) + " of convention "
                    + conventionId + " still await a decision; approve or reject them first");
        }
        apply(new FinalReportAcceptedEvent(applicationId, conventionId, projectId, funderId, organisationId, comment));
    }

    // ================================================================== tranches

    void payAdvance(String paymentId, String paymentReference) {
        if (advancePaid) {
            throw DomainException.conflict("The advance of convention " + conventionId + " was already paid");
        }
        BigDecimal amount = Tranches.advance(granted, advancePercent);
        if (amount.signum() == 0) {
            throw DomainException.ruleViolated("The advance of " + Percentage.plain(advancePercent) + " % of "
                    + Money.plain(granted) + " is less than a cent; nothing to pay");
        }
        pay(paymentId, PaymentKind.ADVANCE, null, amount, paymentReference);
    }

    /** See {@link FundingApplication#handle(org.tremplin.funding.api.PayInstalmentCommand)}. */
    void payInstalment(String paymentId, String statementId, BigDecimal requested) {
        Tranches.Instalment instalment = Tranches.instalment(approvedTotal, ratePercent, granted, interimCapPercent, paidTotal);
        BigDecimal due = instalment.due();
        BigDecimal amount;
        if (requested == null) {
            if (due.signum() == 0) {
                return; // nothing is due: nothing to pay, nothing to record
            }
            amount = due;
        } else {
            amount = Require.euros(requested, "amount");
            if (amount.signum() == 0) {
                throw DomainException.invalid("amount must be more than 0, or left out to pay what is due");
            }
            if (amount.compareTo(due) > 0) {
                throw DomainException.ruleViolated("The instalment of " + Money.plain(amount) + " exceeds the " + Money.plain(due)
                        + " due: approved expenses " + Money.plain(approvedTotal) + " × "
                        + Percentage.plain(ratePercent) + " % = " + Money.plain(instalment.earned()) + ", within the interim cap of "
                        + Percentage.plain(interimCapPercent) + " % of the grant (" + Money.plain(instalment.cap()) + "), less "
                        + Money.plain(paidTotal) + " already paid");
            }
        }
        pay(paymentId, PaymentKind.INSTALMENT, statementId, amount, null);
    }

    /** The balance (no payment event when it is 0), then the close, carrying the part of the grant never paid. */
    void payBalance(String paymentId, String paymentReference) {
        if (!finalReportAccepted) {
            throw DomainException.ruleViolated("The balance of convention " + conventionId
                    + " is paid after its final report is accepted");
        }
        BigDecimal balance = Tranches.balance(approvedTotal, ratePercent, granted, paidTotal);
        BigDecimal paid = paidTotal;
        if (balance.signum() > 0) {
            pay(paymentId, PaymentKind.BALANCE, null, balance, paymentReference);
            paid = paid.add(balance);
        }
        apply(new ConventionClosedEvent(applicationId, conventionId, projectId, funderId, organisationId, granted, paid,
                granted.subtract(paid)));
    }

    private void pay(String paymentId, PaymentKind kind, String statementId, BigDecimal amount, String paymentReference) {
        BigDecimal after = paidTotal.add(amount);
        if (after.compareTo(granted) > 0) {
            throw DomainException.ruleViolated("Paying " + Money.plain(amount) + " on convention " + conventionId
                    + ": paid would exceed granted (" + Money.plain(after) + " > " + Money.plain(granted) + ")");
        }
        apply(new PaymentMadeEvent(applicationId, conventionId, projectId, funderId, organisationId, paymentId, kind,
                statementId, amount, after, granted.subtract(after), split(amount, contributors), paymentReference));
    }

    /** A pooled fund's payment split between its contributors by their shares, exact to the cent. */
    static List<ContributorShare> split(BigDecimal amount, List<PooledFundContributor> contributors) {
        if (contributors.isEmpty()) {
            return List.of();
        }
        List<BigDecimal> parts = Apportionment.largestRemainder(amount,
                contributors.stream().map(PooledFundContributor::sharePercent).toList(), 2);
        return java.util.stream.IntStream.range(0, contributors.size())
                .mapToObj(i -> new ContributorShare(contributors.get(i).contributor(), contributors.get(i).sharePercent(),
                        parts.get(i)))
                .toList();
    }

    // ================================================================== checks

    /** Statements, payments and extensions need a signed convention. */
    void requireSigned(String what) {
        if (status == ConventionStatus.SIGNED) {
            return;
        }
        String detail = switch (status) {
            case AWAITING_SIGNATURE -> "awaits signature; sign it first";
            case LAPSED -> "lapsed on " + contractingDeadline + ", a new application is needed";
            case CLOSED -> "was closed after its final balance";
            case WITHDRAWN -> "ended with the partner's withdrawal";
            case SIGNED -> "is signed";
        };
        throw DomainException.ruleViolated("No " + what + " on " + article(status) + " convention: " + conventionId + " "
                + detail);
    }

    /** Withdrawals and budget shifts change a convention awaiting signature or signed. */
    private void requireAmendable(String what) {
        if (status != ConventionStatus.AWAITING_SIGNATURE && status != ConventionStatus.SIGNED) {
            throw DomainException.ruleViolated("No " + what + " on " + article(status) + " convention: "
                    + conventionId + " of " + organisationId + " is " + describe(status)
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

    static String describe(ConventionStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    // ================================================================== event sourcing

    @EventSourcingHandler
    void on(ConventionSignedEvent event) {
        status = ConventionStatus.SIGNED;
        granted = event.grantedAmount();
        signedOn = event.signedOn();
        endDate = event.endDate();
        advancePercent = event.advancePercent();
        interimCapPercent = event.interimCapPercent();
        contributors = List.copyOf(event.contributors());
    }

    @EventSourcingHandler
    void on(ConventionLapsedEvent event) {
        status = ConventionStatus.LAPSED;
    }

    @EventSourcingHandler
    void on(ConventionAmendedEvent event) {
        version = event.version();
        granted = event.grantedAmountAfter();
        endDate = event.endDateAfter();
        if (event.kind() == AmendmentKind.PARTNER_WITHDRAWAL) {
            status = ConventionStatus.WITHDRAWN;
        }
    }

    @EventSourcingHandler
    void on(ExpenseStatementApprovedEvent event) {
        approvedTotal = event.approvedTotal();
        finalApproved |= event.finalStatement();
    }

    @EventSourcingHandler
    void on(FinalReportAcceptedEvent event) {
        finalReportAccepted = true;
    }

    @EventSourcingHandler
    void on(PaymentMadeEvent event) {
        paidTotal = event.paidTotal();
        if (event.kind() == PaymentKind.ADVANCE) {
            advancePaid = true;
        }
    }

    @EventSourcingHandler
    void on(ConventionClosedEvent event) {
        status = ConventionStatus.CLOSED;
    }

    private List<Object> state() {
        return Arrays.asList(conventionId, applicationId, projectId, funderId, organisationId, ratePercent, decidedOn,
                contractingDeadline, granted, status,
                version, signedOn, endDate, advancePercent, interimCapPercent, contributors, advancePaid, paidTotal,
                approvedTotal, finalApproved, finalReportAccepted);
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
