package org.tremplin.audit.query;

import org.tremplin.funding.api.CallClosedEarlyEvent;
import org.tremplin.funding.api.CallClosingDateExtendedEvent;
import org.tremplin.funding.api.CallOpenedEvent;
import org.tremplin.funding.api.ConventionAmendedEvent;
import org.tremplin.funding.api.ConventionClosedEvent;
import org.tremplin.funding.api.ConventionLapsedEvent;
import org.tremplin.funding.api.ConventionSignedEvent;
import org.tremplin.funding.api.ExpenseStatementApprovedEvent;
import org.tremplin.funding.api.ExpenseStatementRejectedEvent;
import org.tremplin.funding.api.ExpenseStatementSubmittedEvent;
import org.tremplin.funding.api.FinalReportAcceptedEvent;
import org.tremplin.funding.api.FunderRegisteredEvent;
import org.tremplin.funding.api.FunderUserAddedEvent;
import org.tremplin.funding.api.FundingApplicationRejectedEvent;
import org.tremplin.funding.api.FundingApplicationSubmittedEvent;
import org.tremplin.funding.api.FundingEvent;
import org.tremplin.funding.api.FundingGrantedEvent;
import org.tremplin.funding.api.FundingStageOverdueEvent;
import org.tremplin.funding.api.HistoricalStateAidImportedEvent;
import org.tremplin.funding.api.OverdueStageChasedEvent;
import org.tremplin.funding.api.PaymentMadeEvent;
import org.tremplin.funding.api.PooledFundContributorsChangedEvent;
import org.tremplin.funding.api.ServiceLevelsChangedEvent;
import org.tremplin.funding.api.StateAidRecordedEvent;
import org.tremplin.funding.api.StateAidReleasedEvent;
import org.tremplin.investment.api.CommitmentAllocatedEvent;
import org.tremplin.investment.api.CommitmentChangedEvent;
import org.tremplin.investment.api.CommitmentLapsedEvent;
import org.tremplin.investment.api.CommitmentMadeEvent;
import org.tremplin.investment.api.CommitmentReconfirmedEvent;
import org.tremplin.investment.api.CommitmentReleasedEvent;
import org.tremplin.investment.api.CommitmentWithdrawnEvent;
import org.tremplin.investment.api.InvestmentEvent;
import org.tremplin.investment.api.InvestorInvitedEvent;
import org.tremplin.investment.api.InvestorRegisteredEvent;
import org.tremplin.investment.api.InvestorUserAddedEvent;
import org.tremplin.investment.api.RoundCancelledEvent;
import org.tremplin.investment.api.RoundClosedEvent;
import org.tremplin.investment.api.RoundDocumentAddedEvent;
import org.tremplin.investment.api.RoundNdaAcceptedEvent;
import org.tremplin.investment.api.RoundOpenedEvent;
import org.tremplin.investment.api.RoundTermsAmendedEvent;
import org.tremplin.organisation.api.OrganisationEvent;
import org.tremplin.organisation.api.OrganisationImportedEvent;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationMemberAddedEvent;
import org.tremplin.organisation.api.OrganisationRegisteredEvent;
import org.tremplin.organisation.api.SmeReferentAssignedEvent;
import org.tremplin.organisation.api.ReviewerBackgroundDeclaredEvent;
import org.tremplin.project.api.ConclusionsCommunicatedEvent;
import org.tremplin.project.api.FundingCallsChosenEvent;
import org.tremplin.project.api.GrowthPlannedEvent;
import org.tremplin.project.api.HistoricalProjectImportedEvent;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.InvitationDeclinedEvent;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.project.api.LabelRefusedEvent;
import org.tremplin.project.api.NdaSignedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;
import org.tremplin.project.api.ProjectAbandonedEvent;
import org.tremplin.project.api.ProjectClosedEvent;
import org.tremplin.project.api.ProjectEvent;
import org.tremplin.project.api.ProjectSubmittedForLabellingEvent;
import org.tremplin.project.api.ResearchStartedEvent;
import org.tremplin.project.api.ReviewRecordedEvent;
import org.tremplin.project.api.ReviewReminderSentEvent;
import org.tremplin.project.api.ReviewersAssignedEvent;
import org.tremplin.shared.Money;
import org.tremplin.shared.Percentage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;

