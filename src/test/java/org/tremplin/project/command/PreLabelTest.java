package org.tremplin.project.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.project.api.ClosePreLabelRoundCommand;
import org.tremplin.project.api.GivePreLabelOpinionCommand;
import org.tremplin.project.api.PreLabelOpinion;
import org.tremplin.project.api.PreLabelOpinionGivenEvent;
import org.tremplin.project.api.PreLabelOrientation;
import org.tremplin.project.api.PreLabelOrientationComputedEvent;
import org.tremplin.project.api.PreLabelRequestedEvent;
import org.tremplin.project.api.PreLabelRoundClosedEvent;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.RecordPreLabelOrientationCommand;
import org.tremplin.project.api.RequestPreLabelCommand;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.hamcrest.Matchers.containsString;

/** The pre-label's rules (issue 13): one round at a time, before the labelling, an independent opinion with advice. */
class PreLabelTest {

    private static final String PROJECT = "PRJ-1";
    private static final String ID = RequestPreLabelCommand.idOf(PROJECT);
    private static final String CARRIER = "SIREN-552100554";
    private static final String PARTNER = "RNSR-200012345X";
    private static final PreLabelOrientation ORIENTATION = new PreLabelOrientation(LocalDate.of(2026, 12, 2),
            new BigDecimal("950000.50"), List.of());

