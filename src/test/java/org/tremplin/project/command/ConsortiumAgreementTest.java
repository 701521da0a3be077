package org.tremplin.project.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.project.api.BackgroundAccess;
import org.tremplin.project.api.CheckConsortiumAgreementSignedCommand;
import org.tremplin.project.api.ConsortiumAgreementDraftedEvent;
import org.tremplin.project.api.ConsortiumAgreementFullySignedEvent;
import org.tremplin.project.api.ConsortiumAgreementSignedEvent;
import org.tremplin.project.api.ConsortiumAgreementTermsChangedEvent;
import org.tremplin.project.api.ExploitationRight;
import org.tremplin.project.api.PartnerAgreementTerms;
import org.tremplin.project.api.SetConsortiumAgreementTermsCommand;
import org.tremplin.project.api.SignConsortiumAgreementCommand;
import org.tremplin.shared.DomainException;

import java.util.List;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** Fixtures of the consortium agreement: every command and every refusal. */
class ConsortiumAgreementTest {

    private static final String PROJECT = "PRJ-1";
    private static final String ID = SetConsortiumAgreementTermsCommand.idOf(PROJECT);
    private static final String CARRIER = "ORG-CARRIER";
    private static final String LAB = "ORG-LAB";
    private static final String SME = "ORG-SME";
    private static final List<String> MEMBERS = List.of(CARRIER, LAB);

