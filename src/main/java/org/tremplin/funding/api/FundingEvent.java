package org.tremplin.funding.api;

/**
 * The funding context's event family (24 events): funders, calls, applications, conventions, expense statements,
 * payments and state-aid ledgers. Every event of the context is a record that implements it;
 * {@link #accept(Visitor)} hands it to the {@link Visitor}'s method for its type.
 * <p>
 * Code that must handle every event of the family (timeline summaries, exports) implements the visitor: its methods
 * have no default, so a new event is a compile error wherever it must be handled. Projections that ignore events on
 * purpose keep Axon's {@code @EventHandler} dispatch. The method adds no property: the events serialize as before.
 */
public sealed interface FundingEvent permits
        CallClosedEarlyEvent,
        CallClosingDateExtendedEvent,
        CallOpenedEvent,
        ConventionAmendedEvent,
        ConventionClosedEvent,
        ConventionLapsedEvent,
        ConventionSignedEvent,
        ExpenseStatementApprovedEvent,
        ExpenseStatementRejectedEvent,
        ExpenseStatementSubmittedEvent,
        FinalReportAcceptedEvent,
        FunderRegisteredEvent,
        FunderUserAddedEvent,
        FundingApplicationRejectedEvent,
        FundingApplicationSubmittedEvent,
        FundingGrantedEvent,
        FundingStageOverdueEvent,
        HistoricalStateAidImportedEvent,
        OverdueStageChasedEvent,
        PaymentMadeEvent,
        PooledFundContributorsChangedEvent,
        ServiceLevelsChangedEvent,
        StateAidRecordedEvent,
        StateAidReleasedEvent {

    /** Calls the visitor's method for this event's type and returns its answer. */
    <R> R accept(Visitor<R> visitor);

    /** One method per event of the family, none with a default. */
    interface Visitor<R> {

        R visit(CallClosedEarlyEvent event);

        R visit(CallClosingDateExtendedEvent event);

        R visit(CallOpenedEvent event);

        R visit(ConventionAmendedEvent event);

        R visit(ConventionClosedEvent event);

        R visit(ConventionLapsedEvent event);

        R visit(ConventionSignedEvent event);

        R visit(ExpenseStatementApprovedEvent event);

        R visit(ExpenseStatementRejectedEvent event);

        R visit(ExpenseStatementSubmittedEvent event);

        R visit(FinalReportAcceptedEvent event);

        R visit(FunderRegisteredEvent event);

        R visit(FunderUserAddedEvent event);

        R visit(FundingApplicationRejectedEvent event);

        R visit(FundingApplicationSubmittedEvent event);

        R visit(FundingGrantedEvent event);

        R visit(FundingStageOverdueEvent event);

        R visit(HistoricalStateAidImportedEvent event);

        R visit(OverdueStageChasedEvent event);

        R visit(PaymentMadeEvent event);

        R visit(PooledFundContributorsChangedEvent event);

        R visit(ServiceLevelsChangedEvent event);

        R visit(StateAidRecordedEvent event);

        R visit(StateAidReleasedEvent event);
    }
}