/**
 * A readable one-line English summary of each event of a timeline. Fed the events in order, it remembers
 * the organisations' names met on the way (an idea names its carrier, an invitation its partner) so that
 * later events, which carry only ids, name them too. Every event of the four families has its line (one visitor per
 * family: a new event does not compile until it has one); a payload of another type, or one the store could not
 * read, gets a generic line.
 */
public final class TimelineSummaries {

    static final int MAX_TEXT = 160;

    private final Map<String, String> organisationNames = new HashMap<>();
    private final OrganisationLines organisationLines = new OrganisationLines();
    private final ProjectLines projectLines = new ProjectLines();
    private final FundingLines fundingLines = new FundingLines();
    private final InvestmentLines investmentLines = new InvestmentLines();

    /** The summary of one event; {@code type} and the aggregate serve the generic line of an unknown type. */
    public String summarise(Object payload, String type, String aggregateType, String aggregateId) {
        String line = known(payload);
        if (line == null) {
            line = humanise(type) + (aggregateId == null ? "" : " (" + (aggregateType == null ? "" : aggregateType + " ")
                    + aggregateId + ")");
        }
        return oneLine(line, 400);
    }

    private String known(Object payload) {
        if (payload instanceof OrganisationEvent event) {
            return event.accept(organisationLines);
        }
        if (payload instanceof ProjectEvent event) {
            return event.accept(projectLines);
        }
        if (payload instanceof FundingEvent event) {
            return event.accept(fundingLines);
        }
        if (payload instanceof InvestmentEvent event) {
            return event.accept(investmentLines);
        }
        return null;
    }

    private final class OrganisationLines implements OrganisationEvent.Visitor<String> {

        @Override
        public String visit(OrganisationRegisteredEvent e) {
            organisationNames.put(e.organisationId(), e.name());
            return e.name() + " (" + kind(e.kind()) + ", " + e.region() + ") registered as a member";
        }

        @Override
        public String visit(OrganisationImportedEvent e) {
            organisationNames.put(e.organisationId(), e.name());
            return e.name() + " (" + kind(e.kind()) + ", " + (e.region() == null ? "region not filled in" : e.region())
                    + ") imported from " + e.sourceFile() + " row " + e.sourceRow() + " (imported history, run "
                    + e.importRunId() + ")";
        }

        @Override
        public String visit(OrganisationMemberAddedEvent e) {
            return e.userId() + " now acts for " + name(e.organisationId());
        }

        @Override
        public String visit(ReviewerBackgroundDeclaredEvent e) {
            return e.userId() + " declared a " + e.background() + " background (" + e.organisationName() + ")"
                    + (e.previousBackground() == null ? "" : ", replacing " + e.previousBackground())
                    + (e.userId().equals(e.declaredBy()) ? "" : ", declared by " + e.declaredBy());
        }

        @Override
        public String visit(SmeReferentAssignedEvent e) {
            return e.referentUserId() + " is now the SME referent of " + name(e.organisationId())
                    + (e.previousReferentUserId() == null ? "" : " (replacing " + e.previousReferentUserId() + ")");
        }

        @Override
        public String visit(org.tremplin.organisation.api.PartnerPoleRegisteredEvent e) {
            organisationNames.put(e.poleId(), e.name());
            return e.name() + " registered as a partner pole (themes: " + text(String.join(", ", e.themes())) + ")";
        }

        @Override
        public String visit(org.tremplin.organisation.api.PartnerPoleUserAddedEvent e) {
            return e.userId() + " now acts for partner pole " + name(e.poleId());
        }
    }

    private final class ProjectLines implements ProjectEvent.Visitor<String> {