    private AggregateTestFixture<PreLabel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PreLabel.class);
    }

    private static RequestPreLabelCommand request(ProjectStatus status) {
        return new RequestPreLabelCommand(ID, PROJECT, status, CARRIER, "sophie", "Is our market case strong enough?");
    }

    private static PreLabelRequestedEvent requested(int round) {
        return new PreLabelRequestedEvent(ID, PROJECT, round, CARRIER, "sophie", "Is our market case strong enough?");
    }

    private static GivePreLabelOpinionCommand opinion(PreLabelOpinion opinion, String advice, List<String> changes,
                                                      List<String> expertOrganisations) {
        return new GivePreLabelOpinionCommand(ID, opinion, advice, changes, "expert.one", expertOrganisations,
                List.of(CARRIER, PARTNER));
    }

    private static PreLabelOpinionGivenEvent answered(int round) {
        return new PreLabelOpinionGivenEvent(ID, PROJECT, round, PreLabelOpinion.GO_WITH_CHANGES, "Promising.",
                List.of("Add an end user", "Quantify the market"), "expert.one");
    }

    @Test
    void the_carrier_asks_while_the_consortium_is_being_built() {
        fixture.givenNoPriorActivity()
                .when(request(ProjectStatus.CONSORTIUM_BUILDING))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(1)
                .expectEvents(requested(1));
    }

    @Test
    void a_second_request_while_one_is_pending_is_refused() {
        fixture.given(requested(1))
                .when(request(ProjectStatus.CONSORTIUM_BUILDING))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("already pending (round 1, asked by sophie)"));
    }

    @Test
    void a_new_round_may_be_asked_once_the_previous_one_is_answered() {
        fixture.given(requested(1), answered(1))
                .when(request(ProjectStatus.CONSORTIUM_BUILDING))
                .expectResultMessagePayload(2)
                .expectEvents(requested(2));
    }

    @Test
    void a_request_once_the_labelling_started_is_refused() {
        for (ProjectStatus status : List.of(ProjectStatus.AWAITING_REVIEWERS, ProjectStatus.UNDER_REVIEW,
                ProjectStatus.LABEL_GRANTED, ProjectStatus.ABANDONED)) {
            fixture.given(requested(1), answered(1))
                    .when(request(status))
                    .expectNoEvents()
                    .expectException(DomainException.class)
                    .expectExceptionMessage(containsString("is " + status + ": a pre-label is asked while the consortium"));
        }
    }

    @Test
    void an_id_not_derived_from_the_project_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RequestPreLabelCommand("PRELABEL-X", PROJECT, ProjectStatus.CONSORTIUM_BUILDING, CARRIER,
                        "sophie", null))
                .expectNoEvents()
                .expectExceptionMessage(containsString("preLabelId must be PRELABEL-PRJ-1"));
    }

    @Test
    void the_orientation_is_kept_with_the_pending_round_once() {
        fixture.given(requested(1))
                .when(new RecordPreLabelOrientationCommand(ID, 1, ORIENTATION))
                .expectEvents(new PreLabelOrientationComputedEvent(ID, PROJECT, 1, ORIENTATION));
        fixture.given(requested(1), new PreLabelOrientationComputedEvent(ID, PROJECT, 1, ORIENTATION))
                .when(new RecordPreLabelOrientationCommand(ID, 1, ORIENTATION))
                .expectNoEvents()
                .expectExceptionMessage(containsString("already kept"));
        fixture.given(requested(1), answered(1))
                .when(new RecordPreLabelOrientationCommand(ID, 1, ORIENTATION))
                .expectNoEvents()
                .expectExceptionMessage(containsString("Round 1 of " + ID + " is not pending"));
    }

    @Test
    void an_opinion_with_advice_answers_the_round() {
        fixture.given(requested(1))
                .when(opinion(PreLabelOpinion.GO_WITH_CHANGES, "Promising.", List.of(" Add an end user ", "",
                        "Quantify the market"), List.of("SIREN-999999999")))
                .expectEvents(answered(1));
        fixture.given(requested(1))
                .when(opinion(PreLabelOpinion.NOT_YET, "Come back with a lab.", null, List.of()))
                .expectEvents(new PreLabelOpinionGivenEvent(ID, PROJECT, 1, PreLabelOpinion.NOT_YET,
                        "Come back with a lab.", List.of(), "expert.one"));
    }

    @Test
    void an_opinion_without_advice_is_refused() {
        fixture.given(requested(1))
                .when(opinion(PreLabelOpinion.GO, "  ", List.of(), List.of()))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("advice"));
        fixture.given(requested(1))
                .when(opinion(null, "Fine.", List.of(), List.of()))
                .expectNoEvents()
                .expectExceptionMessage(containsString("opinion"));
    }

    @Test
    void go_with_changes_must_list_them_and_only_it_lists_changes() {
        fixture.given(requested(1))
                .when(opinion(PreLabelOpinion.GO_WITH_CHANGES, "Promising.", List.of(" "), List.of()))
                .expectNoEvents()
                .expectExceptionMessage(containsString("list the changes required"));
        fixture.given(requested(1))
                .when(opinion(PreLabelOpinion.GO, "Ready.", List.of("Add an end user"), List.of()))
                .expectNoEvents()
                .expectExceptionMessage(containsString("only a GO_WITH_CHANGES opinion lists required changes"));
    }

    @Test
    void an_expert_acting_for_a_consortium_member_is_refused() {
        fixture.given(requested(1))
                .when(opinion(PreLabelOpinion.GO, "Ready.", List.of(), List.of(PARTNER)))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("acts for " + PARTNER + ", a member of this consortium"));
        // the carrier is a member even when the step's list misses it
        fixture.given(requested(1))
                .when(new GivePreLabelOpinionCommand(ID, PreLabelOpinion.GO, "Ready.", List.of(), "expert.one",
                        List.of(CARRIER), List.of()))
                .expectNoEvents()
                .expectExceptionMessage(containsString("acts for " + CARRIER));
    }

    @Test
    void no_opinion_without_a_pending_round() {
        fixture.givenNoPriorActivity()
                .when(opinion(PreLabelOpinion.GO, "Ready.", List.of(), List.of()))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
        fixture.given(requested(1), answered(1))
                .when(opinion(PreLabelOpinion.GO, "Ready.", List.of(), List.of()))
                .expectNoEvents()
                .expectExceptionMessage(containsString("No pre-label of PRJ-1 is pending (round 1 is answered)"));
    }

    // ---------------------------------------------------------------- closed when the project is abandoned

    private static final String ABANDONED = "Project abandoned: The market moved on.";

    @Test
    void a_pending_round_is_closed_without_an_opinion() {
        fixture.given(requested(1), answered(1), requested(2),
                        new PreLabelOrientationComputedEvent(ID, PROJECT, 2, ORIENTATION))
                .when(new ClosePreLabelRoundCommand(ID, ABANDONED, "sophie"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PreLabelRoundClosedEvent(ID, PROJECT, 2, ABANDONED, "sophie"));
    }

    @Test
    void closing_is_refused_when_no_round_is_pending() {
        fixture.given(requested(1), answered(1))
                .when(new ClosePreLabelRoundCommand(ID, ABANDONED, "sophie"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("No pre-label of PRJ-1 is pending (round 1 is over)"));
    }

    @Test
    void a_closed_round_takes_no_opinion_nor_a_second_closing() {
        PreLabelRoundClosedEvent closed = new PreLabelRoundClosedEvent(ID, PROJECT, 1, ABANDONED, "sophie");
        fixture.given(requested(1), closed)
                .when(opinion(PreLabelOpinion.GO, "Fine.", List.of(), List.of()))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("No pre-label of PRJ-1 is pending"));
        fixture.given(requested(1), closed)
                .when(new ClosePreLabelRoundCommand(ID, ABANDONED, "sophie"))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void closing_needs_a_reason() {
        fixture.given(requested(1))
                .when(new ClosePreLabelRoundCommand(ID, " ", "sophie"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("reason"));
    }
}
