package org.tremplin.investment.api;

/**
 * The investment context's event family (16 events): investors, rounds, invitations, data room, commitments and
 * allocation. Every event of the context is a record that implements it; {@link #accept(Visitor)} hands it to the
 * {@link Visitor}'s method for its type.
 * <p>
 * Code that must handle every event of the family (timeline summaries, exports) implements the visitor: its methods
 * have no default, so a new event is a compile error wherever it must be handled. Projections that ignore events on
 * purpose keep Axon's {@code @EventHandler} dispatch. The method adds no property: the events serialize as before.
 */
public sealed interface InvestmentEvent permits
        CommitmentAllocatedEvent,
        CommitmentChangedEvent,
        CommitmentLapsedEvent,
        CommitmentMadeEvent,
        CommitmentReconfirmedEvent,
        CommitmentReleasedEvent,
        CommitmentWithdrawnEvent,
        InvestorInvitedEvent,
        InvestorRegisteredEvent,
        InvestorUserAddedEvent,
        RoundCancelledEvent,
        RoundClosedEvent,
        RoundDocumentAddedEvent,
        RoundNdaAcceptedEvent,
        RoundOpenedEvent,
        RoundTermsAmendedEvent {

    /** Calls the visitor's method for this event's type and returns its answer. */
    <R> R accept(Visitor<R> visitor);

    /** One method per event of the family, none with a default. */
    interface Visitor<R> {

        R visit(CommitmentAllocatedEvent event);

        R visit(CommitmentChangedEvent event);

        R visit(CommitmentLapsedEvent event);

        R visit(CommitmentMadeEvent event);

        R visit(CommitmentReconfirmedEvent event);

        R visit(CommitmentReleasedEvent event);

        R visit(CommitmentWithdrawnEvent event);

        R visit(InvestorInvitedEvent event);

        R visit(InvestorRegisteredEvent event);

        R visit(InvestorUserAddedEvent event);

        R visit(RoundCancelledEvent event);

        R visit(RoundClosedEvent event);

        R visit(RoundDocumentAddedEvent event);

        R visit(RoundNdaAcceptedEvent event);

        R visit(RoundOpenedEvent event);

        R visit(RoundTermsAmendedEvent event);
    }
}
