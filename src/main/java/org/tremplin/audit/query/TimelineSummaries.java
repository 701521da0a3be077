package org.tremplin.audit.query;

import org.tremplin.funding.api.CallClosedEarlyEvent;
import org.tremplin.funding.api.ConventionAmendedEvent;
import org.tremplin.funding.api.ConventionClosedEvent;
import org.tremplin.funding.api.ConventionLapsedEvent;
import org.tremplin.funding.api.ConventionSignedEvent;
import org.tremplin.funding.api.ExpenseStatementApprovedEvent;
import org.tremplin.funding.api.ExpenseStatementRejectedEvent;
import org.tremplin.funding.api.ExpenseStatementSubmittedEvent;
import org.tremplin.funding.api.FinalReportAcceptedEvent;
import org.tremplin.funding.api.FundingApplicationRejectedEvent;
import org.tremplin.funding.api.FundingApplicationSubmittedEvent;
import org.tremplin.funding.api.FundingGrantedEvent;
import org.tremplin.funding.api.FundingStageOverdueEvent;
import org.tremplin.funding.api.OverdueStageChasedEvent;
import org.tremplin.funding.api.PaymentMadeEvent;
import org.tremplin.funding.api.StateAidRecordedEvent;
import org.tremplin.funding.api.StateAidReleasedEvent;
import org.tremplin.project.api.FundingCallsChosenEvent;
import org.tremplin.project.api.ProjectClosedEvent;
import org.tremplin.funding.api.CallClosingDateExtendedEvent;
import org.tremplin.funding.api.CallOpenedEvent;
import org.tremplin.funding.api.FunderRegisteredEvent;
import org.tremplin.funding.api.FunderUserAddedEvent;
import org.tremplin.funding.api.PooledFundContributorsChangedEvent;
import org.tremplin.funding.api.ServiceLevelsChangedEvent;
import org.tremplin.investment.api.CommitmentAllocatedEvent;
import org.tremplin.investment.api.CommitmentChangedEvent;
import org.tremplin.investment.api.CommitmentLapsedEvent;
import org.tremplin.investment.api.CommitmentMadeEvent;
import org.tremplin.investment.api.CommitmentReconfirmedEvent;
import org.tremplin.investment.api.CommitmentReleasedEvent;
import org.tremplin.investment.api.CommitmentWithdrawnEvent;
import org.tremplin.investment.api.InvestorInvitedEvent;
import org.tremplin.investment.api.RoundCancelledEvent;
import org.tremplin.investment.api.RoundClosedEvent;
import org.tremplin.investment.api.RoundDocumentAddedEvent;
import org.tremplin.investment.api.RoundNdaAcceptedEvent;
import org.tremplin.investment.api.RoundOpenedEvent;
import org.tremplin.investment.api.RoundTermsAmendedEvent;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationMemberAddedEvent;
import org.tremplin.organisation.api.OrganisationRegisteredEvent;
import org.tremplin.project.api.ConclusionsCommunicatedEvent;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.InvitationDeclinedEvent;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.project.api.LabelRefusedEvent;
import org.tremplin.project.api.NdaSignedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;
import org.tremplin.project.api.ProjectAbandonedEvent;
import org.tremplin.project.api.ProjectSubmittedForLabellingEvent;
import org.tremplin.project.api.ReviewRecordedEvent;
import org.tremplin.project.api.ReviewReminderSentEvent;
import org.tremplin.project.api.ReviewersAssignedEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A readable one-line English summary of each event of a timeline. Fed the events in order, it remembers
 * the organisations' names met on the way (an idea names its carrier, an invitation its partner) so that
 * later events, which carry only ids, name them too. An event type it does not know gets a generic line.
 */
public final class TimelineSummaries {

    static final int MAX_TEXT = 160;

