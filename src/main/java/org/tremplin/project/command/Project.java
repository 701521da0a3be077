package org.tremplin.project.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.AbandonProjectCommand;
import org.tremplin.project.api.CloseRedressPeriodCommand;
import org.tremplin.project.api.ContestRefusalCommand;
import org.tremplin.project.api.DecideRedressCommand;
import org.tremplin.project.api.FileSentBackForReviewEvent;
import org.tremplin.project.api.RedressDeadlinePassedEvent;
import org.tremplin.project.api.RefusalConfirmedEvent;
import org.tremplin.project.api.RefusalContestedEvent;
import org.tremplin.project.api.ChooseFundingCallsCommand;
import org.tremplin.project.api.CloseProjectCommand;
import org.tremplin.project.api.FundingCallsChosenEvent;
import org.tremplin.project.api.GrowthPlannedEvent;
import org.tremplin.project.api.PlanGrowthCommand;
import org.tremplin.project.api.ProjectClosedEvent;
import org.tremplin.project.api.ResearchStartedEvent;
import org.tremplin.project.api.StartResearchCommand;
import org.tremplin.project.api.AssignReviewersCommand;
import org.tremplin.project.api.CommunicateConclusionsCommand;
import org.tremplin.project.api.CommunicatedReview;
import org.tremplin.project.api.ConclusionsCommunicatedEvent;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.CapacityVerdictShown;
import org.tremplin.project.api.DecideLabelCommand;
import org.tremplin.project.api.DeclineInvitationCommand;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.InvitationDeclinedEvent;
import org.tremplin.project.api.InvitePartnerCommand;
import org.tremplin.project.api.JoinConsortiumCommand;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.project.api.LabelRefusedEvent;
import org.tremplin.project.api.NdaSignedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;
import org.tremplin.project.api.PartnerOrganisation;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectAbandonedEvent;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectSubmittedForLabellingEvent;
import org.tremplin.project.api.RecordReviewCommand;
import org.tremplin.project.api.Recommendation;
import org.tremplin.project.api.RemindLateReviewersCommand;
import org.tremplin.project.api.ReviewRecordedEvent;
import org.tremplin.project.api.ReviewReminderSentEvent;
import org.tremplin.project.api.ReviewerAssignment;
import org.tremplin.project.api.ReviewersAssignedEvent;
import org.tremplin.project.api.PanelMember;
import org.tremplin.organisation.api.ReviewerBackground;
import org.tremplin.project.api.SignNdaCommand;
import org.tremplin.project.api.SubmitForLabellingCommand;
import org.tremplin.project.api.SubmitIdeaCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A collaborative R&D project from its idea through its consortium to the cluster's labelling decision.
 * Decides every rule of that slice; process steps only translate into its commands.
 */
@Aggregate
public class Project {

    static final ZoneId PARIS = org.tremplin.shared.ParisTime.ZONE;
    static final int MAX_FUNDING_CALLS = 10;
    static final java.util.regex.Pattern FUNDING_CALL_ID = java.util.regex.Pattern.compile("CALL-[A-Z0-9]+(-[A-Z0-9]+)*");

    @AggregateIdentifier
    private String projectId;
    private boolean submitted;
    private ProjectStatus status;
    private boolean growthPlanned;
    private ConfidentialityLevel confidentiality;
    private String carrierOrganisationId;
    private final Map<String, Partner> partners = new LinkedHashMap<>();
    private final List<String> reviewers = new ArrayList<>();
    private final Map<String, ReviewRecordedEvent> reviews = new LinkedHashMap<>();
    private LocalDate reviewDeadline;
    private Boolean labelGranted;
    private String labelReasons;
    private boolean conclusionsCommunicated;
    /** Day (Paris) the last refusal was communicated: the redress period runs from it. */
    private LocalDate refusalCommunicatedOn;
    private boolean refusalContested;
    /** The redress was used up: decided by staff, or its period lapsed. A refusal after that is final. */
    private boolean redressClosed;
    /** Reviewers of earlier reviews of this file; after a redress they may not be assigned again. */
    private final Set<String> formerReviewers = new LinkedHashSet<>();