        @Override
        public String visit(HistoricalProjectImportedEvent e) {
            e.partners().stream().filter(p -> p.organisationId() != null && p.name() != null)
                    .forEach(p -> organisationNames.putIfAbsent(p.organisationId(), p.name()));
            return "Imported history: " + e.funder() + " project " + e.projectId() + " '" + text(e.acronym()) + "' ("
                    + e.programme() + " " + e.edition() + (e.startDate() == null ? "" : ", started " + e.startDate())
                    + "), " + (e.allocatedAid().signum() == 0 ? "aid not filled in" : euros(e.allocatedAid()) + " allocated")
                    + ", " + e.partners().size() + " partner" + (e.partners().size() == 1 ? "" : "s")
                    + (e.coordinatorOrganisationId() == null ? "" : ", coordinated by " + name(e.coordinatorOrganisationId()))
                    + "; from " + e.sourceFile() + " row " + e.sourceRow() + ", run " + e.importRunId();
        }

        @Override
        public String visit(IdeaSubmittedEvent e) {
            organisationNames.put(e.carrierOrganisationId(), e.carrierName());
            return "Idea '" + text(e.title()) + "' submitted for " + e.carrierName() + " (" + kind(e.carrierKind())
                    + ") on the axis '" + e.thematicAxis() + "', " + e.confidentiality() + " confidentiality, "
                    + euros(e.carrierPlannedBudget()) + " planned by the carrier";
        }

        @Override
        public String visit(PartnerInvitedEvent e) {
            organisationNames.put(e.organisationId(), e.organisationName());
            return e.organisationName() + " (" + kind(e.organisationKind()) + ") was invited to the consortium";
        }

        @Override
        public String visit(PartnerJoinedEvent e) {
            return name(e.organisationId()) + " joined the consortium as '" + text(e.role()) + "' with "
                    + euros(e.plannedBudget());
        }

        /** Pre-label (issue 13): the request, the orientation's gist and the opinion with its advice. */
        @Override
        public String visit(org.tremplin.project.api.PreLabelRequestedEvent e) {
            return "Pre-label asked by " + e.requestedBy() + " for " + name(e.carrierOrganisationId()) + " (round "
                    + e.round() + ")" + (e.note() == null ? "" : ": " + text(e.note()));
        }

        @Override
        public String visit(org.tremplin.project.api.PreLabelOrientationComputedEvent e) {
            var calls = e.orientation().calls();
            long eligible = calls.stream()
                    .filter(c -> c.fit() != org.tremplin.project.api.PreLabelOrientation.Fit.NOT_ELIGIBLE).count();
            String best = calls.stream()
                    .filter(c -> c.fit() != org.tremplin.project.api.PreLabelOrientation.Fit.NOT_ELIGIBLE)
                    .findFirst().map(c -> "; first: " + c.callCode() + " (" + c.funderName() + "), "
                            + euros(c.expectedAid()) + " expected")
                    .orElse("");
            return "Funding orientation of round " + e.round() + ": " + eligible + " of " + calls.size()
                    + " open calls eligible" + best;
        }

        @Override
        public String visit(org.tremplin.project.api.PreLabelOpinionGivenEvent e) {
            return "Pre-label opinion of round " + e.round() + " by " + e.expert() + ": " + e.opinion() + " — "
                    + text(e.advice()) + (e.requiredChanges().isEmpty() ? ""
                    : " (changes required: " + text(String.join("; ", e.requiredChanges())) + ")");
        }

        @Override
        public String visit(org.tremplin.project.api.PreLabelRoundClosedEvent e) {
            return "Pre-label round " + e.round() + " closed without an opinion (by " + e.closedBy() + "): "
                    + text(e.reason());
        }

        @Override
        public String visit(InvitationDeclinedEvent e) {
            return name(e.organisationId()) + " declined the invitation: " + text(e.reason());
        }

        /** IP pre-diagnosis (issue 13): the steps only, never the confidential findings nor the shared text. */
        @Override
        public String visit(org.tremplin.project.api.IpPreDiagnosisRequestedEvent e) {
            return name(e.organisationId()) + " asked for an IP pre-diagnosis (requested by " + e.requestedBy() + ")";
        }

        @Override
        public String visit(org.tremplin.project.api.IpPreDiagnosisFindingsRecordedEvent e) {
            return "IP pre-diagnosis of " + name(e.organisationId()) + ": findings recorded by " + e.adviser()
                    + " (confidential to the SME)";
        }

