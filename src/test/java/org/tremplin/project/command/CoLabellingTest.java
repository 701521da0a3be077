package org.tremplin.project.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.project.api.CoLabelGrantedEvent;
import org.tremplin.project.api.CoLabelRefusedEvent;
import org.tremplin.project.api.CoLabelRequestWithdrawnEvent;
import org.tremplin.project.api.CoLabelRequestedEvent;
import org.tremplin.project.api.DecideCoLabelCommand;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.RequestCoLabelCommand;
import org.tremplin.project.api.WithdrawCoLabelRequestCommand;
import org.tremplin.shared.DomainException;

import java.util.List;

import static org.hamcrest.Matchers.containsString;

/** The co-labelling by one partner pole: every command, every refusal (which stores nothing). */
class CoLabellingTest {

    private static final String PROJECT = "PRJ-1";
    private static final String POLE = "POLE-AEROSPACE-VALLEY";
    private static final String POLE_NAME = "Pôle Aerospace Valley";
    private static final String ID = RequestCoLabelCommand.idOf(PROJECT, POLE);

    private AggregateTestFixture<CoLabelling> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CoLabelling.class);
    }

    private static RequestCoLabelCommand request(ProjectStatus status) {
        return new RequestCoLabelCommand(ID, PROJECT, status, POLE, POLE_NAME, "sophie", "Spans aeronautics too");
    }

    private static CoLabelRequestedEvent requested() {
        return new CoLabelRequestedEvent(ID, PROJECT, POLE, POLE_NAME, "sophie", "Spans aeronautics too");
    }

    /** A refusal of that kind (its HTTP status). */
    private static Matcher<DomainException> kind(DomainException.Kind kind) {
        return new CustomTypeSafeMatcher<>("a DomainException of kind " + kind) {
            @Override
            protected boolean matchesSafely(DomainException exception) {
                return exception.kind() == kind;
            }
        };
    }

    @Test
    void asked_once_the_project_is_submitted_for_labelling_or_labelled() {
        for (ProjectStatus status : List.of(ProjectStatus.AWAITING_REVIEWERS, ProjectStatus.UNDER_REVIEW,
                ProjectStatus.LABEL_GRANTED, ProjectStatus.FUNDING, ProjectStatus.IN_RESEARCH)) {
            fixture.givenNoPriorActivity()
                    .when(request(status))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(requested());
        }
    }

    @Test
    void not_asked_before_submission_nor_after_a_refusal_an_abandonment_or_the_end() {
        for (ProjectStatus status : List.of(ProjectStatus.CONSORTIUM_BUILDING, ProjectStatus.LABEL_REFUSED,
                ProjectStatus.ABANDONED, ProjectStatus.CLOSED)) {
            fixture.givenNoPriorActivity()
                    .when(request(status))
                    .expectNoEvents()
                    .expectException(DomainException.class)
                    .expectExceptionMessage(containsString("is " + status + ": a partner pole is asked"));
        }
    }

    @Test
    void an_unknown_pole_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RequestCoLabelCommand(ID, PROJECT, ProjectStatus.UNDER_REVIEW, POLE, null, "sophie", null))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(kind(DomainException.Kind.RULE_VIOLATED))
                .expectExceptionMessage(containsString("no partner pole " + POLE + "; pole staff register it first"));
    }

    @Test
    void the_same_pole_asked_twice_while_pending_is_a_conflict() {
        fixture.given(requested())
                .when(request(ProjectStatus.UNDER_REVIEW))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(kind(DomainException.Kind.CONFLICT))
                .expectExceptionMessage(containsString("already asked for its label on PRJ-1 and has not decided yet"));
    }

    @Test
    void a_pole_that_granted_its_label_is_not_asked_again() {
        fixture.given(requested(), new CoLabelGrantedEvent(ID, PROJECT, POLE, "valentin", "Fits our roadmap"))
                .when(request(ProjectStatus.LABEL_GRANTED))
                .expectNoEvents()
                .expectExceptionMessage(containsString("already granted its label"));
    }

    @Test
    void a_pole_is_asked_again_after_a_refusal_or_a_withdrawal() {
        fixture.given(requested(), new CoLabelRefusedEvent(ID, PROJECT, POLE, "valentin", "Out of our themes"))
                .when(request(ProjectStatus.LABEL_GRANTED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested());
        fixture.given(requested(), new CoLabelRequestWithdrawnEvent(ID, PROJECT, POLE, "sophie", "Too early"))
                .when(request(ProjectStatus.UNDER_REVIEW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested());
    }

    @Test
    void an_id_that_is_not_the_project_and_pole_s_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RequestCoLabelCommand("COLABEL-X", PROJECT, ProjectStatus.UNDER_REVIEW, POLE, POLE_NAME,
                        "sophie", null))
                .expectNoEvents()
                .expectExceptionMessage(containsString("coLabelId must be " + ID));
    }

    @Test
    void a_user_of_the_pole_grants_or_refuses_with_conclusions() {
        fixture.given(requested())
                .when(new DecideCoLabelCommand(ID, true, "Fits our roadmap", "valentin", List.of(POLE)))
                .expectEvents(new CoLabelGrantedEvent(ID, PROJECT, POLE, "valentin", "Fits our roadmap"));
        fixture.given(requested())
                .when(new DecideCoLabelCommand(ID, false, "Out of our themes", "valentin", List.of("POLE-OTHER", POLE)))
                .expectEvents(new CoLabelRefusedEvent(ID, PROJECT, POLE, "valentin", "Out of our themes"));
    }

    @Test
    void a_user_of_another_pole_cannot_decide() {
        fixture.given(requested())
                .when(new DecideCoLabelCommand(ID, true, "We like it", "mallory", List.of("POLE-OTHER")))
                .expectNoEvents()
                .expectException(kind(DomainException.Kind.FORBIDDEN))
                .expectExceptionMessage(containsString("You do not act for partner pole " + POLE));
        fixture.given(requested())
                .when(new DecideCoLabelCommand(ID, true, "We like it", "carrier", List.of()))
                .expectNoEvents()
                .expectException(kind(DomainException.Kind.FORBIDDEN));
    }

    @Test
    void a_decision_needs_a_choice_and_conclusions() {
        fixture.given(requested())
                .when(new DecideCoLabelCommand(ID, null, "Fine", "valentin", List.of(POLE)))
                .expectNoEvents()
                .expectExceptionMessage(containsString("granted is required"));
        fixture.given(requested())
                .when(new DecideCoLabelCommand(ID, true, "  ", "valentin", List.of(POLE)))
                .expectNoEvents()
                .expectExceptionMessage(containsString("conclusions is required"));
        fixture.given(requested())
                .when(new DecideCoLabelCommand(ID, true, "x".repeat(4001), "valentin", List.of(POLE)))
                .expectNoEvents()
                .expectExceptionMessage(containsString("conclusions must be at most 4000 characters"));
    }

    @Test
    void a_decided_or_withdrawn_request_is_not_decided_again() {
        fixture.given(requested(), new CoLabelRefusedEvent(ID, PROJECT, POLE, "valentin", "No"))
                .when(new DecideCoLabelCommand(ID, true, "Changed our mind", "valentin", List.of(POLE)))
                .expectNoEvents()
                .expectException(kind(DomainException.Kind.CONFLICT));
        fixture.given(requested(), new CoLabelRequestWithdrawnEvent(ID, PROJECT, POLE, "sophie", "Too early"))
                .when(new DecideCoLabelCommand(ID, true, "Yes", "valentin", List.of(POLE)))
                .expectNoEvents()
                .expectExceptionMessage(containsString("(it is WITHDRAWN)"));
    }

    @Test
    void a_pending_request_is_withdrawn_with_a_reason() {
        fixture.given(requested())
                .when(new WithdrawCoLabelRequestCommand(ID, "We will ask after the funding stage", "sophie"))
                .expectEvents(new CoLabelRequestWithdrawnEvent(ID, PROJECT, POLE, "sophie",
                        "We will ask after the funding stage"));
        fixture.given(requested())
                .when(new WithdrawCoLabelRequestCommand(ID, "", "sophie"))
                .expectNoEvents()
                .expectExceptionMessage(containsString("reason is required"));
        fixture.given(requested(), new CoLabelGrantedEvent(ID, PROJECT, POLE, "valentin", "Yes"))
                .when(new WithdrawCoLabelRequestCommand(ID, "Too late", "sophie"))
                .expectNoEvents()
                .expectExceptionMessage(containsString("only a pending request is withdrawn"));
    }
}