    private AggregateTestFixture<ConsortiumAgreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ConsortiumAgreement.class);
    }

    private static PartnerAgreementTerms terms(String organisation, int share, ExploitationRight... rights) {
        return new PartnerAgreementTerms(organisation, share, List.of(rights), BackgroundAccess.FAIR_CONDITIONS, 5);
    }

    private static List<PartnerAgreementTerms> split() {
        return List.of(terms(CARRIER, 6000, new ExploitationRight("photonics sensors", "Europe", true)),
                terms(LAB, 4000, new ExploitationRight("academic research", "World", false)));
    }

    private static SetConsortiumAgreementTermsCommand set(List<PartnerAgreementTerms> partners) {
        return new SetConsortiumAgreementTermsCommand(ID, PROJECT, "standard", 1, MEMBERS, partners, "paul");
    }

    private static ConsortiumAgreementDraftedEvent drafted() {
        return new ConsortiumAgreementDraftedEvent(ID, PROJECT, "standard", 1, 1, split(), "paul");
    }

    private static ConsortiumAgreementSignedEvent signed(String organisation, int version) {
        return new ConsortiumAgreementSignedEvent(ID, PROJECT, organisation, version, "user-" + organisation);
    }

    private static SignConsortiumAgreementCommand sign(String organisation, int version) {
        return new SignConsortiumAgreementCommand(ID, organisation, version, "user-" + organisation, MEMBERS);
    }

    @Test
    void staff_or_the_carrier_draft_the_agreement_from_a_model_version() {
        fixture.givenNoPriorActivity()
                .when(set(split()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(drafted());
    }

    @Test
    void shares_that_do_not_sum_to_100_percent_are_refused() {
        fixture.givenNoPriorActivity()
                .when(set(List.of(terms(CARRIER, 6000), terms(LAB, 3950))))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("sum to 99.5 %, not 100 %"));
    }

    @Test
    void an_organisation_outside_the_consortium_is_refused() {
        fixture.givenNoPriorActivity()
                .when(set(List.of(terms(CARRIER, 5000), terms(SME, 5000))))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString(SME + " is not a member of the consortium"));
    }

    @Test
    void a_partner_stated_twice_is_refused() {
        fixture.givenNoPriorActivity()
                .when(set(List.of(terms(CARRIER, 5000), terms(CARRIER, 5000))))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("appears twice"));
    }

    @Test
    void two_exclusive_rights_on_the_same_field_and_territory_are_refused_with_the_reason() {
        fixture.givenNoPriorActivity()
                .when(set(List.of(terms(CARRIER, 5000, new ExploitationRight("Photonics sensors", "Europe", true)),
                        terms(LAB, 5000, new ExploitationRight("photonics sensors", "europe", true)))))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(allOf(containsString(CARRIER + " exploits 'photonics sensors' in 'europe' exclusively"),
                        containsString(LAB + " cannot also hold an exclusive right there")));
    }

    @Test
    void an_exclusive_right_where_another_partner_already_holds_one_is_refused() {
        fixture.givenNoPriorActivity()
                .when(set(List.of(terms(CARRIER, 5000, new ExploitationRight("sensors", "France", false)),
                        terms(LAB, 5000, new ExploitationRight("sensors", "France", true)))))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString(LAB + " cannot exploit 'sensors' in 'France' exclusively: "
                        + CARRIER + " already holds a right there"));
    }

    @Test
    void exclusive_rights_on_different_territories_are_fine() {
        List<PartnerAgreementTerms> partners = List.of(
                terms(CARRIER, 5000, new ExploitationRight("sensors", "France", true)),
                terms(LAB, 5000, new ExploitationRight("sensors", "Germany", true)));
        fixture.givenNoPriorActivity()
                .when(set(partners))
                .expectEvents(new ConsortiumAgreementDraftedEvent(ID, PROJECT, "standard", 1, 1, partners, "paul"));
    }

    @Test
    void a_confidentiality_period_out_of_range_is_refused() {
        fixture.givenNoPriorActivity()
                .when(set(List.of(new PartnerAgreementTerms(CARRIER, 10000, List.of(), BackgroundAccess.FREE, 31))))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("confidentialityYears: between 0 and 30"));
    }

    @Test
    void a_member_signs_the_current_version() {
        fixture.given(drafted())
                .when(sign(CARRIER, 1))
                .expectEvents(signed(CARRIER, 1));
    }

    @Test
    void the_last_signature_makes_the_agreement_fully_signed() {
        fixture.given(drafted(), signed(CARRIER, 1))
                .when(sign(LAB, 1))
                .expectEvents(signed(LAB, 1), new ConsortiumAgreementFullySignedEvent(ID, PROJECT, 1, List.of(CARRIER, LAB)));
    }

    @Test
    void signing_twice_is_a_conflict() {
        fixture.given(drafted(), signed(CARRIER, 1))
                .when(sign(CARRIER, 1))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString(CARRIER + " already signed version 1"));
    }

    @Test
    void signing_an_outdated_version_is_refused() {
        fixture.given(drafted(), new ConsortiumAgreementTermsChangedEvent(ID, PROJECT, "standard", 1, 2, split(), "paul",
                        List.of()))
                .when(sign(CARRIER, 1))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("Version 1 of the consortium agreement of PRJ-1 was replaced by version 2"));
    }

    @Test
    void a_non_member_cannot_sign() {
        fixture.given(drafted())
                .when(new SignConsortiumAgreementCommand(ID, SME, 1, "sam", MEMBERS))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString(SME + " is not a member of the consortium"));
    }

    @Test
    void nobody_signs_while_a_member_is_missing_from_the_terms() {
        fixture.given(drafted())
                .when(new SignConsortiumAgreementCommand(ID, CARRIER, 1, "sophie", List.of(CARRIER, LAB, SME)))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("does not state the terms of " + SME));
    }

    @Test
    void a_change_after_a_signature_is_a_new_version_and_reopens_signing() {
        List<PartnerAgreementTerms> changed = List.of(terms(CARRIER, 5000), terms(LAB, 5000));
        fixture.given(drafted(), signed(CARRIER, 1))
                .when(set(changed))
                .expectEvents(new ConsortiumAgreementTermsChangedEvent(ID, PROJECT, "standard", 1, 2, changed, "paul",
                        List.of(CARRIER)));
    }

    @Test
    void after_a_change_an_earlier_signature_no_longer_counts() {
        List<PartnerAgreementTerms> changed = List.of(terms(CARRIER, 5000), terms(LAB, 5000));
        fixture.given(drafted(), signed(CARRIER, 1), new ConsortiumAgreementTermsChangedEvent(ID, PROJECT, "standard",
                        1, 2, changed, "paul", List.of(CARRIER)))
                .when(sign(LAB, 2))
                .expectEvents(signed(LAB, 2));
    }

    @Test
    void the_gate_names_the_missing_signatures() {
        fixture.given(drafted(), signed(CARRIER, 1))
                .when(new CheckConsortiumAgreementSignedCommand(ID, PROJECT, MEMBERS, java.util.Map.of(LAB, "Lab One"), "labelling"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(allOf(containsString("before labelling"),
                        containsString("lacks the signatures of Lab One (" + LAB + ")")));
    }

    @Test
    void the_gate_without_any_agreement_names_every_member() {
        fixture.givenNoPriorActivity()
                .when(new CheckConsortiumAgreementSignedCommand(ID, PROJECT, MEMBERS, java.util.Map.of(LAB, "Lab One"), "labelling"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("has none yet: signatures missing from " + CARRIER + ", Lab One (" + LAB + ")"));
    }

    @Test
    void the_gate_names_a_member_who_joined_after_the_signatures() {
        fixture.given(drafted(), signed(CARRIER, 1), signed(LAB, 1),
                        new ConsortiumAgreementFullySignedEvent(ID, PROJECT, 1, MEMBERS))
                .when(new CheckConsortiumAgreementSignedCommand(ID, PROJECT, List.of(CARRIER, LAB, SME), java.util.Map.of(), "labelling"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("lacks the signatures of " + SME));
    }

    @Test
    void the_gate_passes_once_every_member_signed_and_records_nothing() {
        fixture.given(drafted(), signed(CARRIER, 1), signed(LAB, 1),
                        new ConsortiumAgreementFullySignedEvent(ID, PROJECT, 1, MEMBERS))
                .when(new CheckConsortiumAgreementSignedCommand(ID, PROJECT, MEMBERS, java.util.Map.of(LAB, "Lab One"), "labelling"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
