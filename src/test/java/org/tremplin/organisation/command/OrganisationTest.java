package org.tremplin.organisation.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.organisation.api.AddOrganisationMemberCommand;
import org.tremplin.organisation.api.AssignSmeReferentCommand;
import org.tremplin.organisation.api.OrganisationImportedEvent;
import org.tremplin.organisation.api.SmeReferentAssignedEvent;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationMemberAddedEvent;
import org.tremplin.organisation.api.OrganisationRegisteredEvent;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.shared.DomainException;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.tremplin.shared.DomainException.Kind.CONFLICT;
import static org.tremplin.shared.DomainException.Kind.INVALID_INPUT;

class OrganisationTest {

    /** 552100554 passes the Luhn check (digit sum 20); 552100555 does not. */
    private static final String SIREN = "552100554";
    private static final String ORG_ID = "SIREN-" + SIREN;

    private AggregateTestFixture<Organisation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organisation.class);
    }

    // ------------------------------------------------------------------ register

    @Test
    void a_company_registers_with_a_valid_siren() {
        fixture.givenNoPriorActivity()
                .when(register(ORG_ID, SIREN, 42, List.of("ai", "robotics")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(List.of("ai", "robotics")));
    }

    @Test
    void declared_competences_are_normalised_to_lower_case_and_de_duplicated() {
        fixture.givenNoPriorActivity()
                .when(register(ORG_ID, SIREN, 42, List.of(" Machine Learning ", "ROBOTICS", "machine learning", "robotics", "AI")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(List.of("machine learning", "robotics", "ai")));
    }

    @Test
    void an_organisation_may_declare_no_competences() {
        fixture.givenNoPriorActivity()
                .when(register(ORG_ID, SIREN, 42, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(List.of()));
    }

    @Test
    void a_research_lab_registers_with_its_rnsr() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisationCommand("RNSR-200012345X", "Lab of Grids", NationalIdScheme.RNSR, "200012345X",
                        OrganisationKind.RESEARCH_LAB, 120, "Occitanie", List.of("power systems")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrganisationRegisteredEvent("RNSR-200012345X", "Lab of Grids", NationalIdScheme.RNSR,
                        "200012345X", OrganisationKind.RESEARCH_LAB, 120, "Occitanie", List.of("power systems")));
    }

    @Test
    void slashes_in_another_scheme_id_become_dashes_in_the_organisation_id() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisationCommand("OTHER-ANR-2024-17", "Foreign Partner", NationalIdScheme.OTHER, "ANR/2024-17",
                        OrganisationKind.OTHER, 5, "Abroad", List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrganisationRegisteredEvent("OTHER-ANR-2024-17", "Foreign Partner", NationalIdScheme.OTHER,
                        "ANR/2024-17", OrganisationKind.OTHER, 5, "Abroad", List.of()));
    }

    @Test
    void an_organisation_cannot_be_registered_twice_for_the_same_national_id() {
        fixture.given(registered(List.of("ai")))
                .when(register(ORG_ID, SIREN, 42, List.of("ai")))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("is already registered (Acme Grid)"));
    }

    @Test
    void a_siren_failing_its_check_digit_is_refused() {
        fixture.givenNoPriorActivity()
                .when(register("SIREN-552100555", "552100555", 42, List.of()))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("this SIREN fails its check digit"));
    }

    @Test
    void a_siren_that_is_not_nine_digits_is_refused() {
        fixture.givenNoPriorActivity()
                .when(register("SIREN-55210055", "55210055", 42, List.of()))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("a SIREN must be nine digits"));
    }

    @Test
    void the_organisation_id_must_be_derived_from_the_national_id() {
        fixture.givenNoPriorActivity()
                .when(register("ORG-1", SIREN, 42, List.of()))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("organisationId must be derived from the national id: " + ORG_ID));
    }

    @Test
    void a_negative_headcount_is_refused() {
        fixture.givenNoPriorActivity()
                .when(register(ORG_ID, SIREN, -1, List.of()))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("headcount must be between 0 and 2,000,000 (got -1)"));
    }

    @Test
    void a_blank_name_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisationCommand(ORG_ID, "  ", NationalIdScheme.SIREN, SIREN, OrganisationKind.SME, 42,
                        "Occitanie", List.of()))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("name is required"));
    }

    @Test
    void an_organisation_without_a_kind_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisationCommand(ORG_ID, "Acme Grid", NationalIdScheme.SIREN, SIREN, null, 42,
                        "Occitanie", List.of()))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("kind is required"));
    }

    @Test
    void more_than_fifty_distinct_competences_are_refused() {
        List<String> competences = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            competences.add("competence " + i);
        }
        fixture.givenNoPriorActivity()
                .when(register(ORG_ID, SIREN, 42, competences))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("at most 50 competences may be declared (got 51)"));
    }

    // ------------------------------------------------------------------ members

    @Test
    void a_user_is_added_as_a_member_of_the_organisation() {
        fixture.given(registered(List.of()))
                .when(new AddOrganisationMemberCommand(ORG_ID, "alice.martin@acme"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrganisationMemberAddedEvent(ORG_ID, "alice.martin@acme"));
    }

    @Test
    void a_member_user_id_is_trimmed() {
        fixture.given(registered(List.of()))
                .when(new AddOrganisationMemberCommand(ORG_ID, "  alice  "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrganisationMemberAddedEvent(ORG_ID, "alice"));
    }

    @Test
    void the_same_user_cannot_be_added_twice() {
        fixture.given(registered(List.of()), new OrganisationMemberAddedEvent(ORG_ID, "alice"))
                .when(new AddOrganisationMemberCommand(ORG_ID, "alice"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("User alice already acts for Acme Grid"));
    }

    @Test
    void a_user_id_with_forbidden_characters_is_refused() {
        fixture.given(registered(List.of()))
                .when(new AddOrganisationMemberCommand(ORG_ID, "alice martin"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("userId may contain only letters, digits"));
    }

    @Test
    void a_blank_user_id_is_refused() {
        fixture.given(registered(List.of()))
                .when(new AddOrganisationMemberCommand(ORG_ID, " "))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("userId is required"));
    }

    // ------------------------------------------------------------------ SME referent

    @Test
    void an_sme_gets_a_referent_among_pole_staff() {
        fixture.given(registered(List.of()))
                .when(new AssignSmeReferentCommand(ORG_ID, " paul ", true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SmeReferentAssignedEvent(ORG_ID, "paul", null));
    }

    @Test
    void a_change_of_referent_names_the_previous_one() {
        fixture.given(registered(List.of()), new SmeReferentAssignedEvent(ORG_ID, "paul", null))
                .when(new AssignSmeReferentCommand(ORG_ID, "sophie", true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SmeReferentAssignedEvent(ORG_ID, "sophie", "paul"));
    }

    @Test
    void naming_the_current_referent_again_is_refused() {
        fixture.given(registered(List.of()), new SmeReferentAssignedEvent(ORG_ID, "paul", null))
                .when(new AssignSmeReferentCommand(ORG_ID, "paul", true))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("paul is already the referent of Acme Grid"));
    }

    @Test
    void a_referent_outside_pole_staff_is_refused() {
        fixture.given(registered(List.of()))
                .when(new AssignSmeReferentCommand(ORG_ID, "alice", false))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("alice is not in pole staff"));
    }

    @Test
    void an_organisation_that_is_not_an_sme_gets_no_referent() {
        fixture.given(new OrganisationRegisteredEvent(ORG_ID, "Acme Grid", NationalIdScheme.SIREN, SIREN,
                        OrganisationKind.LARGE_COMPANY, 6000, "Occitanie", List.of()))
                .when(new AssignSmeReferentCommand(ORG_ID, "paul", true))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("Acme Grid is not an SME (LARGE_COMPANY)"));
    }

    @Test
    void an_imported_organisation_is_never_an_sme_and_gets_no_referent() {
        fixture.given(new OrganisationImportedEvent("OTHER-P1", "Lab One", NationalIdScheme.OTHER, "P1",
                        OrganisationKind.COMPANY, null, null, null, null, "RUN-1", "anr.csv", 2))
                .when(new AssignSmeReferentCommand("OTHER-P1", "paul", true))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("only SMEs get a referent"));
    }

    @Test
    void a_blank_referent_is_refused() {
        fixture.given(registered(List.of()))
                .when(new AssignSmeReferentCommand(ORG_ID, " ", true))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("referentUserId is required"));
    }

    // ------------------------------------------------------------------ helpers

    private static RegisterOrganisationCommand register(String organisationId, String siren, int headcount,
                                                        List<String> competences) {
        return new RegisterOrganisationCommand(organisationId, "Acme Grid", NationalIdScheme.SIREN, siren,
                OrganisationKind.SME, headcount, "Occitanie", competences);
    }

    private static OrganisationRegisteredEvent registered(List<String> competences) {
        return new OrganisationRegisteredEvent(ORG_ID, "Acme Grid", NationalIdScheme.SIREN, SIREN, OrganisationKind.SME,
                42, "Occitanie", competences);
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