        @Override
        public String visit(org.tremplin.project.api.IpPreDiagnosisSummarySharedEvent e) {
            return name(e.organisationId()) + " shared a summary of its IP pre-diagnosis with the consortium";
        }

        @Override
        public String visit(NdaSignedEvent e) {
            return name(e.organisationId()) + " signed the NDA (signatory " + e.signatoryUserId() + ")";
        }

        @Override
        public String visit(ProjectSubmittedForLabellingEvent e) {
            return "Submitted for labelling: " + e.companies() + " companies and " + e.researchLabs()
                    + " research labs, lead " + kind(e.leadKind()) + ", " + euros(e.totalPlannedBudget())
                    + " planned in total";
        }

        @Override
        public String visit(org.tremplin.project.api.RefusalContestedEvent e) {
            return "Label refusal contested by " + name(e.carrierOrganisationId()) + " (redress period until "
                    + e.redressDeadline() + "): " + text(e.arguments());
        }

        @Override
        public String visit(org.tremplin.project.api.RedressDeadlinePassedEvent e) {
            return "Redress period over on " + e.redressDeadline() + " without a contest: the label refusal is final for "
                    + name(e.carrierOrganisationId());
        }

        @Override
        public String visit(org.tremplin.project.api.RefusalConfirmedEvent e) {
            return "Contest heard, label refusal confirmed to " + name(e.carrierOrganisationId()) + ": " + text(e.reasons());
        }

        @Override
        public String visit(org.tremplin.project.api.FileSentBackForReviewEvent e) {
            return "Contest upheld: the file goes back to a new review by other reviewers than "
                    + String.join(", ", e.formerReviewerIds()) + " — " + text(e.reasons());
        }

        @Override
        public String visit(ReviewersAssignedEvent e) {
            List<String> known = e.panel() == null ? List.of() : e.panel().stream().filter(m -> m.background() != null)
                    .map(m -> m.reviewerId() + " " + m.background()).toList();
            boolean mix = e.requiredMix() != null && !e.requiredMix().isEmpty();
            return e.reviewerIds().size() + " reviewers assigned (" + String.join(", ", e.reviewerIds())
                    + "), reviews due on " + e.reviewDeadline()
                    + (known.isEmpty() && !mix ? "" : "; backgrounds: " + (known.isEmpty() ? "none declared" : String.join(", ", known)))
                    + (mix ? "; required mix " + e.requiredMix() + " met" : "");
        }

        @Override
        public String visit(ReviewRecordedEvent e) {
            return "Review recorded by " + e.reviewerId() + ": " + e.score() + "/20, recommends " + e.recommendation()
                    + " — " + text(e.conclusions());
        }

        @Override
        public String visit(ReviewReminderSentEvent e) {
            return "Reviewer " + e.reviewerId() + " reminded: the review was due on " + e.reviewDeadline();
        }

        @Override
        public String visit(LabelGrantedEvent e) {
            return "Label granted (average " + score(e.averageScore()) + "/20): " + text(e.reasons()) + capacity(e.capacityShown());
        }

        @Override
        public String visit(LabelRefusedEvent e) {
            return "Label refused (average " + score(e.averageScore()) + "/20): " + text(e.reasons()) + capacity(e.capacityShown());
        }

        @Override
        public String visit(ConclusionsCommunicatedEvent e) {
            return "Decision (" + (e.labelGranted() ? "label granted" : "label refused") + ") and "
                    + (e.reviews() == null ? 0 : e.reviews().size()) + " experts' conclusions delivered to "
                    + name(e.carrierOrganisationId()) + (e.message() == null || e.message().isBlank() ? ""
                    : ": " + text(e.message()));
        }

        /** Consortium agreement (issue 13): versions, signatures and who signed for which organisation. */
        @Override
        public String visit(org.tremplin.project.api.ConsortiumAgreementDraftedEvent e) {
            return "Consortium agreement drafted by " + e.draftedBy() + " from model " + e.modelId() + " v"
                    + e.modelVersion() + " (agreement version " + e.agreementVersion() + ", "
                    + (e.partners() == null ? 0 : e.partners().size()) + " partners)";
        }

