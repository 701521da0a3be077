package org.tremplin.investment.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.investment.api.AcceptRoundNdaCommand;
import org.tremplin.investment.api.AddRoundDocumentCommand;
import org.tremplin.investment.api.AmendRoundTermsCommand;
import org.tremplin.investment.api.CloseRoundCommand;
import org.tremplin.investment.api.CommitToRoundCommand;
import org.tremplin.investment.api.CommitmentAllocatedEvent;
import org.tremplin.investment.api.CommitmentChangedEvent;
import org.tremplin.investment.api.CommitmentLapsedEvent;
import org.tremplin.investment.api.CommitmentMadeEvent;
import org.tremplin.investment.api.CommitmentReconfirmedEvent;
import org.tremplin.investment.api.CommitmentReleasedEvent;
import org.tremplin.investment.api.CommitmentStatus;
import org.tremplin.investment.api.CommitmentWithdrawnEvent;
import org.tremplin.investment.api.Instrument;
import org.tremplin.investment.api.InvestorInvitedEvent;
import org.tremplin.investment.api.InviteInvestorCommand;
import org.tremplin.investment.api.LapseUnconfirmedCommitmentsCommand;
import org.tremplin.investment.api.OpenRoundCommand;
import org.tremplin.investment.api.AnswerInvitationCommand;
import org.tremplin.investment.api.AnswerReconfirmationCommand;
import org.tremplin.investment.api.ReconfirmCommitmentCommand;
import org.tremplin.investment.api.RoundCancelledEvent;
import org.tremplin.investment.api.RoundClosedEvent;
import org.tremplin.investment.api.RoundDocumentAddedEvent;
import org.tremplin.investment.api.RoundNdaAcceptedEvent;
import org.tremplin.investment.api.RoundOpenedEvent;
import org.tremplin.investment.api.RoundStatus;
import org.tremplin.investment.api.RoundTerms;
import org.tremplin.investment.api.RoundTermsAmendedEvent;
import org.tremplin.investment.api.WithdrawCommitmentCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.InputRules;
import org.tremplin.shared.Money;
import org.tremplin.shared.Require;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An investment round of a company: its terms, the invited investors and their NDAs, the data room's documents, the
 * commitments (made, changed, withdrawn, reconfirmed after a material change of terms or lapsed) and the close:
 * cancelled with every commitment released, or closed with each investor's allocation ({@link ProRata} when
 * oversubscribed), the amount raised and the post-money valuation.
 *
 * <p>Amounts: raises, tickets and commitments are whole euros (so that a pro-rata allocation in whole euros is exact);
 * the pre-money valuation is euros with cents.
 */
@Aggregate
public class Round {

    static final int MAX_TEXT_LENGTH = 2000;
    static final Set<String> LABELLED_STATUSES = Set.of("LABEL_GRANTED", "FUNDING", "IN_RESEARCH", "CLOSED");

    @AggregateIdentifier
    private String roundId;
    private boolean opened;
    private String title;
    private RoundTerms terms;
    private LocalDate openedOn;
    private RoundStatus status;
    private int amendment;
    /** Per investor id, in the order of the invitations. */
    private final Map<String, Participant> investors = new LinkedHashMap<>();
    /** Investors with a current commitment, earliest commitment first (a change keeps the place). */
    private final List<String> commitmentOrder = new ArrayList<>();
    private final Set<String> documents = new HashSet<>();

    /** An invited investor's state; replaced, never changed, so that the aggregate's state compares by value. */
    private record Participant(boolean ndaAccepted, BigDecimal amount, CommitmentStatus status, int reconfirmFor) {

        static final Participant INVITED = new Participant(false, null, null, 0);

        boolean committed() {
            return status == CommitmentStatus.ACTIVE || status == CommitmentStatus.AWAITING_RECONFIRMATION;
        }

        Participant withNda() {
            return new Participant(true, amount, status, reconfirmFor);
        }

        Participant with(BigDecimal newAmount, CommitmentStatus newStatus) {
            return new Participant(ndaAccepted, newAmount, newStatus, reconfirmFor);
        }

        Participant with(CommitmentStatus newStatus) {
            return new Participant(ndaAccepted, amount, newStatus, reconfirmFor);
        }

        Participant awaiting(int amendment) {
            return new Participant(ndaAccepted, amount, CommitmentStatus.AWAITING_RECONFIRMATION, amendment);
        }
    }

    protected Round() {
    }

