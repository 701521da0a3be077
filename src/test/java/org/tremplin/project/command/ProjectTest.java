package org.tremplin.project.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.ChooseFundingCallsCommand;
import org.tremplin.project.api.GrowthPlannedEvent;
import org.tremplin.project.api.PlanGrowthCommand;
import org.tremplin.project.api.CloseProjectCommand;
import org.tremplin.project.api.FundingCallsChosenEvent;
import org.tremplin.project.api.ProjectClosedEvent;
import org.tremplin.project.api.ResearchStartedEvent;
import org.tremplin.project.api.StartResearchCommand;
import org.tremplin.project.api.AbandonProjectCommand;
import org.tremplin.project.api.AssignReviewersCommand;
import org.tremplin.project.api.CommunicateConclusionsCommand;
import org.tremplin.project.api.CommunicatedReview;
import org.tremplin.project.api.ConclusionsCommunicatedEvent;
import org.tremplin.project.api.ConfidentialityLevel;
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
import org.tremplin.project.api.SignNdaCommand;
import org.tremplin.project.api.SubmitForLabellingCommand;
import org.tremplin.project.api.SubmitIdeaCommand;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.tremplin.shared.DomainException.Kind.CONFLICT;
import static org.tremplin.shared.DomainException.Kind.FORBIDDEN;
import static org.tremplin.shared.DomainException.Kind.INVALID_INPUT;
import static org.tremplin.shared.DomainException.Kind.RULE_VIOLATED;

class ProjectTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final LocalDate DEADLINE = LocalDate.of(2026, 12, 15);

    private static final String PROJECT = "P-2026-001";

    private static final String CARRIER = "SIREN-552100554";
    private static final String CARRIER_NAME = "Acme Grid";
    private static final String COMPANY = "SIREN-732829320";
    private static final String COMPANY_NAME = "Beta Industries";
    private static final String LAB = "RNSR-200012345X";
    private static final String LAB_NAME = "Lab of Grids";
    private static final String OUTSIDER = "SIREN-404833048";

    private static final String EXPERT_ONE = "expert.one";
    private static final String EXPERT_TWO = "expert.two";

    private static final BigDecimal CARRIER_BUDGET = new BigDecimal("120000.00");
    private static final BigDecimal COMPANY_BUDGET = new BigDecimal("80000.50");
    private static final BigDecimal LAB_BUDGET = new BigDecimal("45000.00");

    private AggregateTestFixture<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(LabellingRules.nationalDefault(), CLOCK);
    }

    private static AggregateTestFixture<Project> fixtureWith(LabellingRules rules, Clock clock) {
        AggregateTestFixture<Project> fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(rules);
        fixture.registerInjectableResource(clock);
        return fixture;
    }

    // ================================================================== submit idea

    @Test
    void a_member_submits_a_project_idea_and_leads_its_consortium() {
        fixture.givenNoPriorActivity()
                .when(new SubmitIdeaCommand(PROJECT, "  Smart grid twin  ", "A digital twin of the regional grid", "Energy",
                        ConfidentialityLevel.RESTRICTED, carrier(OrganisationKind.SME), new BigDecimal("120000")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new IdeaSubmittedEvent(PROJECT, "Smart grid twin", "A digital twin of the regional grid", "Energy",
                        ConfidentialityLevel.RESTRICTED, CARRIER, CARRIER_NAME, OrganisationKind.SME,
                        new BigDecimal("120000.00")));
    }

    @Test
    void a_budget_with_trailing_zero_decimals_is_accepted_as_cents() {
        fixture.givenNoPriorActivity()
                .when(submitIdea("Smart grid twin", new BigDecimal("1000.120")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new IdeaSubmittedEvent(PROJECT, "Smart grid twin", "A digital twin of the regional grid", "Energy",
                        ConfidentialityLevel.RESTRICTED, CARRIER, CARRIER_NAME, OrganisationKind.SME,
                        new BigDecimal("1000.12")));
    }

    @Test
    void the_same_project_cannot_be_submitted_twice() {
        fixture.given(history(ideaSubmitted()))
                .when(submitIdea("Smart grid twin", CARRIER_BUDGET))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("Project " + PROJECT + " already exists"));
    }

    @Test
    void an_idea_without_a_title_is_refused() {
        fixture.givenNoPriorActivity()
                .when(submitIdea("   ", CARRIER_BUDGET))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("title is required"));
    }

    @Test
    void an_idea_with_a_title_shorter_than_three_characters_is_refused() {
        fixture.givenNoPriorActivity()
                .when(submitIdea(" ab ", CARRIER_BUDGET))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("title must be at least 3 characters"));
    }

    @Test
    void a_budget_with_fractions_of_cents_is_refused() {
        fixture.givenNoPriorActivity()
                .when(submitIdea("Smart grid twin", new BigDecimal("1000.125")))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("plannedBudget must be in euros with at most two decimals (got 1000.125)"));
    }

    @Test
    void a_negative_budget_is_refused() {
        fixture.givenNoPriorActivity()
                .when(submitIdea("Smart grid twin", new BigDecimal("-1")))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("plannedBudget must not be negative (got -1)"));
    }

    @Test
    void an_idea_without_a_carrier_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new SubmitIdeaCommand(PROJECT, "Smart grid twin", "summary", "Energy", ConfidentialityLevel.PUBLIC, null,
                        CARRIER_BUDGET))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("carrier organisation is required"));
    }

    // ================================================================== invite

    @Test
    void the_carrier_invites_a_partner() {
        fixture.given(history(ideaSubmitted()))
                .when(new InvitePartnerCommand(PROJECT, new PartnerOrganisation(COMPANY, COMPANY_NAME, OrganisationKind.LARGE_COMPANY)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(invited(COMPANY, COMPANY_NAME, OrganisationKind.LARGE_COMPANY));
    }

    @Test
    void a_partner_cannot_be_invited_twice() {
        fixture.given(history(ideaSubmitted(), invitedCompany()))
                .when(new InvitePartnerCommand(PROJECT, new PartnerOrganisation(COMPANY, COMPANY_NAME, OrganisationKind.LARGE_COMPANY)))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString(COMPANY_NAME + " is already invited in this consortium"));
    }

    @Test
    void the_carrier_cannot_invite_itself() {
        fixture.given(history(ideaSubmitted()))
                .when(new InvitePartnerCommand(PROJECT, new PartnerOrganisation(CARRIER, CARRIER_NAME, OrganisationKind.SME)))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString(CARRIER_NAME + " is already the lead partner in this consortium"));
    }

    @Test
    void an_organisation_that_declined_may_be_invited_again() {
        fixture.given(history(ideaSubmitted(), invitedCompany(), new InvitationDeclinedEvent(PROJECT, COMPANY, "No capacity this year")))
                .when(new InvitePartnerCommand(PROJECT, new PartnerOrganisation(COMPANY, COMPANY_NAME, OrganisationKind.LARGE_COMPANY)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(invitedCompany());
    }

    @Test
    void no_partner_can_be_invited_once_the_project_is_submitted_for_labelling() {
        fixture.given(history(awaitingReviewers()))
                .when(new InvitePartnerCommand(PROJECT, new PartnerOrganisation(OUTSIDER, "Gamma", OrganisationKind.SME)))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("The project is AWAITING_REVIEWERS; it must be CONSORTIUM_BUILDING to invite partners"));
    }

    // ================================================================== join

    @Test
    void an_invited_partner_joins_with_a_role_and_a_planned_budget() {
        fixture.given(history(ideaSubmitted(), invitedCompany()))
                .when(new JoinConsortiumCommand(PROJECT, COMPANY, " Industrial demonstrator ", new BigDecimal("80000.5")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PartnerJoinedEvent(PROJECT, COMPANY, "Industrial demonstrator", new BigDecimal("80000.50")));
    }

    @Test
    void a_partner_cannot_join_without_an_invitation() {
        fixture.given(history(ideaSubmitted()))
                .when(new JoinConsortiumCommand(PROJECT, OUTSIDER, "Gate crasher", BigDecimal.TEN))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString(OUTSIDER + " has no pending invitation to this consortium"));
    }

    @Test
    void a_partner_that_declined_cannot_join() {
        fixture.given(history(ideaSubmitted(), invitedCompany(), new InvitationDeclinedEvent(PROJECT, COMPANY, "No capacity")))
                .when(new JoinConsortiumCommand(PROJECT, COMPANY, "Demonstrator", BigDecimal.TEN))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("has no pending invitation"));
    }

    @Test
    void a_partner_cannot_join_twice() {
        fixture.given(history(ideaSubmitted(), invitedCompany(), companyJoined()))
                .when(new JoinConsortiumCommand(PROJECT, COMPANY, "Demonstrator", BigDecimal.TEN))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString(COMPANY_NAME + " is already a partner; it cannot join"));
    }

    @Test
    void a_partner_joining_without_a_role_is_refused() {
        fixture.given(history(ideaSubmitted(), invitedCompany()))
                .when(new JoinConsortiumCommand(PROJECT, COMPANY, "", BigDecimal.TEN))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("role is required"));
    }

    // ================================================================== decline

    @Test
    void an_invited_partner_declines_with_a_reason() {
        fixture.given(history(ideaSubmitted(), invitedCompany()))
                .when(new DeclineInvitationCommand(PROJECT, COMPANY, " No capacity this year "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new InvitationDeclinedEvent(PROJECT, COMPANY, "No capacity this year"));
    }

    @Test
    void an_organisation_without_an_invitation_cannot_decline() {
        fixture.given(history(ideaSubmitted()))
                .when(new DeclineInvitationCommand(PROJECT, OUTSIDER, "Not interested"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString(OUTSIDER + " has no pending invitation"));
    }

    @Test
    void a_joined_partner_cannot_decline_any_more() {
        fixture.given(history(ideaSubmitted(), invitedCompany(), companyJoined()))
                .when(new DeclineInvitationCommand(PROJECT, COMPANY, "Changed our mind"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString(COMPANY_NAME + " is already a partner; it cannot decline"));
    }

    @Test
    void declining_without_a_reason_is_refused() {
        fixture.given(history(ideaSubmitted(), invitedCompany()))
                .when(new DeclineInvitationCommand(PROJECT, COMPANY, " "))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reason is required"));
    }

    // ================================================================== NDA

    @Test
    void an_invited_partner_signs_the_nda() {
        fixture.given(history(ideaSubmitted(), invitedCompany()))
                .when(new SignNdaCommand(PROJECT, COMPANY, "bob@beta"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new NdaSignedEvent(PROJECT, COMPANY, "bob@beta"));
    }

    @Test
    void an_organisation_outside_the_consortium_cannot_sign_the_nda() {
        fixture.given(history(ideaSubmitted()))
                .when(new SignNdaCommand(PROJECT, OUTSIDER, "eve"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString(OUTSIDER + " is not one"));
    }

    @Test
    void the_carrier_signs_no_nda_for_its_own_project() {
        fixture.given(history(ideaSubmitted()))
                .when(new SignNdaCommand(PROJECT, CARRIER, "alice@acme"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("The carrier owns the project file and signs no NDA for it"));
    }

    @Test
    void a_partner_cannot_sign_the_nda_twice() {
        fixture.given(history(ideaSubmitted(), invitedCompany(), companyNda()))
                .when(new SignNdaCommand(PROJECT, COMPANY, "carol@beta"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString(COMPANY_NAME + " has already signed the NDA"));
    }

    @Test
    void no_nda_can_be_signed_once_the_project_is_abandoned() {
        fixture.given(history(ideaSubmitted(), invitedCompany(),
                        new ProjectAbandonedEvent(PROJECT, "Funding withdrawn", ProjectStatus.CONSORTIUM_BUILDING)))
                .when(new SignNdaCommand(PROJECT, COMPANY, "bob@beta"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("The project is ABANDONED; no NDA can be signed any more"));
    }

    @Test
    void an_invitation_never_accepted_gives_no_nda_once_the_consortium_is_closed() {
        fixture.given(history(readyForLabelling(),
                        new PartnerInvitedEvent(PROJECT, OUTSIDER, "Late Corp", OrganisationKind.SME),
                        submittedForLabelling()))
                .when(new SignNdaCommand(PROJECT, OUTSIDER, "late@corp"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("never joined the consortium, which is now closed"));
    }

    // ================================================================== submit for labelling

    @Test
    void a_consortium_of_two_companies_and_a_lab_led_by_an_sme_is_submitted_for_labelling() {
        fixture.given(history(readyForLabelling()))
                .when(new SubmitForLabellingCommand(PROJECT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectSubmittedForLabellingEvent(PROJECT, 2, 1, OrganisationKind.SME,
                        new BigDecimal("245000.50")));
    }

    @Test
    void a_consortium_with_a_single_company_cannot_be_submitted() {
        fixture.given(history(ideaSubmitted(), invitedLab(), labJoined(), labNda()))
                .when(new SubmitForLabellingCommand(PROJECT))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("at least 2 companies must have joined (now 1)"));
    }

    @Test
    void invited_partners_that_have_not_joined_do_not_count_towards_the_consortium_rule() {
        fixture.given(history(ideaSubmitted(), invitedCompany(), companyNda(), invitedLab(), labJoined(), labNda()))
                .when(new SubmitForLabellingCommand(PROJECT))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("at least 2 companies must have joined (now 1)"));
    }

    @Test
    void a_consortium_without_a_research_lab_cannot_be_submitted() {
        fixture.given(history(ideaSubmitted(), invitedCompany(), companyJoined(), companyNda()))
                .when(new SubmitForLabellingCommand(PROJECT))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("at least 1 research lab must have joined (now 0)"));
    }

    @Test
    void a_consortium_led_by_a_research_lab_cannot_be_submitted() {
        String otherCompany = "SIREN-356000000";
        fixture.given(history(
                        new IdeaSubmittedEvent(PROJECT, "Smart grid twin", "summary", "Energy", ConfidentialityLevel.RESTRICTED,
                                LAB, LAB_NAME, OrganisationKind.RESEARCH_LAB, LAB_BUDGET),
                        invitedCompany(), companyJoined(), companyNda(),
                        invited(otherCompany, "Delta Power", OrganisationKind.MID_SIZE_COMPANY),
                        new PartnerJoinedEvent(PROJECT, otherCompany, "Field tests", new BigDecimal("30000.00")),
                        new NdaSignedEvent(PROJECT, otherCompany, "dan@delta")))
                .when(new SubmitForLabellingCommand(PROJECT))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("the consortium must be led by one of"))
                .expectExceptionMessage(containsString("(the carrier is RESEARCH_LAB)"));
    }

    @Test
    void a_joined_partner_must_have_signed_the_nda_of_a_confidential_project() {
        fixture.given(history(ideaSubmitted(), invitedCompany(), companyJoined(), companyNda(), invitedLab(), labJoined()))
                .when(new SubmitForLabellingCommand(PROJECT))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString(LAB_NAME + " must sign the NDA"));
    }

    @Test
    void every_unmet_rule_is_reported_at_once() {
        fixture.given(history(ideaSubmitted(), invitedCompany(), companyJoined()))
                .when(new SubmitForLabellingCommand(PROJECT))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("The consortium rule is not met: "
                        + "at least 1 research lab must have joined (now 0); " + COMPANY_NAME + " must sign the NDA"));
    }

    @Test
    void a_public_project_is_submitted_without_ndas() {
        fixture.given(history(ideaSubmitted(ConfidentialityLevel.PUBLIC), invitedCompany(), companyJoined(), invitedLab(), labJoined()))
                .when(new SubmitForLabellingCommand(PROJECT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectSubmittedForLabellingEvent(PROJECT, 2, 1, OrganisationKind.SME,
                        new BigDecimal("245000.50")));
    }

    @Test
    void the_configured_labelling_rules_decide_the_consortium_rule() {
        // under the national default, a carrier alone is far from a consortium ...
        fixture.given(history(ideaSubmitted()))
                .when(new SubmitForLabellingCommand(PROJECT))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED));

        // ... but a call that accepts single-company projects without a lab lets it through
        LabellingRules lenient = new LabellingRules(1, 0, Set.of(OrganisationKind.SME, OrganisationKind.RESEARCH_LAB), 1);
        fixtureWith(lenient, CLOCK)
                .given(history(ideaSubmitted()))
                .when(new SubmitForLabellingCommand(PROJECT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectSubmittedForLabellingEvent(PROJECT, 1, 0, OrganisationKind.SME, CARRIER_BUDGET));
    }

    @Test
    void a_project_cannot_be_submitted_for_labelling_twice() {
        fixture.given(history(awaitingReviewers()))
                .when(new SubmitForLabellingCommand(PROJECT))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("it must be CONSORTIUM_BUILDING to submit it for labelling"));
    }

    // ================================================================== assign reviewers

    @Test
    void pole_staff_assign_two_independent_reviewers_with_a_future_deadline() {
        fixture.given(history(awaitingReviewers()))
                .when(assign(DEADLINE, reviewer(EXPERT_ONE, "SIREN-999999999"), reviewer(EXPERT_TWO)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReviewersAssignedEvent(PROJECT, List.of(EXPERT_ONE, EXPERT_TWO), DEADLINE));
    }

    @Test
    void a_deadline_of_tomorrow_is_accepted() {
        fixture.given(history(awaitingReviewers()))
                .when(assign(TODAY.plusDays(1), reviewer(EXPERT_ONE), reviewer(EXPERT_TWO)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReviewersAssignedEvent(PROJECT, List.of(EXPERT_ONE, EXPERT_TWO), TODAY.plusDays(1)));
    }

    @Test
    void a_single_reviewer_is_not_enough() {
        fixture.given(history(awaitingReviewers()))
                .when(assign(DEADLINE, reviewer(EXPERT_ONE)))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("At least 2 reviewers are required (got 1)"));
    }

    @Test
    void a_reviewer_acting_for_a_consortium_member_is_refused() {
        fixture.given(history(awaitingReviewers()))
                .when(assign(DEADLINE, reviewer(EXPERT_ONE), reviewer(EXPERT_TWO, "SIREN-999999999", LAB)))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("Reviewer " + EXPERT_TWO + " acts for " + LAB_NAME
                        + ", a member of this consortium"));
    }

    @Test
    void a_reviewer_acting_for_the_carrier_is_refused() {
        fixture.given(history(awaitingReviewers()))
                .when(assign(DEADLINE, reviewer(EXPERT_ONE, CARRIER), reviewer(EXPERT_TWO)))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("acts for " + CARRIER_NAME));
    }

    @Test
    void a_reviewer_acting_for_an_organisation_that_declined_is_independent() {
        String declined = "SIREN-356000000";
        fixture.given(history(ideaSubmitted(), invited(declined, "Delta Power", OrganisationKind.SME),
                        new InvitationDeclinedEvent(PROJECT, declined, "Not our field"),
                        consortiumEvents(), submittedForLabelling()))
                .when(assign(DEADLINE, reviewer(EXPERT_ONE, declined), reviewer(EXPERT_TWO)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReviewersAssignedEvent(PROJECT, List.of(EXPERT_ONE, EXPERT_TWO), DEADLINE));
    }

    @Test
    void a_review_deadline_of_today_is_refused() {
        fixture.given(history(awaitingReviewers()))
                .when(assign(TODAY, reviewer(EXPERT_ONE), reviewer(EXPERT_TWO)))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reviewDeadline must be a future date (got 2026-11-26)"));
    }

    @Test
    void a_review_deadline_in_the_past_is_refused() {
        fixture.given(history(awaitingReviewers()))
                .when(assign(TODAY.minusDays(3), reviewer(EXPERT_ONE), reviewer(EXPERT_TWO)))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reviewDeadline must be a future date (got 2026-11-23)"));
    }

    @Test
    void today_is_judged_in_paris_time() {
        // 23:30 UTC on the 26th is already the 27th in Paris: the 27th is "today", not the future
        Clock lateEvening = Clock.fixed(Instant.parse("2026-11-26T23:30:00Z"), ZoneOffset.UTC);
        fixtureWith(LabellingRules.nationalDefault(), lateEvening)
                .given(history(awaitingReviewers()))
                .when(assign(TODAY.plusDays(1), reviewer(EXPERT_ONE), reviewer(EXPERT_TWO)))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reviewDeadline must be a future date (got 2026-11-27)"));
    }

    @Test
    void a_reviewer_listed_twice_is_refused() {
        fixture.given(history(awaitingReviewers()))
                .when(assign(DEADLINE, reviewer(EXPERT_ONE), reviewer(EXPERT_TWO), reviewer(" " + EXPERT_ONE + " ")))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reviewer " + EXPERT_ONE + " is listed twice"));
    }

    @Test
    void an_empty_reviewer_list_is_refused() {
        fixture.given(history(awaitingReviewers()))
                .when(new AssignReviewersCommand(PROJECT, List.of(), DEADLINE))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reviewers must not be empty"));
    }

    @Test
    void reviewers_cannot_be_assigned_before_the_project_is_submitted_for_labelling() {
        fixture.given(history(readyForLabelling()))
                .when(assign(DEADLINE, reviewer(EXPERT_ONE), reviewer(EXPERT_TWO)))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("it must be AWAITING_REVIEWERS to assign reviewers"));
    }

    // ================================================================== record review

    @Test
    void an_assigned_reviewer_records_a_review() {
        fixture.given(history(underReview()))
                .when(new RecordReviewCommand(PROJECT, EXPERT_ONE, 15, Recommendation.GRANT, " Solid consortium "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReviewRecordedEvent(PROJECT, EXPERT_ONE, 15, Recommendation.GRANT, "Solid consortium"));
    }

    @Test
    void the_boundary_scores_zero_and_twenty_are_accepted() {
        fixture.given(history(underReview()))
                .when(new RecordReviewCommand(PROJECT, EXPERT_ONE, 20, Recommendation.GRANT, "Outstanding"))
                .expectEvents(new ReviewRecordedEvent(PROJECT, EXPERT_ONE, 20, Recommendation.GRANT, "Outstanding"));
        fixtureWith(LabellingRules.nationalDefault(), CLOCK)
                .given(history(underReview()))
                .when(new RecordReviewCommand(PROJECT, EXPERT_ONE, 0, Recommendation.REFUSE, "Out of scope"))
                .expectEvents(new ReviewRecordedEvent(PROJECT, EXPERT_ONE, 0, Recommendation.REFUSE, "Out of scope"));
    }

    @Test
    void a_reviewer_who_is_not_assigned_cannot_record_a_review() {
        fixture.given(history(underReview()))
                .when(new RecordReviewCommand(PROJECT, "mallory", 20, Recommendation.GRANT, "Great"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(FORBIDDEN))
                .expectExceptionMessage(containsString("mallory is not an assigned reviewer of this project"));
    }

    @Test
    void a_score_above_twenty_is_refused() {
        fixture.given(history(underReview()))
                .when(new RecordReviewCommand(PROJECT, EXPERT_ONE, 21, Recommendation.GRANT, "Great"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("score must be between 0 and 20 (got 21)"));
    }

    @Test
    void a_negative_score_is_refused() {
        fixture.given(history(underReview()))
                .when(new RecordReviewCommand(PROJECT, EXPERT_ONE, -1, Recommendation.REFUSE, "Weak"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("score must be between 0 and 20 (got -1)"));
    }

    @Test
    void a_review_without_conclusions_is_refused() {
        fixture.given(history(underReview()))
                .when(new RecordReviewCommand(PROJECT, EXPERT_ONE, 12, Recommendation.GRANT, " "))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("conclusions is required"));
    }

    @Test
    void a_reviewer_cannot_record_a_second_review() {
        fixture.given(history(underReview(), review(EXPERT_ONE, 15)))
                .when(new RecordReviewCommand(PROJECT, EXPERT_ONE, 18, Recommendation.GRANT, "On second thought"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString(EXPERT_ONE + " has already recorded a review of this project"));
    }

    @Test
    void no_review_can_be_recorded_before_reviewers_are_assigned() {
        fixture.given(history(awaitingReviewers()))
                .when(new RecordReviewCommand(PROJECT, EXPERT_ONE, 15, Recommendation.GRANT, "Early"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("it must be UNDER_REVIEW to record a review"));
    }

    // ================================================================== remind late reviewers

    @Test
    void each_reviewer_without_a_review_is_reminded_once() {
        fixture.given(history(underReview(), review(EXPERT_ONE, 15)))
                .when(new RemindLateReviewersCommand(PROJECT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReviewReminderSentEvent(PROJECT, EXPERT_TWO, DEADLINE));
    }

    @Test
    void every_reviewer_is_reminded_when_no_review_is_in() {
        fixture.given(history(underReview()))
                .when(new RemindLateReviewersCommand(PROJECT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReviewReminderSentEvent(PROJECT, EXPERT_ONE, DEADLINE),
                        new ReviewReminderSentEvent(PROJECT, EXPERT_TWO, DEADLINE));
    }

    @Test
    void nobody_is_reminded_once_every_review_is_in() {
        fixture.given(history(underReview(), review(EXPERT_ONE, 15), review(EXPERT_TWO, 12)))
                .when(new RemindLateReviewersCommand(PROJECT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void nobody_is_reminded_once_the_label_is_decided() {
        fixture.given(history(decided(true)))
                .when(new RemindLateReviewersCommand(PROJECT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ================================================================== decide label

    @Test
    void the_committee_cannot_decide_before_every_review_is_in() {
        fixture.given(history(underReview(), review(EXPERT_ONE, 15)))
                .when(new DecideLabelCommand(PROJECT, true, "Promising"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("still missing: " + EXPERT_TWO));
    }

    @Test
    void the_committee_grants_the_label_with_the_average_score() {
        fixture.given(history(underReview(), review(EXPERT_ONE, 15), review(EXPERT_TWO, 12)))
                .when(new DecideLabelCommand(PROJECT, true, " Strong industrial pull "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new LabelGrantedEvent(PROJECT, "Strong industrial pull", new BigDecimal("13.50")));
    }

    @Test
    void the_average_score_is_rounded_half_up_to_two_decimals() {
        String expertThree = "expert.three";
        fixture.given(history(awaitingReviewers(),
                        new ReviewersAssignedEvent(PROJECT, List.of(EXPERT_ONE, EXPERT_TWO, expertThree), DEADLINE),
                        review(EXPERT_ONE, 15), review(EXPERT_TWO, 12), review(expertThree, 14)))
                .when(new DecideLabelCommand(PROJECT, true, "Good"))
                .expectEvents(new LabelGrantedEvent(PROJECT, "Good", new BigDecimal("13.67")));
    }

    @Test
    void the_committee_refuses_the_label() {
        fixture.given(history(underReview(), review(EXPERT_ONE, 8), review(EXPERT_TWO, 7)))
                .when(new DecideLabelCommand(PROJECT, false, "Not innovative enough"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new LabelRefusedEvent(PROJECT, "Not innovative enough", new BigDecimal("7.50")));
    }

    @Test
    void a_decision_without_reasons_is_refused() {
        fixture.given(history(underReview(), review(EXPERT_ONE, 15), review(EXPERT_TWO, 12)))
                .when(new DecideLabelCommand(PROJECT, true, "   "))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reasons is required"));
    }

    @Test
    void a_decision_without_an_outcome_is_refused() {
        fixture.given(history(underReview(), review(EXPERT_ONE, 15), review(EXPERT_TWO, 12)))
                .when(new DecideLabelCommand(PROJECT, null, "Undecided"))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("granted is required"));
    }

    @Test
    void the_label_cannot_be_decided_twice() {
        fixture.given(history(decided(true)))
                .when(new DecideLabelCommand(PROJECT, false, "Changed our mind"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("The project is LABEL_GRANTED; it must be UNDER_REVIEW to decide on the label"));
    }

    // ================================================================== communicate conclusions

    @Test
    void the_conclusions_are_communicated_with_experts_anonymised_in_assignment_order() {
        // expert.two reviews first, but expert.one was assigned first and stays "Expert 1"
        fixture.given(history(underReview(),
                        new ReviewRecordedEvent(PROJECT, EXPERT_TWO, 12, Recommendation.REFUSE, "Budget is thin"),
                        new ReviewRecordedEvent(PROJECT, EXPERT_ONE, 15, Recommendation.GRANT, "Solid consortium"),
                        new LabelGrantedEvent(PROJECT, "Strong industrial pull", new BigDecimal("13.50"))))
                .when(new CommunicateConclusionsCommand(PROJECT, " Congratulations "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConclusionsCommunicatedEvent(PROJECT, CARRIER, true, "Strong industrial pull",
                        List.of(new CommunicatedReview("Expert 1", 15, Recommendation.GRANT, "Solid consortium"),
                                new CommunicatedReview("Expert 2", 12, Recommendation.REFUSE, "Budget is thin")),
                        "Congratulations"));
    }

    @Test
    void a_refusal_is_communicated_without_a_message() {
        fixture.given(history(decided(false)))
                .when(new CommunicateConclusionsCommand(PROJECT, "  "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConclusionsCommunicatedEvent(PROJECT, CARRIER, false, "Reasons",
                        List.of(new CommunicatedReview("Expert 1", 15, Recommendation.GRANT, "Review by " + EXPERT_ONE),
                                new CommunicatedReview("Expert 2", 12, Recommendation.GRANT, "Review by " + EXPERT_TWO)),
                        null));
    }

    @Test
    void conclusions_cannot_be_communicated_before_the_decision() {
        fixture.given(history(underReview(), review(EXPERT_ONE, 15), review(EXPERT_TWO, 12)))
                .when(new CommunicateConclusionsCommand(PROJECT, "Too early"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("Conclusions are communicated after the committee's decision"));
    }

    @Test
    void conclusions_cannot_be_communicated_twice() {
        fixture.given(history(decided(true),
                        new ConclusionsCommunicatedEvent(PROJECT, CARRIER, true, "Reasons", List.of(), null)))
                .when(new CommunicateConclusionsCommand(PROJECT, "Again"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("The conclusions have already been communicated to the carrier"));
    }

    // ================================================================== abandon

    @Test
    void the_carrier_abandons_the_project_while_building_the_consortium() {
        fixture.given(history(ideaSubmitted(), invitedCompany()))
                .when(new AbandonProjectCommand(PROJECT, " No partner found "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectAbandonedEvent(PROJECT, "No partner found", ProjectStatus.CONSORTIUM_BUILDING));
    }

    @Test
    void a_project_under_review_can_be_abandoned() {
        fixture.given(history(underReview(), review(EXPERT_ONE, 15)))
                .when(new AbandonProjectCommand(PROJECT, "Carrier went into receivership"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectAbandonedEvent(PROJECT, "Carrier went into receivership", ProjectStatus.UNDER_REVIEW));
    }

    @Test
    void a_project_awaiting_reviewers_can_be_abandoned() {
        fixture.given(history(awaitingReviewers()))
                .when(new AbandonProjectCommand(PROJECT, "Merged into another project"))
                .expectEvents(new ProjectAbandonedEvent(PROJECT, "Merged into another project", ProjectStatus.AWAITING_REVIEWERS));
    }

    @Test
    void a_project_whose_label_was_refused_cannot_be_abandoned() {
        fixture.given(history(decided(false)))
                .when(new AbandonProjectCommand(PROJECT, "Giving up"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("The project is already LABEL_REFUSED and cannot be abandoned"));
    }

    @Test
    void a_project_cannot_be_abandoned_twice() {
        fixture.given(history(ideaSubmitted(), new ProjectAbandonedEvent(PROJECT, "First time", ProjectStatus.CONSORTIUM_BUILDING)))
                .when(new AbandonProjectCommand(PROJECT, "Second time"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("The project is already ABANDONED"));
    }

    @Test
    void abandoning_without_a_reason_is_refused() {
        fixture.given(history(ideaSubmitted()))
                .when(new AbandonProjectCommand(PROJECT, "  "))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reason is required"));
    }

    // ================================================================== commands

    private static PartnerOrganisation carrier(OrganisationKind kind) {
        return new PartnerOrganisation(CARRIER, CARRIER_NAME, kind);
    }

    private static SubmitIdeaCommand submitIdea(String title, BigDecimal budget) {
        return new SubmitIdeaCommand(PROJECT, title, "A digital twin of the regional grid", "Energy",
                ConfidentialityLevel.RESTRICTED, carrier(OrganisationKind.SME), budget);
    }

    private static ReviewerAssignment reviewer(String userId, String... organisationIds) {
        return new ReviewerAssignment(userId, List.of(organisationIds));
    }

    private static AssignReviewersCommand assign(LocalDate deadline, ReviewerAssignment... reviewers) {
        return new AssignReviewersCommand(PROJECT, List.of(reviewers), deadline);
    }

    // ================================================================== histories

    private static IdeaSubmittedEvent ideaSubmitted() {
        return ideaSubmitted(ConfidentialityLevel.RESTRICTED);
    }

    private static IdeaSubmittedEvent ideaSubmitted(ConfidentialityLevel confidentiality) {
        return new IdeaSubmittedEvent(PROJECT, "Smart grid twin", "A digital twin of the regional grid", "Energy",
                confidentiality, CARRIER, CARRIER_NAME, OrganisationKind.SME, CARRIER_BUDGET);
    }

    private static PartnerInvitedEvent invited(String organisationId, String name, OrganisationKind kind) {
        return new PartnerInvitedEvent(PROJECT, organisationId, name, kind);
    }

    private static PartnerInvitedEvent invitedCompany() {
        return invited(COMPANY, COMPANY_NAME, OrganisationKind.LARGE_COMPANY);
    }

    private static PartnerJoinedEvent companyJoined() {
        return new PartnerJoinedEvent(PROJECT, COMPANY, "Industrial demonstrator", COMPANY_BUDGET);
    }

    private static NdaSignedEvent companyNda() {
        return new NdaSignedEvent(PROJECT, COMPANY, "bob@beta");
    }

    private static PartnerInvitedEvent invitedLab() {
        return invited(LAB, LAB_NAME, OrganisationKind.RESEARCH_LAB);
    }

    private static PartnerJoinedEvent labJoined() {
        return new PartnerJoinedEvent(PROJECT, LAB, "Grid models", LAB_BUDGET);
    }

    private static NdaSignedEvent labNda() {
        return new NdaSignedEvent(PROJECT, LAB, "carla@lab");
    }

    /** The company and the lab invited, joined and under NDA. */
    private static List<Object> consortiumEvents() {
        return List.of(invitedCompany(), companyJoined(), companyNda(), invitedLab(), labJoined(), labNda());
    }

    private static List<Object> readyForLabelling() {
        List<Object> events = new ArrayList<>();
        events.add(ideaSubmitted());
        events.addAll(consortiumEvents());
        return events;
    }

    private static ProjectSubmittedForLabellingEvent submittedForLabelling() {
        return new ProjectSubmittedForLabellingEvent(PROJECT, 2, 1, OrganisationKind.SME, new BigDecimal("245000.50"));
    }

    private static List<Object> awaitingReviewers() {
        List<Object> events = readyForLabelling();
        events.add(submittedForLabelling());
        return events;
    }

    // ================================================================== funding stage and closing

    private static List<Object> labelledAndCommunicated() {
        List<Object> events = decided(true);
        events.add(new ConclusionsCommunicatedEvent(PROJECT, CARRIER, true, "Reasons", List.of(), null));
        return events;
    }

    @Test
    void pole_staff_choose_the_calls_of_a_labelled_project_once_the_conclusions_are_delivered() {
        fixture.given(history(labelledAndCommunicated()))
                .when(new ChooseFundingCallsCommand(PROJECT, List.of("CALL-FUI-25", "CALL-ARA-PME")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FundingCallsChosenEvent(PROJECT, List.of("CALL-FUI-25", "CALL-ARA-PME")));
    }

    @Test
    void calls_are_refused_before_the_conclusions_are_delivered_or_when_malformed_or_repeated() {
        fixture.given(history(decided(true)))
                .when(new ChooseFundingCallsCommand(PROJECT, List.of("CALL-FUI-25")))
                .expectNoEvents().expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("conclusions must be communicated"));
        fixture.given(history(labelledAndCommunicated()))
                .when(new ChooseFundingCallsCommand(PROJECT, List.of("FUI 25")))
                .expectNoEvents().expectException(ofKind(INVALID_INPUT)).expectExceptionMessage(containsString("CALL-FUI-25"));
        fixture.given(history(labelledAndCommunicated()))
                .when(new ChooseFundingCallsCommand(PROJECT, List.of("CALL-A", "CALL-A")))
                .expectNoEvents().expectException(ofKind(INVALID_INPUT)).expectExceptionMessage(containsString("repeat"));
        fixture.given(history(decided(false)))
                .when(new ChooseFundingCallsCommand(PROJECT, List.of("CALL-A")))
                .expectNoEvents().expectException(ofKind(CONFLICT));
    }

    @Test
    void the_first_signed_convention_starts_the_research_and_later_ones_record_nothing() {
        fixture.given(history(labelledAndCommunicated(), new FundingCallsChosenEvent(PROJECT, List.of("CALL-A"))))
                .when(new StartResearchCommand(PROJECT))
                .expectEvents(new ResearchStartedEvent(PROJECT));
        fixture.given(history(labelledAndCommunicated(), new FundingCallsChosenEvent(PROJECT, List.of("CALL-A")),
                        new ResearchStartedEvent(PROJECT)))
                .when(new StartResearchCommand(PROJECT))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(history(labelledAndCommunicated()))
                .when(new StartResearchCommand(PROJECT))
                .expectNoEvents().expectException(ofKind(CONFLICT));
    }

    @Test
    void a_project_closes_from_its_funding_or_its_research_and_not_before() {
        fixture.given(history(labelledAndCommunicated(), new FundingCallsChosenEvent(PROJECT, List.of("CALL-A"))))
                .when(new CloseProjectCommand(PROJECT))
                .expectEvents(new ProjectClosedEvent(PROJECT));
        fixture.given(history(labelledAndCommunicated(), new FundingCallsChosenEvent(PROJECT, List.of("CALL-A")),
                        new ResearchStartedEvent(PROJECT)))
                .when(new CloseProjectCommand(PROJECT))
                .expectEvents(new ProjectClosedEvent(PROJECT));
        fixture.given(history(labelledAndCommunicated()))
                .when(new CloseProjectCommand(PROJECT))
                .expectNoEvents().expectException(ofKind(CONFLICT));
        fixture.given(history(labelledAndCommunicated(), new FundingCallsChosenEvent(PROJECT, List.of("CALL-A"))))
                .when(new AbandonProjectCommand(PROJECT, "Too late"))
                .expectNoEvents().expectException(ofKind(CONFLICT));
    }

    @Test
    void a_closed_projects_growth_is_planned_once_with_or_without_a_round() {
        List<Object> closed = history(labelledAndCommunicated(), new FundingCallsChosenEvent(PROJECT, List.of("CALL-A")),
                new ProjectClosedEvent(PROJECT));
        fixture.given(closed).when(new PlanGrowthCommand(PROJECT, "ROUND-0000ABCD"))
                .expectEvents(new GrowthPlannedEvent(PROJECT, "ROUND-0000ABCD"));
        fixture.given(closed).when(new PlanGrowthCommand(PROJECT, null))
                .expectEvents(new GrowthPlannedEvent(PROJECT, null));
        fixture.given(history(closed, new GrowthPlannedEvent(PROJECT, null))).when(new PlanGrowthCommand(PROJECT, null))
                .expectNoEvents().expectException(ofKind(CONFLICT)).expectExceptionMessage(containsString("already planned"));
        fixture.given(history(labelledAndCommunicated(), new FundingCallsChosenEvent(PROJECT, List.of("CALL-A"))))
                .when(new PlanGrowthCommand(PROJECT, null))
                .expectNoEvents().expectException(ofKind(CONFLICT));
    }

    private static List<Object> underReview() {
        List<Object> events = awaitingReviewers();
        events.add(new ReviewersAssignedEvent(PROJECT, List.of(EXPERT_ONE, EXPERT_TWO), DEADLINE));
        return events;
    }

    private static ReviewRecordedEvent review(String reviewer, int score) {
        return new ReviewRecordedEvent(PROJECT, reviewer, score, Recommendation.GRANT, "Review by " + reviewer);
    }

    private static List<Object> decided(boolean granted) {
        List<Object> events = underReview();
        events.add(review(EXPERT_ONE, 15));
        events.add(review(EXPERT_TWO, 12));
        events.add(granted
                ? new LabelGrantedEvent(PROJECT, "Reasons", new BigDecimal("13.50"))
                : new LabelRefusedEvent(PROJECT, "Reasons", new BigDecimal("13.50")));
        return events;
    }

    /** Flattens events and lists of events into one history, in order. */
    private static List<Object> history(Object... parts) {
        List<Object> events = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> list) {
                events.addAll(list);
            } else {
                events.add(part);
            }
        }
        return events;
    }

    static Matcher<DomainException> ofKind(DomainException.Kind kind) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException exception) {
                return exception.kind() == kind;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainException of kind ").appendValue(kind);
            }

            @Override
            protected void describeMismatchSafely(DomainException exception, Description description) {
                description.appendText("was of kind ").appendValue(exception.kind());
            }
        };
    }
}