        @Override
        public String visit(org.tremplin.project.api.ConsortiumAgreementTermsChangedEvent e) {
            boolean voided = e.voidedSignatures() != null && !e.voidedSignatures().isEmpty();
            return "Consortium agreement terms changed by " + e.changedBy() + ": version " + e.agreementVersion()
                    + (voided ? ", signing reopened (signatures of " + String.join(", ", e.voidedSignatures().stream()
                    .map(id -> name(id)).toList()) + " no longer count)" : "");
        }

        @Override
        public String visit(org.tremplin.project.api.ConsortiumAgreementSignedEvent e) {
            return name(e.organisationId()) + " signed the consortium agreement version " + e.agreementVersion()
                    + " (signatory " + e.signatoryUserId() + ")";
        }

        @Override
        public String visit(org.tremplin.project.api.ConsortiumAgreementFullySignedEvent e) {
            return "Consortium agreement version " + e.agreementVersion() + " fully signed by "
                    + (e.organisationIds() == null ? 0 : e.organisationIds().size()) + " partners";
        }

        @Override
        public String visit(org.tremplin.project.api.ModelAgreementPublishedEvent e) {
            return "Model consortium agreement " + e.modelId() + " version " + e.version() + " published by "
                    + e.publishedBy() + ": " + text(e.title());
        }

        @Override
        public String visit(ProjectAbandonedEvent e) {
            return "Project abandoned while " + e.statusWhenAbandoned() + ": " + text(e.reason());
        }

        @Override
        public String visit(FundingCallsChosenEvent e) {
            return "Funding stage opened: applying to " + String.join(", ", e.callIds());
        }

        @Override
        public String visit(ResearchStartedEvent e) {
            return "R&D started: the project's first convention is signed";
        }

        @Override
        public String visit(GrowthPlannedEvent e) {
            return e.roundId() == null ? "Growth planned: no investment round for now"
                    : "Growth planned: investment round " + e.roundId() + " opened for the carrier";
        }

        @Override
        public String visit(ProjectClosedEvent e) {
            return "Project closed: every application decided, every convention settled";
        }

        /** Co-labelling by partner poles (issue 13). */
        @Override
        public String visit(org.tremplin.project.api.CoLabelRequestedEvent e) {
            organisationNames.put(e.poleId(), e.poleName());
            return "Partner pole " + e.poleName() + " asked for its label (by " + e.requestedBy() + ")"
                    + (e.message() == null || e.message().isBlank() ? "" : ": " + text(e.message()));
        }

        @Override
        public String visit(org.tremplin.project.api.CoLabelGrantedEvent e) {
            return "Label granted by partner pole " + name(e.poleId()) + " (" + e.decidedBy() + "): " + text(e.conclusions());
        }

        @Override
        public String visit(org.tremplin.project.api.CoLabelRefusedEvent e) {
            return "Label refused by partner pole " + name(e.poleId()) + " (" + e.decidedBy() + "): " + text(e.conclusions());
        }

        @Override
        public String visit(org.tremplin.project.api.CoLabelRequestWithdrawnEvent e) {
            return "Request to partner pole " + name(e.poleId()) + " withdrawn by " + e.withdrawnBy() + ": "
                    + text(e.reason());
        }
    }

    private final class FundingLines implements FundingEvent.Visitor<String> {

        @Override
        public String visit(FunderRegisteredEvent e) {
            return "Funder " + e.name() + " (" + e.kind() + ") registered";
        }

        @Override
        public String visit(FunderUserAddedEvent e) {
            return e.userId() + " now acts for funder " + e.funderId();
        }

        @Override
        public String visit(ServiceLevelsChangedEvent e) {
            return "Service levels of funder " + e.funderId() + " changed (contracting within "
                    + e.contractingDeadlineMonths() + " months)";
        }

        @Override
        public String visit(PooledFundContributorsChangedEvent e) {
            return "Contributors of pooled fund " + e.funderId() + " changed (" + e.contributors().size() + ")";
        }

