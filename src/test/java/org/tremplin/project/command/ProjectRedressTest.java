package org.tremplin.project.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.AssignReviewersCommand;
import org.tremplin.project.api.CloseRedressPeriodCommand;
import org.tremplin.project.api.ConclusionsCommunicatedEvent;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.ContestRefusalCommand;
import org.tremplin.project.api.DecideRedressCommand;
import org.tremplin.project.api.FileSentBackForReviewEvent;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.project.api.LabelRefusedEvent;
import org.tremplin.project.api.NdaSignedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;
import org.tremplin.project.api.ProjectSubmittedForLabellingEvent;
import org.tremplin.project.api.Recommendation;
import org.tremplin.project.api.RedressDeadlinePassedEvent;
import org.tremplin.project.api.RefusalConfirmedEvent;
import org.tremplin.project.api.RefusalContestedEvent;
import org.tremplin.project.api.ReviewRecordedEvent;
import org.tremplin.project.api.ReviewerAssignment;
import org.tremplin.project.api.ReviewersAssignedEvent;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.tremplin.project.command.ProjectTest.ofKind;
import static org.tremplin.shared.DomainException.Kind.CONFLICT;
import static org.tremplin.shared.DomainException.Kind.FORBIDDEN;
import static org.tremplin.shared.DomainException.Kind.INVALID_INPUT;
import static org.tremplin.shared.DomainException.Kind.RULE_VIOLATED;

/** The redress after a label refusal (src/docs/redress.md): contest, deadline, staff decision, new review. */
class ProjectRedressTest {

    private static final String PROJECT = "P-2026-009";
    private static final String CARRIER = "SIREN-552100554";
    private static final String COMPANY = "SIREN-732829320";
    private static final String LAB = "RNSR-200012345X";
    private static final String EXPERT_ONE = "expert.one";
    private static final String EXPERT_TWO = "expert.two";
    /** The refusal reaches the carrier on 26 November 2026 (Paris); 30 days of redress: until 26 December included. */
    private static final Instant COMMUNICATED_AT = Instant.parse("2026-11-26T10:00:00Z");
    private static final LocalDate REDRESS_DEADLINE = LocalDate.of(2026, 12, 26);
    private static final Instant WITHIN = Instant.parse("2026-12-26T22:59:00Z"); // 23:59 in Paris on the last day
    private static final Instant AFTER = Instant.parse("2026-12-26T23:00:00Z");  // 00:00 in Paris the day after

    private static AggregateTestFixture<Project> fixtureAt(Instant now) {
        AggregateTestFixture<Project> fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(LabellingRules.nationalDefault());
        fixture.registerInjectableResource(RedressRules.defaults());
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        return fixture;
    }