    protected Project() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SubmitIdeaCommand command) {
        if (submitted) {
            throw DomainException.conflict("Project " + command.projectId() + " already exists");
        }
        String id = Require.text(command.projectId(), "projectId", 64);
        if (!id.equals(command.projectId())) {
            throw DomainException.invalid("projectId must not start or end with spaces");
        }
        String title = Require.text(command.title(), "title", 200);
        if (title.length() < 3) {
            throw DomainException.invalid("title must be at least 3 characters");
        }
        String summary = Require.text(command.summary(), "summary", 4000);
        String axis = Require.text(command.thematicAxis(), "thematicAxis", 100);
        ConfidentialityLevel level = Require.present(command.confidentiality(), "confidentiality");
        PartnerOrganisation carrier = Require.present(command.carrier(), "carrier organisation");
        String carrierId = Require.text(carrier.organisationId(), "carrier organisation id", 80);
        String carrierName = Require.text(carrier.name(), "carrier organisation name", 200);
        Require.present(carrier.kind(), "carrier organisation kind");
        BigDecimal budget = Require.euros(command.carrierPlannedBudget(), "plannedBudget");
        apply(new IdeaSubmittedEvent(id, title, summary, axis, level, carrierId, carrierName, carrier.kind(), budget));
    }

    @CommandHandler
    public void handle(InvitePartnerCommand command) {
        requireStatus(ProjectStatus.CONSORTIUM_BUILDING, "invite partners");
        PartnerOrganisation partner = Require.present(command.partner(), "partner");
        String organisationId = Require.text(partner.organisationId(), "organisationId", 80);
        String name = Require.text(partner.name(), "partner name", 200);
        Require.present(partner.kind(), "partner kind");
        Partner existing = partners.get(organisationId);
        if (existing != null && existing.status != PartnerStatus.DECLINED) {
            throw DomainException.conflict(name + " is already " + describe(existing.status) + " in this consortium");
        }
        apply(new PartnerInvitedEvent(projectId, organisationId, name, partner.kind()));
    }

    @CommandHandler
    public void handle(JoinConsortiumCommand command) {
        requireStatus(ProjectStatus.CONSORTIUM_BUILDING, "join the consortium");
        Partner partner = invited(command.organisationId(), "join");
        String role = Require.text(command.role(), "role", 200);
        BigDecimal budget = Require.euros(command.plannedBudget(), "plannedBudget");
        apply(new PartnerJoinedEvent(projectId, partner.organisationId, role, budget));
    }

    @CommandHandler
    public void handle(DeclineInvitationCommand command) {
        requireStatus(ProjectStatus.CONSORTIUM_BUILDING, "decline an invitation");
        Partner partner = invited(command.organisationId(), "decline");
        String reason = Require.text(command.reason(), "reason", 1000);
        apply(new InvitationDeclinedEvent(projectId, partner.organisationId, reason));
    }

    @CommandHandler
    public void handle(SignNdaCommand command) {
        if (status.labellingIsOver()) {
            throw DomainException.conflict("The project is " + status + "; no NDA can be signed any more");
        }
        String organisationId = Require.text(command.organisationId(), "organisationId", 80);
        String signatory = Require.text(command.signatoryUserId(), "signatory", 64);
        Partner partner = partners.get(organisationId);
        if (partner == null || partner.status == PartnerStatus.DECLINED) {
            throw DomainException.ruleViolated("Only invited or joined partners sign this project's NDA; "
                    + organisationId + " is not one");
        }
        if (partner.status == PartnerStatus.LEAD) {
            throw DomainException.ruleViolated("The carrier owns the project file and signs no NDA for it");
        }
        if (partner.ndaSigned) {
            throw DomainException.conflict(partner.name + " has already signed the NDA");
        }
        if (partner.status == PartnerStatus.INVITED && status != ProjectStatus.CONSORTIUM_BUILDING) {
            throw DomainException.ruleViolated(partner.name + " never joined the consortium, which is now closed; "
                    + "its invitation no longer gives access to the file");
        }
        apply(new NdaSignedEvent(projectId, organisationId, signatory));
    }

    @CommandHandler
    public void handle(SubmitForLabellingCommand command, LabellingRules rules) {
        requireStatus(ProjectStatus.CONSORTIUM_BUILDING, "submit it for labelling");
        List<Partner> members = partners.values().stream()
                .filter(p -> p.status == PartnerStatus.LEAD || p.status == PartnerStatus.JOINED)
                .toList();
        int companies = (int) members.stream().filter(p -> p.kind.isCompany()).count();
        int labs = (int) members.stream().filter(p -> p.kind == OrganisationKind.RESEARCH_LAB).count();
        Partner lead = partners.get(carrierOrganisationId);
        List<String> problems = new ArrayList<>();
        if (companies < rules.minCompanies()) {
            problems.add("at least " + howMany(rules.minCompanies(), "company", "companies") + " must have joined (now "
                    + companies + ")");
        }
        if (labs < rules.minResearchLabs()) {
            problems.add("at least " + howMany(rules.minResearchLabs(), "research lab", "research labs")
                    + " must have joined (now " + labs + ")");
        }
        if (!rules.leadKinds().contains(lead.kind)) {
            problems.add("the consortium must be led by one of " + rules.leadKinds() + " (the carrier is " + lead.kind + ")");
        }
        if (confidentiality != ConfidentialityLevel.PUBLIC) {
            members.stream().filter(p -> p.status == PartnerStatus.JOINED && !p.ndaSigned)
                    .forEach(p -> problems.add(p.name + " must sign the NDA"));
        }
        if (!problems.isEmpty()) {
            throw DomainException.ruleViolated("The consortium rule is not met: " + String.join("; ", problems));
        }
        BigDecimal total = members.stream().map(p -> p.plannedBudget).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        apply(new ProjectSubmittedForLabellingEvent(projectId, companies, labs, lead.kind, total));
    }

    @CommandHandler
    public void handle(AssignReviewersCommand command, LabellingRules rules, Clock clock) {
        requireStatus(ProjectStatus.AWAITING_REVIEWERS, "assign reviewers");
        List<ReviewerAssignment> assignments = Require.notEmpty(command.reviewers(), "reviewers");
        LocalDate deadline = Require.present(command.reviewDeadline(), "reviewDeadline");
        if (!deadline.isAfter(LocalDate.now(clock.withZone(PARIS)))) {
            throw DomainException.invalid("reviewDeadline must be a future date (got " + deadline + ")");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (ReviewerAssignment assignment : assignments) {
            String reviewer = Require.text(assignment.userId(), "reviewer", 64);
            if (!ids.add(reviewer)) {
                throw DomainException.invalid("reviewer " + reviewer + " is listed twice");
            }
            if (formerReviewers.contains(reviewer)) {
                throw DomainException.ruleViolated("Reviewer " + reviewer + " already reviewed this file; after a "
                        + "redress the new review is by other reviewers");
            }
            for (String organisationId : assignment.organisationIds() == null ? List.<String>of() : assignment.organisationIds()) {
                Partner partner = partners.get(organisationId);
                if (partner != null && partner.status != PartnerStatus.DECLINED) {
                    throw DomainException.ruleViolated("Reviewer " + reviewer + " acts for " + partner.name
                            + ", a member of this consortium: choose an independent reviewer");
                }
            }
        }
        if (ids.size() < rules.minReviewers()) {
            throw DomainException.ruleViolated("At least " + rules.minReviewers() + " reviewers are required (got "
                    + ids.size() + ")");
        }
        List<PanelMember> panel = assignments.stream().map(a -> new PanelMember(a.userId().strip(), a.background())).toList();
        requirePanelMix(panel, rules.panelMixInOrder());
        apply(new ReviewersAssignedEvent(projectId, List.copyOf(ids), deadline, panel, rules.panelMixInOrder()));
    }

    /**
     * The pole's panel rule (src/docs/review-panels.md): at least one reviewer of each required background. The refusal
     * names the backgrounds missing and the reviewers who declared none (declaring one may be the fix).
     */
    private static void requirePanelMix(List<PanelMember> panel, List<ReviewerBackground> required) {
        Set<ReviewerBackground> present = panel.stream().map(PanelMember::background).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
        List<ReviewerBackground> missing = required.stream().filter(b -> !present.contains(b)).toList();
        if (missing.isEmpty()) {
            return;
        }
        List<String> undeclared = panel.stream().filter(m -> m.background() == null).map(PanelMember::reviewerId).toList();
        throw DomainException.ruleViolated("The review panel must include a reviewer of each of " + required
                + ": missing " + missing + (undeclared.isEmpty() ? ""
                : "; these reviewers have not declared a background: " + String.join(", ", undeclared))
                + ". Choose reviewers with the missing backgrounds, or have reviewers declare theirs");
    }

    @CommandHandler
    public void handle(RecordReviewCommand command) {
        requireStatus(ProjectStatus.UNDER_REVIEW, "record a review");
        String reviewer = Require.text(command.reviewerId(), "reviewer", 64);
        if (!reviewers.contains(reviewer)) {
            throw DomainException.forbidden(reviewer + " is not an assigned reviewer of this project");
        }
        if (reviews.containsKey(reviewer)) {
            throw DomainException.conflict(reviewer + " has already recorded a review of this project");
        }
        int score = Require.present(command.score(), "score");
        if (score < 0 || score > 20) {
            throw DomainException.invalid("score must be between 0 and 20 (got " + score + ")");
        }
        Recommendation recommendation = Require.present(command.recommendation(), "recommendation");
        String conclusions = Require.text(command.conclusions(), "conclusions", 4000);
        apply(new ReviewRecordedEvent(projectId, reviewer, score, recommendation, conclusions));
    }

    @CommandHandler
    public void handle(RemindLateReviewersCommand command) {
        if (status != ProjectStatus.UNDER_REVIEW) {
            return;
        }
        reviewers.stream().filter(r -> !reviews.containsKey(r))
                .forEach(r -> apply(new ReviewReminderSentEvent(projectId, r, reviewDeadline)));
    }

    @CommandHandler
    public void handle(DecideLabelCommand command) {
        requireStatus(ProjectStatus.UNDER_REVIEW, "decide on the label");
        List<String> missing = reviewers.stream().filter(r -> !reviews.containsKey(r)).toList();
        if (!missing.isEmpty()) {
            throw DomainException.ruleViolated("The committee decides once every review is in; still missing: "
                    + String.join(", ", missing));
        }
        boolean granted = Require.present(command.granted(), "granted");
        String reasons = Require.text(command.reasons(), "reasons", 4000);
        BigDecimal average = BigDecimal.valueOf(reviews.values().stream().mapToInt(ReviewRecordedEvent::score).sum())
                .divide(BigDecimal.valueOf(reviews.size()), 2, RoundingMode.HALF_UP);
        List<CapacityVerdictShown> shown = command.capacityShown() == null ? List.of() : List.copyOf(command.capacityShown());
        if (granted) {
            apply(new LabelGrantedEvent(projectId, reasons, average, shown));
        } else {
            apply(new LabelRefusedEvent(projectId, reasons, average, shown));
        }
    }

    @CommandHandler
    public void handle(CommunicateConclusionsCommand command) {
        if (labelGranted == null) {
            throw DomainException.ruleViolated(status == ProjectStatus.ABANDONED
                    ? "The project was abandoned before the committee decided; there are no conclusions to communicate"
                    : "Conclusions are communicated after the committee's decision");
        }
        if (conclusionsCommunicated) {
            throw DomainException.conflict("The conclusions have already been communicated to the carrier");
        }
        String message = command.message() == null || command.message().isBlank()
                ? null : Require.text(command.message(), "message", 4000);
        List<CommunicatedReview> delivered = new ArrayList<>();
        int expert = 1;
        for (String reviewer : reviewers) {
            ReviewRecordedEvent review = reviews.get(reviewer);
            delivered.add(new CommunicatedReview("Expert " + expert++, review.score(), review.recommendation(),
                    review.conclusions()));
        }
        apply(new ConclusionsCommunicatedEvent(projectId, carrierOrganisationId, labelGranted, labelReasons,
                List.copyOf(delivered), message));
    }

    @CommandHandler
    public void handle(ContestRefusalCommand command, RedressRules rules, Clock clock) {
        if (status != ProjectStatus.LABEL_REFUSED || !conclusionsCommunicated) {
            throw DomainException.conflict("The project is " + status + "; only a label refusal communicated to the "
                    + "carrier can be contested");
        }
        if (refusalContested) {
            throw DomainException.conflict("The refusal has already been contested; staff will decide on the contest");
        }
        if (redressClosed) {
            throw DomainException.ruleViolated("The redress is over for this refusal (the period lapsed or the contest "
                    + "was already decided): the refusal is final");
        }
        List<String> organisations = command.organisationIds() == null ? List.of() : command.organisationIds();
        if (!organisations.contains(carrierOrganisationId)) {
            throw DomainException.forbidden("Only the carrier organisation " + carrierOrganisationId
                    + " may contest the refusal of its project");
        }
        LocalDate deadline = rules.deadlineAfter(refusalCommunicatedOn);
        LocalDate today = LocalDate.now(clock.withZone(PARIS));
        if (today.isAfter(deadline)) {
            throw DomainException.ruleViolated("The redress period ended on " + deadline
                    + "; the refusal can no longer be contested");
        }
        String arguments = Require.text(command.arguments(), "arguments", 4000);
        apply(new RefusalContestedEvent(projectId, carrierOrganisationId, arguments, deadline));
    }

    @CommandHandler
    public void handle(CloseRedressPeriodCommand command, RedressRules rules) {
        if (status != ProjectStatus.LABEL_REFUSED || !conclusionsCommunicated || refusalContested || redressClosed) {
            return; // contested in time, or nothing open: the timer has nothing to record
        }
        apply(new RedressDeadlinePassedEvent(projectId, carrierOrganisationId, rules.deadlineAfter(refusalCommunicatedOn)));
    }

    @CommandHandler
    public void handle(DecideRedressCommand command) {
        if (!refusalContested) {
            throw DomainException.conflict("No contest is waiting for a decision on project " + projectId);
        }
        boolean confirm = Require.present(command.confirmRefusal(), "confirmRefusal");
        String reasons = Require.text(command.reasons(), "reasons", 4000);
        if (confirm) {
            apply(new RefusalConfirmedEvent(projectId, carrierOrganisationId, reasons));
        } else {
            List<String> former = new ArrayList<>(formerReviewers);
            reviewers.stream().filter(r -> !former.contains(r)).forEach(former::add);
            apply(new FileSentBackForReviewEvent(projectId, carrierOrganisationId, reasons, List.copyOf(former)));
        }
    }

    @CommandHandler
    public void handle(AbandonProjectCommand command) {
        if (status.labellingIsOver()) {
            throw DomainException.conflict("The project is already " + status + " and cannot be abandoned");
        }
        String reason = Require.text(command.reason(), "reason", 4000);
        apply(new ProjectAbandonedEvent(projectId, reason, status));
    }

    @CommandHandler
    public void handle(ChooseFundingCallsCommand command) {
        requireStatus(ProjectStatus.LABEL_GRANTED, "apply to funders' calls");
        if (!conclusionsCommunicated) {
            throw DomainException.ruleViolated("The labelling conclusions must be communicated to the carrier first");
        }
        List<String> callIds = Require.notEmpty(command.callIds(), "callIds");
        if (callIds.size() > MAX_FUNDING_CALLS) {
            throw DomainException.invalid("At most " + MAX_FUNDING_CALLS + " calls at once (got " + callIds.size() + ")");
        }
        if (callIds.stream().anyMatch(id -> id == null || !FUNDING_CALL_ID.matcher(id).matches())) {
            throw DomainException.invalid("callIds must be call ids like CALL-FUI-25 (got " + callIds + ")");
        }
        if (callIds.stream().distinct().count() != callIds.size()) {
            throw DomainException.invalid("callIds must not repeat a call (got " + callIds + ")");
        }
        apply(new FundingCallsChosenEvent(projectId, List.copyOf(callIds)));
    }

    @CommandHandler
    public void handle(StartResearchCommand command) {
        if (status == ProjectStatus.IN_RESEARCH) {
            return; // a later convention: the R&D is already running, nothing to record
        }
        requireStatus(ProjectStatus.FUNDING, "start its R&D");
        apply(new ResearchStartedEvent(projectId));
    }

    @CommandHandler
    public void handle(CloseProjectCommand command) {
        if (status != ProjectStatus.IN_RESEARCH) {
            requireStatus(ProjectStatus.FUNDING, "be closed");
        }
        apply(new ProjectClosedEvent(projectId));
    }

    @CommandHandler
    public void handle(PlanGrowthCommand command) {
        requireStatus(ProjectStatus.CLOSED, "plan its growth stage");
        if (growthPlanned) {
            throw DomainException.conflict("The growth stage of project " + projectId + " is already planned");
        }
        apply(new GrowthPlannedEvent(projectId, command.roundId()));
    }

    private void requireStatus(ProjectStatus expected, String action) {
        if (status != expected) {
            throw DomainException.conflict("The project is " + status + "; it must be " + expected + " to " + action);
        }
    }

    private Partner invited(String rawOrganisationId, String action) {
        Partner partner = partners.get(Require.text(rawOrganisationId, "organisationId", 80));
        if (partner == null || partner.status == PartnerStatus.DECLINED) {
            throw DomainException.ruleViolated(rawOrganisationId.strip() + " has no pending invitation to this consortium");
        }
        if (partner.status != PartnerStatus.INVITED) {
            throw DomainException.conflict(partner.name + " is already " + describe(partner.status) + "; it cannot " + action);
        }
        return partner;
    }

    private static String describe(PartnerStatus status) {
        return switch (status) {
            case LEAD -> "the lead partner";
            case INVITED -> "invited";
            case JOINED -> "a partner";
            case DECLINED -> "declined";
        };
    }

    @EventSourcingHandler
    void on(IdeaSubmittedEvent event) {
        projectId = event.projectId();
        submitted = true;
        status = ProjectStatus.CONSORTIUM_BUILDING;
        confidentiality = event.confidentiality();
        carrierOrganisationId = event.carrierOrganisationId();
        Partner lead = new Partner(event.carrierOrganisationId(), event.carrierName(), event.carrierKind());
        lead.status = PartnerStatus.LEAD;
        lead.plannedBudget = event.carrierPlannedBudget();
        partners.put(lead.organisationId, lead);
    }

    @EventSourcingHandler
    void on(PartnerInvitedEvent event) {
        partners.put(event.organisationId(), new Partner(event.organisationId(), event.organisationName(),
                event.organisationKind()));
    }

    @EventSourcingHandler
    void on(PartnerJoinedEvent event) {
        Partner partner = partners.get(event.organisationId());
        partner.status = PartnerStatus.JOINED;
        partner.plannedBudget = event.plannedBudget();
    }

    @EventSourcingHandler
    void on(InvitationDeclinedEvent event) {
        partners.get(event.organisationId()).status = PartnerStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(NdaSignedEvent event) {
        partners.get(event.organisationId()).ndaSigned = true;
    }

    @EventSourcingHandler
    void on(ProjectSubmittedForLabellingEvent event) {
        status = ProjectStatus.AWAITING_REVIEWERS;
    }

    @EventSourcingHandler
    void on(ReviewersAssignedEvent event) {
        status = ProjectStatus.UNDER_REVIEW;
        reviewers.addAll(event.reviewerIds());
        reviewDeadline = event.reviewDeadline();
    }

    @EventSourcingHandler
    void on(ReviewRecordedEvent event) {
        reviews.put(event.reviewerId(), event);
    }

    @EventSourcingHandler
    void on(LabelGrantedEvent event) {
        status = ProjectStatus.LABEL_GRANTED;
        labelGranted = true;
        labelReasons = event.reasons();
    }

    @EventSourcingHandler
    void on(LabelRefusedEvent event) {
        status = ProjectStatus.LABEL_REFUSED;
        labelGranted = false;
        labelReasons = event.reasons();
    }

    @EventSourcingHandler
    void on(ConclusionsCommunicatedEvent event, @org.axonframework.eventhandling.Timestamp java.time.Instant at) {
        conclusionsCommunicated = true;
        if (!event.labelGranted()) {
            refusalCommunicatedOn = LocalDate.ofInstant(at, PARIS);
        }
    }

    @EventSourcingHandler
    void on(RefusalContestedEvent event) {
        refusalContested = true;
    }

    @EventSourcingHandler
    void on(RedressDeadlinePassedEvent event) {
        redressClosed = true;
    }

    @EventSourcingHandler
    void on(RefusalConfirmedEvent event) {
        refusalContested = false;
        redressClosed = true;
    }

    @EventSourcingHandler
    void on(FileSentBackForReviewEvent event) {
        refusalContested = false;
        redressClosed = true;
        status = ProjectStatus.AWAITING_REVIEWERS;
        formerReviewers.addAll(event.formerReviewerIds());
        reviewers.clear();
        reviews.clear();
        reviewDeadline = null;
        labelGranted = null;
        labelReasons = null;
        conclusionsCommunicated = false;
        refusalCommunicatedOn = null;
    }

    @EventSourcingHandler
    void on(FundingCallsChosenEvent event) {
        status = ProjectStatus.FUNDING;
    }

    @EventSourcingHandler
    void on(ResearchStartedEvent event) {
        status = ProjectStatus.IN_RESEARCH;
    }

    @EventSourcingHandler
    void on(GrowthPlannedEvent event) {
        growthPlanned = true;
    }

    @EventSourcingHandler
    void on(ProjectClosedEvent event) {
        status = ProjectStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(ProjectAbandonedEvent event) {
        status = ProjectStatus.ABANDONED;
    }

    private static final class Partner {
        private final String organisationId;
        private final String name;
        private final OrganisationKind kind;
        private PartnerStatus status = PartnerStatus.INVITED;
        private BigDecimal plannedBudget = BigDecimal.ZERO;
        private boolean ndaSigned;

        private Partner(String organisationId, String name, OrganisationKind kind) {
            this.organisationId = organisationId;
            this.name = name;
            this.kind = kind;
        }

        // Value equality lets Axon's test fixture compare the state a command produced with the state
        // its events rebuild (illegal state change detection).
        @Override
        public boolean equals(Object other) {
            return other instanceof Partner p && organisationId.equals(p.organisationId) && name.equals(p.name)
                    && kind == p.kind && status == p.status && plannedBudget.compareTo(p.plannedBudget) == 0
                    && ndaSigned == p.ndaSigned;
        }

        @Override
        public int hashCode() {
            return Objects.hash(organisationId, name, kind, status, ndaSigned);
        }
    }

    /** "1 research lab", "2 research labs". */
    private static String howMany(int n, String one, String several) {
        return n + " " + (n == 1 ? one : several);
    }
}