        @Override
        public String visit(CallOpenedEvent e) {
            return "Call " + e.code() + " '" + text(e.title()) + "' opened from " + e.openingDate() + " to " + e.closingDate();
        }

        @Override
        public String visit(CallClosingDateExtendedEvent e) {
            return "Call " + e.callId() + " extended from " + e.previousClosingDate() + " to " + e.closingDate() + ": "
                    + text(e.reason());
        }

        @Override
        public String visit(CallClosedEarlyEvent e) {
            return "Call " + e.callId() + " closed early on " + e.closedOn() + ": " + text(e.reason());
        }

        @Override
        public String visit(FundingApplicationSubmittedEvent e) {
            return "Application " + e.applicationId() + " filed with " + e.funderId() + " (call " + e.callCode() + "): "
                    + euros(e.requestedTotal()) + " requested for " + e.requests().size() + " partners";
        }

        @Override
        public String visit(FundingGrantedEvent e) {
            return e.funderId() + " granted " + euros(e.grantedTotal()) + (e.partial() ? " (partial)" : "") + " to "
                    + String.join(", ", e.grants().stream().map(g -> name(g.organisationId()) + " " + euros(g.grantedAmount())).toList())
                    + "; contract by " + e.contractingDeadline() + (e.reasons() == null ? "" : " — " + text(e.reasons()));
        }

        @Override
        public String visit(FundingApplicationRejectedEvent e) {
            return e.funderId() + " rejected application " + e.applicationId() + ": " + text(e.reasons());
        }

        @Override
        public String visit(ConventionSignedEvent e) {
            return "Convention of " + name(e.organisationId()) + " with " + e.funderId() + " signed on " + e.signedOn() + ": "
                    + euros(e.grantedAmount()) + " at " + Percentage.plain(e.ratePercent()) + " %, advance "
                    + Percentage.plain(e.advancePercent()) + " %, ends " + e.endDate();
        }

        @Override
        public String visit(ConventionLapsedEvent e) {
            return "Convention of " + name(e.organisationId()) + " with " + e.funderId() + " lapsed unsigned (deadline "
                    + e.contractingDeadline() + "); " + euros(e.releasedAmount()) + " released";
        }

        @Override
        public String visit(PaymentMadeEvent e) {
            return e.funderId() + " paid " + name(e.organisationId()) + " " + euros(e.amount()) + " ("
                    + e.kind().name().toLowerCase(Locale.ROOT) + "); " + euros(e.paidTotal()) + " paid, " + euros(e.remaining())
                    + " remaining" + (e.shares().isEmpty() ? "" : "; borne by " + String.join(", ",
                    e.shares().stream().map(sh -> sh.contributor() + " " + euros(sh.amount())).toList()))
                    + (e.paymentReference() == null ? "" : "; reference " + e.paymentReference());
        }

        @Override
        public String visit(ExpenseStatementSubmittedEvent e) {
            return name(e.organisationId()) + " submitted " + (e.finalStatement() ? "its final" : "an") + " expense statement of "
                    + euros(e.amount()) + " to " + e.periodEnd() + " (" + e.funderId() + ")";
        }

        @Override
        public String visit(ExpenseStatementApprovedEvent e) {
            return "Expense statement of " + name(e.organisationId()) + " approved for " + euros(e.approvedAmount()) + " ("
                    + euros(e.approvedTotal()) + " approved in all)" + (e.comment() == null ? "" : ": " + text(e.comment()));
        }

        @Override
        public String visit(ExpenseStatementRejectedEvent e) {
            return "Expense statement of " + name(e.organisationId()) + " rejected: " + text(e.reasons());
        }

        @Override
        public String visit(FinalReportAcceptedEvent e) {
            return "Final report of " + name(e.organisationId()) + " accepted by " + e.funderId()
                    + (e.comment() == null ? "" : ": " + text(e.comment()));
        }

        @Override
        public String visit(ConventionClosedEvent e) {
            return "Convention of " + name(e.organisationId()) + " with " + e.funderId() + " closed: " + euros(e.paidTotal())
                    + " paid of " + euros(e.grantedAmount()) + " granted";
        }