    @Test
    void the_carrier_contests_a_communicated_refusal_until_the_end_of_the_last_day_in_paris() {
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(refusalCommunicated())
                .when(new ContestRefusalCommand(PROJECT, List.of("OTHER-ORG", CARRIER), "  The market study was ignored  "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RefusalContestedEvent(PROJECT, CARRIER, "The market study was ignored", REDRESS_DEADLINE));
    }

    @Test
    void a_contest_after_the_deadline_is_refused_and_stores_nothing() {
        fixtureAt(AFTER).givenCurrentTime(COMMUNICATED_AT).andGiven(refusalCommunicated())
                .when(new ContestRefusalCommand(PROJECT, List.of(CARRIER), "Late arguments"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("The redress period ended on 2026-12-26"));
    }

    @Test
    void a_contest_by_anyone_but_the_carrier_is_refused() {
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(refusalCommunicated())
                .when(new ContestRefusalCommand(PROJECT, List.of(COMPANY), "We partners contest"))
                .expectNoEvents()
                .expectException(ofKind(FORBIDDEN))
                .expectExceptionMessage(containsString("Only the carrier organisation " + CARRIER));
    }

    @Test
    void a_contest_without_arguments_is_refused() {
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(refusalCommunicated())
                .when(new ContestRefusalCommand(PROJECT, List.of(CARRIER), "   "))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("arguments"));
    }

    @Test
    void a_refusal_is_contested_once() {
        List<Object> history = refusalCommunicated();
        history.add(new RefusalContestedEvent(PROJECT, CARRIER, "First", REDRESS_DEADLINE));
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(history)
                .when(new ContestRefusalCommand(PROJECT, List.of(CARRIER), "Second"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("already been contested"));
    }

    @Test
    void only_a_communicated_refusal_can_be_contested() {
        List<Object> granted = underReviewReviewed();
        granted.add(new LabelGrantedEvent(PROJECT, "Good", new BigDecimal("13.50")));
        granted.add(new ConclusionsCommunicatedEvent(PROJECT, CARRIER, true, "Good", List.of(), null));
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(granted)
                .when(new ContestRefusalCommand(PROJECT, List.of(CARRIER), "Why not"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("only a label refusal communicated"));
        List<Object> notYetCommunicated = underReviewReviewed();
        notYetCommunicated.add(new LabelRefusedEvent(PROJECT, "Weak", new BigDecimal("9.00")));
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(notYetCommunicated)
                .when(new ContestRefusalCommand(PROJECT, List.of(CARRIER), "Why not"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT));
    }

    @Test
    void the_deadline_passing_without_a_contest_makes_the_refusal_final() {
        fixtureAt(AFTER).givenCurrentTime(COMMUNICATED_AT).andGiven(refusalCommunicated())
                .when(new CloseRedressPeriodCommand(PROJECT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RedressDeadlinePassedEvent(PROJECT, CARRIER, REDRESS_DEADLINE));
    }

    @Test
    void the_deadline_passing_after_a_contest_records_nothing_and_a_lapsed_refusal_cannot_be_contested() {
        List<Object> contested = refusalCommunicated();
        contested.add(new RefusalContestedEvent(PROJECT, CARRIER, "Arguments", REDRESS_DEADLINE));
        fixtureAt(AFTER).givenCurrentTime(COMMUNICATED_AT).andGiven(contested)
                .when(new CloseRedressPeriodCommand(PROJECT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        List<Object> lapsed = refusalCommunicated();
        lapsed.add(new RedressDeadlinePassedEvent(PROJECT, CARRIER, REDRESS_DEADLINE));
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(lapsed)
                .when(new ContestRefusalCommand(PROJECT, List.of(CARRIER), "Arguments"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("the refusal is final"));
    }

    @Test
    void staff_confirm_a_contested_refusal_with_reasons_and_it_cannot_be_contested_again() {
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(contested())
                .when(new DecideRedressCommand(PROJECT, true, " The committee's reading stands "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RefusalConfirmedEvent(PROJECT, CARRIER, "The committee's reading stands"));
        List<Object> confirmed = contested();
        confirmed.add(new RefusalConfirmedEvent(PROJECT, CARRIER, "Stands"));
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(confirmed)
                .when(new ContestRefusalCommand(PROJECT, List.of(CARRIER), "Again"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED));
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(confirmed)
                .when(new DecideRedressCommand(PROJECT, false, "Changed our mind"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("No contest is waiting"));
    }

    @Test
    void a_redress_decision_needs_a_contest_a_choice_and_reasons() {
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(refusalCommunicated())
                .when(new DecideRedressCommand(PROJECT, true, "No contest yet"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT));
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(contested())
                .when(new DecideRedressCommand(PROJECT, null, "Reasons"))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("confirmRefusal"));
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(contested())
                .when(new DecideRedressCommand(PROJECT, true, " "))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reasons"));
    }

    @Test
    void a_file_sent_back_is_reviewed_by_other_reviewers_only() {
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(contested())
                .when(new DecideRedressCommand(PROJECT, false, "The market study deserves a fresh look"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FileSentBackForReviewEvent(PROJECT, CARRIER, "The market study deserves a fresh look",
                        List.of(EXPERT_ONE, EXPERT_TWO)));
        List<Object> sentBack = sentBack();
        LocalDate due = LocalDate.of(2027, 1, 20);
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(sentBack)
                .when(new AssignReviewersCommand(PROJECT, List.of(new ReviewerAssignment("expert.three", List.of()),
                        new ReviewerAssignment(EXPERT_TWO, List.of())), due))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("Reviewer " + EXPERT_TWO + " already reviewed this file"));
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(sentBack)
                .when(new AssignReviewersCommand(PROJECT, List.of(new ReviewerAssignment("expert.three", List.of()),
                        new ReviewerAssignment("expert.four", List.of())), due))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReviewersAssignedEvent(PROJECT, List.of("expert.three", "expert.four"), due));
    }

    @Test
    void a_second_refusal_after_a_redress_is_final() {
        List<Object> history = sentBack();
        history.add(new ReviewersAssignedEvent(PROJECT, List.of("expert.three", "expert.four"), LocalDate.of(2027, 1, 20)));
        history.add(new ReviewRecordedEvent(PROJECT, "expert.three", 8, Recommendation.REFUSE, "Weak"));
        history.add(new ReviewRecordedEvent(PROJECT, "expert.four", 9, Recommendation.REFUSE, "Weak"));
        history.add(new LabelRefusedEvent(PROJECT, "Still weak", new BigDecimal("8.50")));
        history.add(new ConclusionsCommunicatedEvent(PROJECT, CARRIER, false, "Still weak", List.of(), null));
        fixtureAt(WITHIN).givenCurrentTime(COMMUNICATED_AT).andGiven(history)
                .when(new ContestRefusalCommand(PROJECT, List.of(CARRIER), "Again"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("the refusal is final"));
        fixtureAt(AFTER).givenCurrentTime(COMMUNICATED_AT).andGiven(history)
                .when(new CloseRedressPeriodCommand(PROJECT))
                .expectNoEvents();
    }

    // ------------------------------------------------------------------ histories

    private static List<Object> underReviewReviewed() {
        List<Object> events = new ArrayList<>();
        events.add(new IdeaSubmittedEvent(PROJECT, "Smart grid twin", "A digital twin of the regional grid", "Energy",
                ConfidentialityLevel.RESTRICTED, CARRIER, "Acme Grid", OrganisationKind.SME, new BigDecimal("120000.00")));
        events.add(new PartnerInvitedEvent(PROJECT, COMPANY, "Beta Industries", OrganisationKind.LARGE_COMPANY));
        events.add(new PartnerJoinedEvent(PROJECT, COMPANY, "Demonstrator", new BigDecimal("80000.50")));
        events.add(new NdaSignedEvent(PROJECT, COMPANY, "bob@beta"));
        events.add(new PartnerInvitedEvent(PROJECT, LAB, "Lab of Grids", OrganisationKind.RESEARCH_LAB));
        events.add(new PartnerJoinedEvent(PROJECT, LAB, "Grid models", new BigDecimal("45000.00")));
        events.add(new NdaSignedEvent(PROJECT, LAB, "carla@lab"));
        events.add(new ProjectSubmittedForLabellingEvent(PROJECT, 2, 1, OrganisationKind.SME, new BigDecimal("245000.50")));
        events.add(new ReviewersAssignedEvent(PROJECT, List.of(EXPERT_ONE, EXPERT_TWO), LocalDate.of(2026, 11, 20)));
        events.add(new ReviewRecordedEvent(PROJECT, EXPERT_ONE, 9, Recommendation.REFUSE, "Thin market"));
        events.add(new ReviewRecordedEvent(PROJECT, EXPERT_TWO, 10, Recommendation.REFUSE, "Thin market"));
        return events;
    }

    private static List<Object> refusalCommunicated() {
        List<Object> events = underReviewReviewed();
        events.add(new LabelRefusedEvent(PROJECT, "No market evidence", new BigDecimal("9.50")));
        events.add(new ConclusionsCommunicatedEvent(PROJECT, CARRIER, false, "No market evidence", List.of(), null));
        return events;
    }

    private static List<Object> contested() {
        List<Object> events = refusalCommunicated();
        events.add(new RefusalContestedEvent(PROJECT, CARRIER, "The market study was ignored", REDRESS_DEADLINE));
        return events;
    }

    private static List<Object> sentBack() {
        List<Object> events = contested();
        events.add(new FileSentBackForReviewEvent(PROJECT, CARRIER, "Fresh look", List.of(EXPERT_ONE, EXPERT_TWO)));
        return events;
    }

}
