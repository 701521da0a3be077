package org.tremplin.organisation.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.organisation.api.AddPartnerPoleUserCommand;
import org.tremplin.organisation.api.PartnerPoleRegisteredEvent;
import org.tremplin.organisation.api.PartnerPoleUserAddedEvent;
import org.tremplin.organisation.api.RegisterPartnerPoleCommand;
import org.tremplin.shared.DomainException;

import java.util.List;

import static org.hamcrest.Matchers.containsString;

/** A partner pole (co-labelling): registered once with valid details, then given users. */
class PartnerPoleTest {

    private static final String POLE = "POLE-AEROSPACE-VALLEY";
    private static final List<String> THEMES = List.of("Aeronautics", "Space");

    private AggregateTestFixture<PartnerPole> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PartnerPole.class);
    }

    private static PartnerPoleRegisteredEvent registered() {
        return new PartnerPoleRegisteredEvent(POLE, "Pôle Aerospace Valley", THEMES, "Valentin Garnier",
                "valentin@aerospace-valley.example");
    }

    @Test
    void registered_with_name_themes_and_contact() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerPoleCommand(POLE, " Pôle Aerospace Valley ", List.of("Aeronautics", "Space",
                        "Aeronautics"), "Valentin Garnier", "valentin@aerospace-valley.example"))
                .expectEvents(registered());
    }

    @Test
    void registered_once() {
        fixture.given(registered())
                .when(new RegisterPartnerPoleCommand(POLE, "Again", THEMES, "X", "x@example.org"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("already registered"));
    }

    @Test
    void an_id_that_is_not_pole_dash_something_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerPoleCommand("aerospace", "Pôle", THEMES, "X", "x@example.org"))
                .expectNoEvents().expectExceptionMessage(containsString("poleId must be POLE-"));
    }

    @Test
    void invalid_details_are_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerPoleCommand(POLE, "Pôle", List.of(), "X", "x@example.org"))
                .expectNoEvents().expectExceptionMessage(containsString("themes must not be empty"));
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerPoleCommand(POLE, "Pôle", THEMES, "X", "not-an-address"))
                .expectNoEvents().expectExceptionMessage(containsString("is not an e-mail address"));
    }

    @Test
    void a_user_is_added_once() {
        fixture.given(registered())
                .when(new AddPartnerPoleUserCommand(POLE, "valentin"))
                .expectEvents(new PartnerPoleUserAddedEvent(POLE, "valentin"));
        fixture.given(registered(), new PartnerPoleUserAddedEvent(POLE, "valentin"))
                .when(new AddPartnerPoleUserCommand(POLE, "valentin"))
                .expectNoEvents()
                .expectExceptionMessage(containsString("already acts for partner pole"));
    }
}