        @Override
        public String visit(ConventionAmendedEvent e) {
            return "Convention of " + name(e.organisationId()) + " with " + e.funderId() + " amended (version " + e.version() + ", "
                    + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): " + text(e.reason());
        }

        @Override
        public String visit(FundingStageOverdueEvent e) {
            return "Overdue at " + e.funderId() + ": " + e.stage().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " beyond its service level of " + e.serviceLevelDays() + " days";
        }

        @Override
        public String visit(OverdueStageChasedEvent e) {
            return "Pole staff chased " + e.funderId() + " (" + e.stage().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): "
                    + text(e.action());
        }

        @Override
        public String visit(StateAidRecordedEvent e) {
            return "State aid of " + name(e.organisationId()) + ": " + euros(e.amount()) + " from " + e.funderId() + ", "
                    + euros(e.totalAid()) + " from all funders against a ceiling of " + euros(e.ceilingAmount())
                    + (e.overCeiling() ? " — above it, justified: " + text(e.justification()) : "");
        }

        @Override
        public String visit(HistoricalStateAidImportedEvent e) {
            return "Imported history: state aid of " + name(e.organisationId()) + ": " + euros(e.amount()) + " from "
                    + e.funder() + " before Tremplin, " + euros(e.totalAid()) + " on the ledger"
                    + (e.note() == null ? "" : " (" + text(e.note()) + ")");
        }

        @Override
        public String visit(StateAidReleasedEvent e) {
            return "State aid of " + name(e.organisationId()) + " reduced by " + euros(e.amount()) + " (" + e.funderId() + "): "
                    + text(e.reason());
        }
    }

    private final class InvestmentLines implements InvestmentEvent.Visitor<String> {

        @Override
        public String visit(InvestorRegisteredEvent e) {
            return "Investor " + e.name() + " (" + e.kind() + ") registered";
        }

        @Override
        public String visit(InvestorUserAddedEvent e) {
            return e.userId() + " now acts for investor " + e.investorId();
        }

        @Override
        public String visit(RoundOpenedEvent e) {
            return "Investment round '" + text(e.title()) + "' opened for " + name(e.companyOrganisationId()) + ": "
                    + e.terms().instrument() + ", target " + euros(e.terms().targetAmount()) + ", " + euros(e.terms().minimumRaise())
                    + " to " + euros(e.terms().maximumRaise()) + ", closing " + e.terms().closingDate()
                    + (e.terms().allOrNothing() ? ", all or nothing" : "");
        }

        @Override
        public String visit(InvestorInvitedEvent e) {
            return "Investor " + e.investorId() + " invited to round " + e.roundId();
        }

        @Override
        public String visit(RoundNdaAcceptedEvent e) {
            return "Investor " + e.investorId() + " accepted the round's NDA (" + e.userId() + ")";
        }

        @Override
        public String visit(RoundDocumentAddedEvent e) {
            return "Document '" + text(e.title()) + "' added to the data room of round " + e.roundId();
        }

        @Override
        public String visit(CommitmentMadeEvent e) {
            return "Investor " + e.investorId() + " committed " + euros(e.amount()) + " (" + euros(e.committedTotal()) + " committed in all)";
        }

        @Override
        public String visit(CommitmentChangedEvent e) {
            return "Investor " + e.investorId() + " changed its commitment from " + euros(e.previousAmount()) + " to " + euros(e.amount());
        }

        @Override
        public String visit(CommitmentWithdrawnEvent e) {
            return "Investor " + e.investorId() + " withdrew its commitment of " + euros(e.amount()) + ": " + text(e.reason());
        }

        @Override
        public String visit(RoundTermsAmendedEvent e) {
            return "Terms of round " + e.roundId() + " amended (" + (e.material() ? "material: " + e.toReconfirm().size()
                    + " investors must reconfirm" : "not material") + "): " + text(e.reason());
        }

        @Override
        public String visit(CommitmentReconfirmedEvent e) {
            return "Investor " + e.investorId() + " reconfirmed its commitment of " + euros(e.amount());
        }

        @Override
        public String visit(CommitmentLapsedEvent e) {
            return "Commitment of investor " + e.investorId() + " (" + euros(e.amount()) + ") lapsed, not reconfirmed";
        }

        @Override
        public String visit(CommitmentAllocatedEvent e) {
            return "Investor " + e.investorId() + " allocated " + euros(e.allocated()) + " of " + euros(e.committed()) + " committed";
        }

        @Override
        public String visit(CommitmentReleasedEvent e) {
            return "Commitment of investor " + e.investorId() + " (" + euros(e.amount()) + ") released";
        }

        @Override
        public String visit(RoundClosedEvent e) {
            return "Round " + e.roundId() + " closed" + (e.early() ? " early" : "") + ": " + euros(e.raisedAmount()) + " raised"
                    + (e.oversubscribed() ? " (oversubscribed, allocated pro rata)" : "")
                    + (e.postMoneyValuation() == null ? "" : ", post-money " + euros(e.postMoneyValuation()));
        }

        @Override
        public String visit(RoundCancelledEvent e) {
            return "Round " + e.roundId() + " cancelled: " + euros(e.committedTotal()) + " committed, below the minimum raise of "
                    + euros(e.minimumRaise());
        }
    }

    /** The funder an event concerns: every funding event but a call's extension or early closing names its funder. */
    public static String funderOf(Object payload) {
        return payload instanceof FundingEvent event ? event.accept(FunderOf.INSTANCE) : null;
    }

    private enum FunderOf implements FundingEvent.Visitor<String> {
        INSTANCE;

        @Override
        public String visit(CallClosedEarlyEvent event) {
            return null;
        }

        @Override
        public String visit(CallClosingDateExtendedEvent event) {
            return null;
        }

        @Override
        public String visit(CallOpenedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(ConventionAmendedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(ConventionClosedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(ConventionLapsedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(ConventionSignedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(ExpenseStatementApprovedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(ExpenseStatementRejectedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(ExpenseStatementSubmittedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(FinalReportAcceptedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(FunderRegisteredEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(FunderUserAddedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(FundingApplicationRejectedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(FundingApplicationSubmittedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(FundingGrantedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(FundingStageOverdueEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(OverdueStageChasedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(PaymentMadeEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(PooledFundContributorsChangedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(ServiceLevelsChangedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(StateAidRecordedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(StateAidReleasedEvent event) {
            return event.funderId();
        }

        @Override
        public String visit(HistoricalStateAidImportedEvent event) {
            return null;
        }
    }

    /** " — capacity shown: Netris Pharma stretched, CNRS comfortable" (src/docs/capacity.md); nothing when none was shown. */
    private String capacity(java.util.List<org.tremplin.project.api.CapacityVerdictShown> shown) {
        if (shown == null || shown.isEmpty()) {
            return "";
        }
        return " — capacity shown: " + shown.stream()
                .map(v -> name(v.organisationId()) + " " + v.verdict().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private String name(String organisationId) {
        return organisationNames.getOrDefault(organisationId, organisationId);
    }

    /** "520,000.00 €": the one text form of an amount in messages ({@link Money#plain}). */
    static String euros(BigDecimal amount) {
        return Money.plain(amount);
    }

    static String score(BigDecimal score) {
        return score == null ? "n/a" : score.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String kind(OrganisationKind kind) {
        if (kind == null) {
            return "organisation";
        }
        return switch (kind) {
            case SME -> "SME";
            default -> kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** Free text on one line, cut to a readable length. */
    static String text(String value) {
        return value == null ? "" : oneLine(value, MAX_TEXT);
    }

    private static String oneLine(String value, int max) {
        String line = value.replaceAll("\\s+", " ").strip();
        return line.length() > max ? line.substring(0, max - 1) + "…" : line;
    }

    /** "LabelGrantedEvent" becomes "Label granted". */
    static String humanise(String type) {
        if (type == null || type.isBlank()) {
            return "Event";
        }
        String name = type.endsWith("Event") && type.length() > 5 ? type.substring(0, type.length() - 5) : type;
        String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