    private final Map<String, String> organisationNames = new HashMap<>();

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
        if (payload instanceof IdeaSubmittedEvent e) {
            organisationNames.put(e.carrierOrganisationId(), e.carrierName());
            return "Idea '" + text(e.title()) + "' submitted for " + e.carrierName() + " (" + kind(e.carrierKind())
                    + ") on the axis '" + e.thematicAxis() + "', " + e.confidentiality() + " confidentiality, "
                    + euros(e.carrierPlannedBudget()) + " planned by the carrier";
        }
        if (payload instanceof PartnerInvitedEvent e) {
            organisationNames.put(e.organisationId(), e.organisationName());
            return e.organisationName() + " (" + kind(e.organisationKind()) + ") was invited to the consortium";
        }
        if (payload instanceof PartnerJoinedEvent e) {
            return name(e.organisationId()) + " joined the consortium as '" + text(e.role()) + "' with "
                    + euros(e.plannedBudget());
        }
        if (payload instanceof InvitationDeclinedEvent e) {
            return name(e.organisationId()) + " declined the invitation: " + text(e.reason());
        }
        if (payload instanceof NdaSignedEvent e) {
            return name(e.organisationId()) + " signed the NDA (signatory " + e.signatoryUserId() + ")";
        }
        if (payload instanceof ProjectSubmittedForLabellingEvent e) {
            return "Submitted for labelling: " + e.companies() + " companies and " + e.researchLabs()
                    + " research labs, lead " + kind(e.leadKind()) + ", " + euros(e.totalPlannedBudget())
                    + " planned in total";
        }
        if (payload instanceof ReviewersAssignedEvent e) {
            return e.reviewerIds().size() + " reviewers assigned (" + String.join(", ", e.reviewerIds())
                    + "), reviews due on " + e.reviewDeadline();
        }
        if (payload instanceof ReviewRecordedEvent e) {
            return "Review recorded by " + e.reviewerId() + ": " + e.score() + "/20, recommends " + e.recommendation()
                    + " — " + text(e.conclusions());
        }
        if (payload instanceof ReviewReminderSentEvent e) {
            return "Reviewer " + e.reviewerId() + " reminded: the review was due on " + e.reviewDeadline();
        }
        if (payload instanceof LabelGrantedEvent e) {
            return "Label granted (average " + score(e.averageScore()) + "/20): " + text(e.reasons());
        }
        if (payload instanceof LabelRefusedEvent e) {
            return "Label refused (average " + score(e.averageScore()) + "/20): " + text(e.reasons());
        }
        if (payload instanceof ConclusionsCommunicatedEvent e) {
            return "Decision (" + (e.labelGranted() ? "label granted" : "label refused") + ") and "
                    + (e.reviews() == null ? 0 : e.reviews().size()) + " experts' conclusions delivered to "
                    + name(e.carrierOrganisationId()) + (e.message() == null || e.message().isBlank() ? ""
                    : ": " + text(e.message()));
        }
        if (payload instanceof ProjectAbandonedEvent e) {
            return "Project abandoned while " + e.statusWhenAbandoned() + ": " + text(e.reason());
        }
        if (payload instanceof OrganisationRegisteredEvent e) {
            organisationNames.put(e.organisationId(), e.name());
            return e.name() + " (" + kind(e.kind()) + ", " + e.region() + ") registered as a member";
        }
        if (payload instanceof OrganisationMemberAddedEvent e) {
            return e.userId() + " now acts for " + name(e.organisationId());
        }
        if (payload instanceof FunderRegisteredEvent e) {
            return "Funder " + e.name() + " (" + e.kind() + ") registered";
        }
        if (payload instanceof FunderUserAddedEvent e) {
            return e.userId() + " now acts for funder " + e.funderId();
        }
        if (payload instanceof ServiceLevelsChangedEvent e) {
            return "Service levels of funder " + e.funderId() + " changed (contracting within "
                    + e.contractingDeadlineMonths() + " months)";
        }
        if (payload instanceof PooledFundContributorsChangedEvent e) {
            return "Contributors of pooled fund " + e.funderId() + " changed (" + e.contributors().size() + ")";
        }
        if (payload instanceof CallOpenedEvent e) {
            return "Call " + e.code() + " '" + text(e.title()) + "' opened from " + e.openingDate() + " to " + e.closingDate();
        }
        if (payload instanceof CallClosingDateExtendedEvent e) {
            return "Call " + e.callId() + " extended from " + e.previousClosingDate() + " to " + e.closingDate() + ": "
                    + text(e.reason());
        }
        if (payload instanceof CallClosedEarlyEvent e) {
            return "Call " + e.callId() + " closed early on " + e.closedOn() + ": " + text(e.reason());
        }
        String funding = funding(payload);
        return funding != null ? funding : investment(payload);
    }

    private String investment(Object payload) {
        if (payload instanceof RoundOpenedEvent e) {
            return "Investment round '" + text(e.title()) + "' opened for " + name(e.companyOrganisationId()) + ": "
                    + e.terms().instrument() + ", target " + euros(e.terms().targetAmount()) + ", " + euros(e.terms().minimumRaise())
                    + " to " + euros(e.terms().maximumRaise()) + ", closing " + e.terms().closingDate()
                    + (e.terms().allOrNothing() ? ", all or nothing" : "");
        }
        if (payload instanceof InvestorInvitedEvent e) {
            return "Investor " + e.investorId() + " invited to round " + e.roundId();
        }
        if (payload instanceof RoundNdaAcceptedEvent e) {
            return "Investor " + e.investorId() + " accepted the round's NDA (" + e.userId() + ")";
        }
        if (payload instanceof RoundDocumentAddedEvent e) {
            return "Document '" + text(e.title()) + "' added to the data room of round " + e.roundId();
        }
        if (payload instanceof CommitmentMadeEvent e) {
            return "Investor " + e.investorId() + " committed " + euros(e.amount()) + " (" + euros(e.committedTotal()) + " committed in all)";
        }
        if (payload instanceof CommitmentChangedEvent e) {
            return "Investor " + e.investorId() + " changed its commitment from " + euros(e.previousAmount()) + " to " + euros(e.amount());
        }
        if (payload instanceof CommitmentWithdrawnEvent e) {
            return "Investor " + e.investorId() + " withdrew its commitment of " + euros(e.amount()) + ": " + text(e.reason());
        }
        if (payload instanceof RoundTermsAmendedEvent e) {
            return "Terms of round " + e.roundId() + " amended (" + (e.material() ? "material: " + e.toReconfirm().size()
                    + " investors must reconfirm" : "not material") + "): " + text(e.reason());
        }
        if (payload instanceof CommitmentReconfirmedEvent e) {
            return "Investor " + e.investorId() + " reconfirmed its commitment of " + euros(e.amount());
        }
        if (payload instanceof CommitmentLapsedEvent e) {
            return "Commitment of investor " + e.investorId() + " (" + euros(e.amount()) + ") lapsed, not reconfirmed";
        }
        if (payload instanceof CommitmentAllocatedEvent e) {
            return "Investor " + e.investorId() + " allocated " + euros(e.allocated()) + " of " + euros(e.committed()) + " committed";
        }
        if (payload instanceof CommitmentReleasedEvent e) {
            return "Commitment of investor " + e.investorId() + " (" + euros(e.amount()) + ") released";
        }
        if (payload instanceof RoundClosedEvent e) {
            return "Round " + e.roundId() + " closed" + (e.early() ? " early" : "") + ": " + euros(e.raisedAmount()) + " raised"
                    + (e.oversubscribed() ? " (oversubscribed, allocated pro rata)" : "")
                    + (e.postMoneyValuation() == null ? "" : ", post-money " + euros(e.postMoneyValuation()));
        }
        if (payload instanceof RoundCancelledEvent e) {
            return "Round " + e.roundId() + " cancelled: " + euros(e.committedTotal()) + " committed, below the minimum raise of "
                    + euros(e.minimumRaise());
        }
        return null;
    }

    private String funding(Object payload) {
        if (payload instanceof FundingCallsChosenEvent e) {
            return "Funding stage opened: applying to " + String.join(", ", e.callIds());
        }
        if (payload instanceof org.tremplin.project.api.ResearchStartedEvent) {
            return "R&D started: the project's first convention is signed";
        }
        if (payload instanceof org.tremplin.project.api.GrowthPlannedEvent e) {
            return e.roundId() == null ? "Growth planned: no investment round for now"
                    : "Growth planned: investment round " + e.roundId() + " opened for the carrier";
        }
        if (payload instanceof ProjectClosedEvent) {
            return "Project closed: every application decided, every convention settled";
        }
        if (payload instanceof FundingApplicationSubmittedEvent e) {
            return "Application " + e.applicationId() + " filed with " + e.funderId() + " (call " + e.callCode() + "): "
                    + euros(e.requestedTotal()) + " requested for " + e.requests().size() + " partners";
        }
        if (payload instanceof FundingGrantedEvent e) {
            return e.funderId() + " granted " + euros(e.grantedTotal()) + (e.partial() ? " (partial)" : "") + " to "
                    + String.join(", ", e.grants().stream().map(g -> name(g.organisationId()) + " " + euros(g.grantedAmount())).toList())
                    + "; contract by " + e.contractingDeadline() + (e.reasons() == null ? "" : " — " + text(e.reasons()));
        }
        if (payload instanceof FundingApplicationRejectedEvent e) {
            return e.funderId() + " rejected application " + e.applicationId() + ": " + text(e.reasons());
        }
        if (payload instanceof ConventionSignedEvent e) {
            return "Convention of " + name(e.organisationId()) + " with " + e.funderId() + " signed on " + e.signedOn() + ": "
                    + euros(e.grantedAmount()) + " at " + e.ratePercent().stripTrailingZeros().toPlainString() + " %, advance "
                    + e.advancePercent().stripTrailingZeros().toPlainString() + " %, ends " + e.endDate();
        }
        if (payload instanceof ConventionLapsedEvent e) {
            return "Convention of " + name(e.organisationId()) + " with " + e.funderId() + " lapsed unsigned (deadline "
                    + e.contractingDeadline() + "); " + euros(e.releasedAmount()) + " released";
        }
        if (payload instanceof PaymentMadeEvent e) {
            return e.funderId() + " paid " + name(e.organisationId()) + " " + euros(e.amount()) + " ("
                    + e.kind().name().toLowerCase(Locale.ROOT) + "); " + euros(e.paidTotal()) + " paid, " + euros(e.remaining())
                    + " remaining" + (e.shares().isEmpty() ? "" : "; borne by " + String.join(", ",
                    e.shares().stream().map(sh -> sh.contributor() + " " + euros(sh.amount())).toList()))
                    + (e.paymentReference() == null ? "" : "; reference " + e.paymentReference());
        }
        if (payload instanceof ExpenseStatementSubmittedEvent e) {
            return name(e.organisationId()) + " submitted " + (e.finalStatement() ? "its final" : "an") + " expense statement of "
                    + euros(e.amount()) + " to " + e.periodEnd() + " (" + e.funderId() + ")";
        }
        if (payload instanceof ExpenseStatementApprovedEvent e) {
            return "Expense statement of " + name(e.organisationId()) + " approved for " + euros(e.approvedAmount()) + " ("
                    + euros(e.approvedTotal()) + " approved in all)" + (e.comment() == null ? "" : ": " + text(e.comment()));
        }
        if (payload instanceof ExpenseStatementRejectedEvent e) {
            return "Expense statement of " + name(e.organisationId()) + " rejected: " + text(e.reasons());
        }
        if (payload instanceof FinalReportAcceptedEvent e) {
            return "Final report of " + name(e.organisationId()) + " accepted by " + e.funderId()
                    + (e.comment() == null ? "" : ": " + text(e.comment()));
        }
        if (payload instanceof ConventionClosedEvent e) {
            return "Convention of " + name(e.organisationId()) + " with " + e.funderId() + " closed: " + euros(e.paidTotal())
                    + " paid of " + euros(e.grantedAmount()) + " granted";
        }
        if (payload instanceof ConventionAmendedEvent e) {
            return "Convention of " + name(e.organisationId()) + " with " + e.funderId() + " amended (version " + e.version() + ", "
                    + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): " + text(e.reason());
        }
        if (payload instanceof FundingStageOverdueEvent e) {
            return "Overdue at " + e.funderId() + ": " + e.stage().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " beyond its service level of " + e.serviceLevelDays() + " days";
        }
        if (payload instanceof OverdueStageChasedEvent e) {
            return "Pole staff chased " + e.funderId() + " (" + e.stage().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): "
                    + text(e.action());
        }
        if (payload instanceof StateAidRecordedEvent e) {
            return "State aid of " + name(e.organisationId()) + ": " + euros(e.amount()) + " from " + e.funderId() + ", "
                    + euros(e.totalAid()) + " from all funders against a ceiling of " + euros(e.ceilingAmount())
                    + (e.overCeiling() ? " — above it, justified: " + text(e.justification()) : "");
        }
        if (payload instanceof StateAidReleasedEvent e) {
            return "State aid of " + name(e.organisationId()) + " reduced by " + euros(e.amount()) + " (" + e.funderId() + "): "
                    + text(e.reason());
        }
        return null;
    }

    /** The funder an event concerns, if any. */
    public static String funderOf(Object payload) {
        if (payload instanceof FunderRegisteredEvent e) {
            return e.funderId();
        }
        if (payload instanceof FunderUserAddedEvent e) {
            return e.funderId();
        }
        if (payload instanceof ServiceLevelsChangedEvent e) {
            return e.funderId();
        }
        if (payload instanceof PooledFundContributorsChangedEvent e) {
            return e.funderId();
        }
        if (payload instanceof CallOpenedEvent e) {
            return e.funderId();
        }
        // every funding event of an application, convention, payment or state-aid ledger names its funder
        if (payload instanceof Record record && payload.getClass().getPackageName().equals(FundingGrantedEvent.class.getPackageName())) {
            for (java.lang.reflect.RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getName().equals("funderId")) {
                    try {
                        return (String) component.getAccessor().invoke(record);
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private String name(String organisationId) {
        return organisationNames.getOrDefault(organisationId, organisationId);
    }

    /** "520,000.00 €" */
    static String euros(BigDecimal amount) {
        if (amount == null) {
            return "an unknown amount";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        return format.format(amount.setScale(2, RoundingMode.HALF_EVEN)) + " €";
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
