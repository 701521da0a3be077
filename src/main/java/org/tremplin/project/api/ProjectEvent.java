package org.tremplin.project.api;

/**
 * The project context's event family (38 events): idea, consortium, NDA, IP pre-diagnosis, pre-label, consortium agreement,
 * labelling, redress, co-labelling,
 * funding stage, growth, closure, and projects imported as history. Every event of the context is a record that implements it; {@link #accept(Visitor)} hands it to the
 * {@link Visitor}'s method for its type.
 * <p>
 * Code that must handle every event of the family (timeline summaries, exports) implements the visitor: its methods
 * have no default, so a new event is a compile error wherever it must be handled. Projections that ignore events on
 * purpose keep Axon's {@code @EventHandler} dispatch. The method adds no property: the events serialize as before.
 */
public sealed interface ProjectEvent permits
        CoLabelGrantedEvent,
        CoLabelRefusedEvent,
        CoLabelRequestedEvent,
        CoLabelRequestWithdrawnEvent,
        ConclusionsCommunicatedEvent,
        ConsortiumAgreementDraftedEvent,
        ConsortiumAgreementFullySignedEvent,
        ConsortiumAgreementSignedEvent,
        ConsortiumAgreementTermsChangedEvent,
        FileSentBackForReviewEvent,
        FundingCallsChosenEvent,
        GrowthPlannedEvent,
        HistoricalProjectImportedEvent,
        IdeaSubmittedEvent,
        InvitationDeclinedEvent,
        IpPreDiagnosisFindingsRecordedEvent,
        IpPreDiagnosisRequestedEvent,
        IpPreDiagnosisSummarySharedEvent,
        LabelGrantedEvent,
        LabelRefusedEvent,
        ModelAgreementPublishedEvent,
        NdaSignedEvent,
        PartnerInvitedEvent,
        PartnerJoinedEvent,
        PreLabelOpinionGivenEvent,
        PreLabelOrientationComputedEvent,
        PreLabelRequestedEvent,
        PreLabelRoundClosedEvent,
        ProjectAbandonedEvent,
        ProjectClosedEvent,
        ProjectSubmittedForLabellingEvent,
        RedressDeadlinePassedEvent,
        RefusalConfirmedEvent,
        RefusalContestedEvent,
        ResearchStartedEvent,
        ReviewRecordedEvent,
        ReviewReminderSentEvent,
        ReviewersAssignedEvent {

    /** Calls the visitor's method for this event's type and returns its answer. */
    <R> R accept(Visitor<R> visitor);

    /** One method per event of the family, none with a default. */
    interface Visitor<R> {

        R visit(ConclusionsCommunicatedEvent event);

        R visit(ConsortiumAgreementDraftedEvent event);

        R visit(ConsortiumAgreementFullySignedEvent event);

        R visit(ConsortiumAgreementSignedEvent event);

        R visit(ConsortiumAgreementTermsChangedEvent event);

        R visit(ModelAgreementPublishedEvent event);

        R visit(FundingCallsChosenEvent event);

        R visit(GrowthPlannedEvent event);

        R visit(HistoricalProjectImportedEvent event);

        R visit(IdeaSubmittedEvent event);

        R visit(InvitationDeclinedEvent event);

        R visit(IpPreDiagnosisFindingsRecordedEvent event);

        R visit(IpPreDiagnosisRequestedEvent event);

        R visit(IpPreDiagnosisSummarySharedEvent event);

        R visit(LabelGrantedEvent event);

        R visit(LabelRefusedEvent event);

        R visit(NdaSignedEvent event);

        R visit(PartnerInvitedEvent event);

        R visit(PartnerJoinedEvent event);

        R visit(PreLabelRequestedEvent event);

        R visit(PreLabelOrientationComputedEvent event);

        R visit(PreLabelOpinionGivenEvent event);

        R visit(PreLabelRoundClosedEvent event);

        R visit(ProjectAbandonedEvent event);

        R visit(ProjectClosedEvent event);

        R visit(ProjectSubmittedForLabellingEvent event);

        R visit(ResearchStartedEvent event);

        R visit(ReviewRecordedEvent event);

        R visit(ReviewReminderSentEvent event);

        R visit(ReviewersAssignedEvent event);

        R visit(RefusalContestedEvent event);

        R visit(RedressDeadlinePassedEvent event);

        R visit(RefusalConfirmedEvent event);

        R visit(FileSentBackForReviewEvent event);

        R visit(CoLabelRequestedEvent event);

        R visit(CoLabelGrantedEvent event);

        R visit(CoLabelRefusedEvent event);

        R visit(CoLabelRequestWithdrawnEvent event);
    }
}