    // ================================================================== opening

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenRoundCommand command) {
        if (opened) {
            throw DomainException.conflict("Round " + roundId + " is already open (" + title + ")");
        }
        String id = Require.text(command.roundId(), "roundId", 64);
        if (!id.startsWith(OpenRoundCommand.ID_PREFIX)) {
            throw DomainException.invalid("roundId must start with " + OpenRoundCommand.ID_PREFIX + " (got " + id + ")");
        }
        String roundTitle = Require.text(command.title(), "title", 200);
        String company = Require.text(command.companyOrganisationId(), "companyOrganisationId", 100);
        LocalDate today = Require.present(command.openedOn(), "openedOn");
        RoundTerms checked = terms(command.terms());
        if (!checked.closingDate().isAfter(today)) {
            throw DomainException.invalid("closingDate must be after the opening date " + today + " (got "
                    + checked.closingDate() + ")");
        }
        InputRules.checkedYearsAhead(checked.closingDate(), today, "closingDate", "a round closes", "after it opens");
        String project = command.projectId() == null || command.projectId().isBlank() ? null : command.projectId().strip();
        if (project != null) {
            if (!LABELLED_STATUSES.contains(command.projectStatus())) {
                throw DomainException.ruleViolated("Project " + project + " is " + command.projectStatus()
                        + ": a round opens for a labelled project only (LABEL_GRANTED, FUNDING or CLOSED)");
            }
            if (!command.companyInProject()) {
                throw DomainException.ruleViolated("Organisation " + company + " is not a company of project " + project
                        + "; open the round for the carrier or a partner company of the project");
            }
        }
        apply(new RoundOpenedEvent(id, roundTitle, company, project, checked, command.sharePassport(),
                command.shareCommitments(), today));
    }

    // ================================================================== investors and data room

    @CommandHandler
    public void handle(InviteInvestorCommand command) {
        requireOpen("invite an investor");
        String investor = Require.text(command.investorId(), "investorId", 64);
        if (investors.containsKey(investor)) {
            throw DomainException.conflict("Investor " + investor + " is already invited to round " + roundId);
        }
        apply(new InvestorInvitedEvent(roundId, investor));
    }

    @CommandHandler
    public void handle(AcceptRoundNdaCommand command) {
        requireOpen("accept its NDA");
        Participant participant = invited(command.investorId());
        if (participant.ndaAccepted()) {
            throw DomainException.conflict("Investor " + command.investorId() + " has already accepted the NDA of round " + roundId);
        }
        String user = Require.text(command.userId(), "userId", 64);
        apply(new RoundNdaAcceptedEvent(roundId, command.investorId(), user, Require.present(command.acceptedAt(), "acceptedAt")));
    }

    /** The invitation task's answer: the NDA accepted unless it already is, then the commitment when one is given. */
    @CommandHandler
    public void handle(AnswerInvitationCommand command) {
        requireOpen("answer the invitation");
        Participant participant = invited(command.investorId());
        if (!participant.ndaAccepted()) {
            String user = Require.text(command.userId(), "userId", 64);
            apply(new RoundNdaAcceptedEvent(roundId, command.investorId(), user,
                    Require.present(command.acceptedAt(), "acceptedAt")));
        }
        if (command.commitment() != null) {
            handle(new CommitToRoundCommand(roundId, command.investorId(), command.commitment()));
        }
    }

    @CommandHandler
    public void handle(AddRoundDocumentCommand command) {
        requireOpen("add a document");
        String documentId = Require.text(command.documentId(), "documentId", 64);
        if (documents.contains(documentId)) {
            throw DomainException.conflict("Document " + documentId + " is already in the data room of round " + roundId);
        }
        apply(new RoundDocumentAddedEvent(roundId, documentId, Require.text(command.title(), "title", 200),
                Require.text(command.reference(), "reference", 500)));
    }

    // ================================================================== commitments

    @CommandHandler
    public void handle(CommitToRoundCommand command) {
        requireOpen("commit");
        Participant participant = invited(command.investorId());
        if (!participant.ndaAccepted()) {
            throw DomainException.ruleViolated("Investor " + command.investorId() + " must accept the NDA of round " + roundId
                    + " before committing");
        }
        BigDecimal amount = wholeEuros(command.amount(), "amount");
        if (amount.compareTo(terms.minimumTicket()) < 0) {
            throw DomainException.ruleViolated("The commitment of " + Money.plain(amount) + " is below the minimum ticket of "
                    + Money.plain(terms.minimumTicket()));
        }
        if (amount.compareTo(terms.maximumRaise()) > 0) {
            throw DomainException.ruleViolated("The commitment of " + Money.plain(amount) + " exceeds the round's maximum raise of "
                    + Money.plain(terms.maximumRaise()));
        }
        BigDecimal previous = participant.committed() ? participant.amount() : BigDecimal.ZERO.setScale(2);
        BigDecimal total = committedTotal().subtract(previous).add(amount);
        if (terms.allOrNothing() && total.compareTo(terms.maximumRaise()) > 0) {
            throw DomainException.ruleViolated("This all-or-nothing round cannot take more than its maximum raise of "
                    + Money.plain(terms.maximumRaise()) + ": with this commitment it would reach " + Money.plain(total)
                    + "; commit at most " + Money.plain(terms.maximumRaise().subtract(total.subtract(amount))));
        }
        if (participant.committed()) {
            if (previous.compareTo(amount) == 0 && participant.status() == CommitmentStatus.ACTIVE) {
                return; // nothing changes: nothing to record
            }
            apply(new CommitmentChangedEvent(roundId, command.investorId(), previous, amount, total));
        } else {
            apply(new CommitmentMadeEvent(roundId, command.investorId(), amount, total));
        }
    }

    @CommandHandler
    public void handle(WithdrawCommitmentCommand command) {
        requireOpen("withdraw a commitment");
        Participant participant = invited(command.investorId());
        if (!participant.committed()) {
            throw DomainException.ruleViolated("Investor " + command.investorId() + " has no commitment to withdraw in round "
                    + roundId);
        }
        String reason = Require.text(command.reason(), "reason", MAX_TEXT_LENGTH);
        apply(new CommitmentWithdrawnEvent(roundId, command.investorId(), participant.amount(), reason,
                committedTotal().subtract(participant.amount())));
    }

    /** Answers the amendment's number when committed investors must reconfirm, null otherwise. */
    @CommandHandler
    public Integer handle(AmendRoundTermsCommand command) {
        requireOpen("amend its terms");
        RoundTerms amended = terms(command.terms());
        if (amended.equals(terms)) {
            throw DomainException.invalid("The terms are unchanged; give the terms that change");
        }
        if (!amended.closingDate().isAfter(openedOn)) {
            throw DomainException.invalid("closingDate must be after the opening date " + openedOn);
        }
        InputRules.checkedYearsAhead(amended.closingDate(), openedOn, "closingDate", "a round closes", "after it opened");
        String reason = Require.text(command.reason(), "reason", MAX_TEXT_LENGTH);
        boolean material = material(terms, amended);
        List<String> toReconfirm = material
                ? commitmentOrder.stream().filter(id -> investors.get(id).committed()).toList() : List.of();
        if (!toReconfirm.isEmpty()) {
            Require.present(command.reconfirmBy(), "reconfirmBy");
        }
        int number = amendment + 1;
        apply(new RoundTermsAmendedEvent(roundId, number, terms, amended, reason, material, toReconfirm,
                toReconfirm.isEmpty() ? null : command.reconfirmBy()));
        return toReconfirm.isEmpty() ? null : number;
    }

    @CommandHandler
    public void handle(ReconfirmCommitmentCommand command) {
        requireOpen("reconfirm a commitment");
        Participant participant = invited(command.investorId());
        if (participant.status() != CommitmentStatus.AWAITING_RECONFIRMATION) {
            throw DomainException.conflict("Investor " + command.investorId() + " has no commitment awaiting reconfirmation"
                    + " in round " + roundId);
        }
        apply(new CommitmentReconfirmedEvent(roundId, command.investorId(), participant.amount(), participant.reconfirmFor()));
    }

    /** The reconfirmation task's answer; nothing to record when the commitment no longer awaits it. */
    @CommandHandler
    public void handle(AnswerReconfirmationCommand command) {
        Participant participant = invited(command.investorId());
        if (status != RoundStatus.OPEN || participant.status() != CommitmentStatus.AWAITING_RECONFIRMATION) {
            return; // settled meanwhile (answered through the API, or the round closed): nothing more to record
        }
        if (command.reconfirm()) {
            apply(new CommitmentReconfirmedEvent(roundId, command.investorId(), participant.amount(),
                    participant.reconfirmFor()));
        } else {
            String reason = Require.text(command.withdrawalReason(), "reason", MAX_TEXT_LENGTH);
            apply(new CommitmentWithdrawnEvent(roundId, command.investorId(), participant.amount(), reason,
                    committedTotal().subtract(participant.amount())));
        }
    }

    @CommandHandler
    public void handle(LapseUnconfirmedCommitmentsCommand command) {
        if (status != RoundStatus.OPEN) {
            return; // closed or cancelled meanwhile: every commitment is settled already
        }
        lapseAwaiting(command.amendment());
    }

    // ================================================================== close

    @CommandHandler
    public RoundStatus handle(CloseRoundCommand command) {
        requireOpen("close it");
        LocalDate closedOn = Require.present(command.closedOn(), "closedOn");
        String reason = command.early() ? Require.text(command.reason(), "reason (required to close early)", MAX_TEXT_LENGTH)
                : command.reason();
        lapseAwaiting(Integer.MAX_VALUE);
        List<String> committed = commitmentOrder.stream().filter(id -> investors.get(id).status() == CommitmentStatus.ACTIVE)
                .toList();
        BigDecimal total = committedTotal();
        String cancellation = null;
        if (committed.isEmpty()) {
            cancellation = "No commitment at the close";
        } else if (terms.allOrNothing() && total.compareTo(terms.minimumRaise()) < 0) {
            cancellation = "All-or-nothing round below its minimum raise: " + Money.plain(total) + " committed, "
                    + Money.plain(terms.minimumRaise()) + " needed";
        }
        if (cancellation != null) {
            for (String investor : committed) {
                apply(new CommitmentReleasedEvent(roundId, investor, investors.get(investor).amount()));
            }
            apply(new RoundCancelledEvent(roundId, total, terms.minimumRaise(),
                    reason == null ? cancellation : cancellation + "; " + reason, closedOn));
            return RoundStatus.CANCELLED;
        }
        List<ProRata.Claim> claims = committed.stream().map(id -> new ProRata.Claim(id, investors.get(id).amount())).toList();
        List<BigDecimal> allocations = ProRata.allocate(claims, terms.maximumRaise());
        BigDecimal raised = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < claims.size(); i++) {
            apply(new CommitmentAllocatedEvent(roundId, claims.get(i).investorId(), claims.get(i).amount(), allocations.get(i)));
            raised = raised.add(allocations.get(i));
        }
        BigDecimal postMoney = terms.instrument() == Instrument.EQUITY ? terms.preMoneyValuation().add(raised) : null;
        apply(new RoundClosedEvent(roundId, total, raised, postMoney, total.compareTo(terms.maximumRaise()) > 0,
                command.early(), reason, closedOn));
        return RoundStatus.CLOSED;
    }

    // ================================================================== rules

    private void lapseAwaiting(int upToAmendment) {
        for (String investor : List.copyOf(commitmentOrder)) {
            Participant participant = investors.get(investor);
            if (participant.status() == CommitmentStatus.AWAITING_RECONFIRMATION && participant.reconfirmFor() <= upToAmendment) {
                apply(new CommitmentLapsedEvent(roundId, investor, participant.amount(), participant.reconfirmFor(),
                        committedTotal().subtract(participant.amount())));
            }
        }
    }

    /**
     * A change is material when it changes what a committed investor gets or risks: the instrument, the valuation, the
     * all-or-nothing flag, a higher minimum ticket or minimum raise, or a lower maximum raise. A later closing date or
     * another target alone is not.
     */
    static boolean material(RoundTerms before, RoundTerms after) {
        return before.instrument() != after.instrument()
                || compare(before.preMoneyValuation(), after.preMoneyValuation()) != 0
                || before.allOrNothing() != after.allOrNothing()
                || after.minimumTicket().compareTo(before.minimumTicket()) > 0
                || after.minimumRaise().compareTo(before.minimumRaise()) > 0
                || after.maximumRaise().compareTo(before.maximumRaise()) < 0;
    }

    private static int compare(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return a == b ? 0 : 1;
        }
        return a.compareTo(b);
    }

    private static RoundTerms terms(RoundTerms given) {
        RoundTerms t = Require.present(given, "terms");
        Instrument instrument = Require.present(t.instrument(), "instrument");
        BigDecimal minimumTicket = positiveWholeEuros(t.minimumTicket(), "minimumTicket");
        BigDecimal minimumRaise = positiveWholeEuros(t.minimumRaise(), "minimumRaise");
        BigDecimal maximumRaise = positiveWholeEuros(t.maximumRaise(), "maximumRaise");
        BigDecimal target = positiveWholeEuros(t.targetAmount(), "targetAmount");
        if (maximumRaise.compareTo(minimumRaise) < 0) {
            throw DomainException.invalid("maximumRaise (" + Money.plain(maximumRaise) + ") must be at least minimumRaise ("
                    + Money.plain(minimumRaise) + ")");
        }
        if (target.compareTo(minimumRaise) < 0 || target.compareTo(maximumRaise) > 0) {
            throw DomainException.invalid("targetAmount must be between minimumRaise and maximumRaise (got " + Money.plain(target) + ")");
        }
        if (minimumTicket.compareTo(maximumRaise) > 0) {
            throw DomainException.invalid("minimumTicket must not exceed maximumRaise (got " + Money.plain(minimumTicket) + ")");
        }
        BigDecimal preMoney = t.preMoneyValuation() == null ? null : Require.euros(t.preMoneyValuation(), "preMoneyValuation");
        if (instrument == Instrument.EQUITY && (preMoney == null || preMoney.signum() == 0)) {
            throw DomainException.invalid("preMoneyValuation is required for an equity round (more than 0 euros)");
        }
        LocalDate closing = Require.present(t.closingDate(), "closingDate");
        return new RoundTerms(instrument, target, minimumRaise, maximumRaise, minimumTicket, preMoney, closing,
                t.allOrNothing());
    }

    private static BigDecimal positiveWholeEuros(BigDecimal value, String field) {
        BigDecimal amount = wholeEuros(value, field);
        if (amount.signum() == 0) {
            throw DomainException.invalid(field + " must be more than 0");
        }
        return amount;
    }

    private static BigDecimal wholeEuros(BigDecimal value, String field) {
        BigDecimal amount = Require.euros(value, field);
        if (amount.stripTrailingZeros().scale() > 0) {
            throw DomainException.invalid(field + " must be whole euros (got " + value.toPlainString() + ")");
        }
        return amount;
    }

    private void requireOpen(String action) {
        if (status != RoundStatus.OPEN) {
            throw DomainException.conflict("Round " + roundId + " is " + status + ": too late to " + action);
        }
    }

    private Participant invited(String investorId) {
        Participant participant = investorId == null ? null : investors.get(investorId);
        if (participant == null) {
            throw DomainException.ruleViolated("Investor " + investorId + " is not invited to round " + roundId);
        }
        return participant;
    }

    private BigDecimal committedTotal() {
        return investors.values().stream().filter(Participant::committed).map(Participant::amount)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    // ================================================================== state

    @EventSourcingHandler
    void on(RoundOpenedEvent event) {
        roundId = event.roundId();
        opened = true;
        title = event.title();
        terms = event.terms();
        openedOn = event.openedOn();
        status = RoundStatus.OPEN;
    }

    @EventSourcingHandler
    void on(InvestorInvitedEvent event) {
        investors.put(event.investorId(), Participant.INVITED);
    }

    @EventSourcingHandler
    void on(RoundNdaAcceptedEvent event) {
        investors.computeIfPresent(event.investorId(), (id, p) -> p.withNda());
    }

    @EventSourcingHandler
    void on(RoundDocumentAddedEvent event) {
        documents.add(event.documentId());
    }

    @EventSourcingHandler
    void on(CommitmentMadeEvent event) {
        investors.computeIfPresent(event.investorId(), (id, p) -> p.with(event.amount(), CommitmentStatus.ACTIVE));
        commitmentOrder.remove(event.investorId());
        commitmentOrder.add(event.investorId());
    }

    @EventSourcingHandler
    void on(CommitmentChangedEvent event) {
        investors.computeIfPresent(event.investorId(), (id, p) -> p.with(event.amount(), CommitmentStatus.ACTIVE));
    }

    @EventSourcingHandler
    void on(CommitmentWithdrawnEvent event) {
        investors.computeIfPresent(event.investorId(), (id, p) -> p.with(CommitmentStatus.WITHDRAWN));
        commitmentOrder.remove(event.investorId());
    }

    @EventSourcingHandler
    void on(RoundTermsAmendedEvent event) {
        amendment = event.amendment();
        terms = event.terms();
        for (String investor : event.toReconfirm()) {
            investors.computeIfPresent(investor, (id, p) -> p.awaiting(event.amendment()));
        }
    }

    @EventSourcingHandler
    void on(CommitmentReconfirmedEvent event) {
        investors.computeIfPresent(event.investorId(), (id, p) -> p.with(CommitmentStatus.ACTIVE));
    }

    @EventSourcingHandler
    void on(CommitmentLapsedEvent event) {
        investors.computeIfPresent(event.investorId(), (id, p) -> p.with(CommitmentStatus.LAPSED));
        commitmentOrder.remove(event.investorId());
    }

    @EventSourcingHandler
    void on(CommitmentReleasedEvent event) {
        investors.computeIfPresent(event.investorId(), (id, p) -> p.with(CommitmentStatus.RELEASED));
    }

    @EventSourcingHandler
    void on(RoundCancelledEvent event) {
        status = RoundStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(CommitmentAllocatedEvent event) {
        investors.computeIfPresent(event.investorId(), (id, p) -> p.with(CommitmentStatus.ALLOCATED));
    }

    @EventSourcingHandler
    void on(RoundClosedEvent event) {
        status = RoundStatus.CLOSED;
    }
}
