package org.tremplin.organisation.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.organisation.api.DeclareReviewerBackgroundCommand;
import org.tremplin.organisation.api.ReviewerBackground;
import org.tremplin.organisation.api.ReviewerBackgroundDeclaredEvent;
import org.tremplin.shared.DomainException;

import static org.hamcrest.Matchers.containsString;

/** A reviewer's declared background (src/docs/review-panels.md): every command and refusal. */
class ReviewerProfileTest {

    private static final String RITA = "rita";
    private static final String PROFILE = DeclareReviewerBackgroundCommand.profileIdOf(RITA);

    private AggregateTestFixture<ReviewerProfile> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReviewerProfile.class);
    }

    private static DeclareReviewerBackgroundCommand declare(ReviewerBackground background, String organisation, String note) {
        return new DeclareReviewerBackgroundCommand(PROFILE, RITA, background, organisation, note, true, RITA);
    }

    @Test
    void a_reviewer_declares_its_background_first() {
        fixture.givenNoPriorActivity()
                .when(declare(ReviewerBackground.SME, "  Lynred ", "  "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReviewerBackgroundDeclaredEvent(RITA, ReviewerBackground.SME, "Lynred", null, null, RITA));
    }

    @Test
    void a_change_names_the_background_it_replaces_and_staff_may_declare_on_the_reviewers_behalf() {
        fixture.given(new ReviewerBackgroundDeclaredEvent(RITA, ReviewerBackground.SME, "Lynred", null, null, RITA))
                .when(new DeclareReviewerBackgroundCommand(PROFILE, RITA, ReviewerBackground.RESEARCH_LAB, "CNRS",
                        "Moved to a lab in 2026", true, "claire"))
                .expectEvents(new ReviewerBackgroundDeclaredEvent(RITA, ReviewerBackground.RESEARCH_LAB, "CNRS",
                        "Moved to a lab in 2026", ReviewerBackground.SME, "claire"));
    }

    @Test
    void a_new_note_alone_is_a_change() {
        fixture.given(new ReviewerBackgroundDeclaredEvent(RITA, ReviewerBackground.SME, "Lynred", null, null, RITA))
                .when(declare(ReviewerBackground.SME, "Lynred", "Infrared imaging"))
                .expectEvents(new ReviewerBackgroundDeclaredEvent(RITA, ReviewerBackground.SME, "Lynred",
                        "Infrared imaging", ReviewerBackground.SME, RITA));
    }

    @Test
    void declaring_exactly_the_same_again_is_a_conflict() {
        fixture.given(new ReviewerBackgroundDeclaredEvent(RITA, ReviewerBackground.SME, "Lynred", null, null, RITA))
                .when(declare(ReviewerBackground.SME, "Lynred", null))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("already declared exactly this background"));
    }

    @Test
    void only_a_reviewer_declares_a_background() {
        fixture.givenNoPriorActivity()
                .when(new DeclareReviewerBackgroundCommand(PROFILE, RITA, ReviewerBackground.SME, "Lynred", null, false, RITA))
                .expectNoEvents()
                .expectExceptionMessage(containsString("rita is not a reviewer"));
    }

    @Test
    void a_background_and_an_organisation_are_required() {
        fixture.givenNoPriorActivity().when(declare(null, "Lynred", null))
                .expectNoEvents().expectExceptionMessage(containsString("background is required"));
        fixture.givenNoPriorActivity().when(declare(ReviewerBackground.SME, " ", null))
                .expectNoEvents().expectExceptionMessage(containsString("organisationName is required"));
    }

    @Test
    void texts_have_their_limits() {
        fixture.givenNoPriorActivity().when(declare(ReviewerBackground.SME, "x".repeat(201), null))
                .expectNoEvents().expectExceptionMessage(containsString("organisationName must be at most 200"));
        fixture.givenNoPriorActivity().when(declare(ReviewerBackground.SME, "Lynred", "n".repeat(1001)))
                .expectNoEvents().expectExceptionMessage(containsString("note must be at most 1000"));
    }

    @Test
    void the_profile_id_must_be_the_reviewers() {
        fixture.givenNoPriorActivity()
                .when(new DeclareReviewerBackgroundCommand("REVIEWER-bob", RITA, ReviewerBackground.SME, "Lynred", null, true, RITA))
                .expectNoEvents()
                .expectExceptionMessage(containsString("profileId must be REVIEWER-rita"));
    }
}
