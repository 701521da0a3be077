package org.tremplin.project.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.project.api.ModelAgreementPublishedEvent;
import org.tremplin.project.api.PublishModelAgreementCommand;
import org.tremplin.shared.DomainException;

import static org.hamcrest.Matchers.containsString;

class ModelAgreementTest {

    private AggregateTestFixture<ModelAgreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ModelAgreement.class);
    }

    private static ModelAgreementPublishedEvent published(int version) {
        return new ModelAgreementPublishedEvent("standard", version, "Standard agreement", "Clauses v" + version, 5, "paul");
    }

    @Test
    void staff_publish_the_first_version() {
        fixture.givenNoPriorActivity()
                .when(new PublishModelAgreementCommand("standard", 1, "Standard agreement", "Clauses v1", 5, "paul"))
                .expectEvents(published(1));
    }

    @Test
    void a_new_version_is_the_next_number() {
        fixture.given(published(1))
                .when(new PublishModelAgreementCommand("standard", 2, "Standard agreement", "Clauses v2", 5, "paul"))
                .expectEvents(published(2));
    }

    @Test
    void a_version_that_is_not_the_next_is_a_conflict() {
        fixture.given(published(1), published(2))
                .when(new PublishModelAgreementCommand("standard", 2, "Standard agreement", "Clauses", 5, "paul"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("is at version 2; publish version 3, not 2"));
    }

    @Test
    void a_new_model_starts_at_version_1() {
        fixture.givenNoPriorActivity()
                .when(new PublishModelAgreementCommand("standard", 3, "Standard agreement", "Clauses", 5, "paul"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("the first version of model standard is 1"));
    }

    @Test
    void a_default_confidentiality_period_out_of_range_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new PublishModelAgreementCommand("standard", 1, "Standard agreement", "Clauses", 40, "paul"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("defaultConfidentialityYears"));
    }

    @Test
    void a_model_id_with_other_characters_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new PublishModelAgreementCommand("a b", 1, "Standard agreement", "Clauses", 5, "paul"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("modelId: letters, digits"));
    }
}
