package org.tremplin.project.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.Roles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tremplin.project.api.ConfidentialityLevel.CONSORTIUM;
import static org.tremplin.project.api.ConfidentialityLevel.MEMBERS;
import static org.tremplin.project.api.ConfidentialityLevel.PUBLIC;
import static org.tremplin.project.api.ConfidentialityLevel.RESTRICTED;
import static org.tremplin.project.web.ProjectAccess.Level.FILE;
import static org.tremplin.project.web.ProjectAccess.Level.NONE;
import static org.tremplin.project.web.ProjectAccess.Level.SUMMARY;
import static org.tremplin.project.web.ProjectAccess.Relation.ASKED_POLE;
import static org.tremplin.project.web.ProjectAccess.Relation.AUDITOR;
import static org.tremplin.project.web.ProjectAccess.Relation.CARRIER;
import static org.tremplin.project.web.ProjectAccess.Relation.MEMBER;
import static org.tremplin.project.web.ProjectAccess.Relation.OTHER;
import static org.tremplin.project.web.ProjectAccess.Relation.PARTNER_POLE;
import static org.tremplin.project.web.ProjectAccess.Relation.PARTNER_WITHOUT_NDA;
import static org.tremplin.project.web.ProjectAccess.Relation.PARTNER_WITH_NDA;
import static org.tremplin.project.web.ProjectAccess.Relation.REVIEWER;
import static org.tremplin.project.web.ProjectAccess.Relation.STAFF;

/** The access table of ProjectAccess, without Spring: every relation at every confidentiality level. */
class ProjectAccessLevelTest {

    static Stream<Arguments> table() {
        return Stream.of(
                //            relation             PUBLIC  MEMBERS  CONSORTIUM  RESTRICTED
                row(STAFF,               FILE, FILE,    FILE,       FILE),
                row(AUDITOR,             FILE, FILE,    FILE,       FILE),
                row(REVIEWER,            FILE, FILE,    FILE,       FILE),
                row(CARRIER,             FILE, FILE,    FILE,       FILE),
                row(PARTNER_WITH_NDA,    FILE, FILE,    FILE,       FILE),
                row(PARTNER_WITHOUT_NDA, FILE, SUMMARY, SUMMARY,    NONE),
                row(MEMBER,              FILE, SUMMARY, NONE,       NONE),
                row(OTHER,               FILE, NONE,    NONE,       NONE),
                // a partner pole's user: the files its pole is asked to label, nothing else (not even PUBLIC ones)
                row(ASKED_POLE,          FILE, FILE,    FILE,       FILE),
                row(PARTNER_POLE,        NONE, NONE,    NONE,       NONE))
                .flatMap(List::stream);
    }

    private static List<Arguments> row(ProjectAccess.Relation relation, ProjectAccess.Level publicLevel,
                                       ProjectAccess.Level members, ProjectAccess.Level consortium,
                                       ProjectAccess.Level restricted) {
        return List.of(Arguments.of(relation, PUBLIC, publicLevel), Arguments.of(relation, MEMBERS, members),
                Arguments.of(relation, CONSORTIUM, consortium), Arguments.of(relation, RESTRICTED, restricted));
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @MethodSource("table")
    void the_access_table(ProjectAccess.Relation relation, ConfidentialityLevel confidentiality, ProjectAccess.Level expected) {
        assertThat(ProjectAccess.level(confidentiality, relation)).isEqualTo(expected);
    }

    @Test
    void the_table_covers_every_relation_and_level() {
        assertThat(table().count()).isEqualTo((long) ProjectAccess.Relation.values().length * ConfidentialityLevel.values().length);
        Set<ProjectAccess.Relation> relations = EnumSet.noneOf(ProjectAccess.Relation.class);
        table().forEach(arguments -> relations.add((ProjectAccess.Relation) arguments.get()[0]));
        assertThat(relations).containsExactlyInAnyOrder(ProjectAccess.Relation.values());
    }

    @Test
    void access_only_narrows_as_the_level_rises() {
        List<ConfidentialityLevel> rising = List.of(PUBLIC, MEMBERS, CONSORTIUM, RESTRICTED);
        for (ProjectAccess.Relation relation : ProjectAccess.Relation.values()) {
            for (int i = 1; i < rising.size(); i++) {
                assertThat(ProjectAccess.level(rising.get(i), relation).ordinal())
                        .as("%s at %s vs %s", relation, rising.get(i), rising.get(i - 1))
                        .isLessThanOrEqualTo(ProjectAccess.level(rising.get(i - 1), relation).ordinal());
            }
        }
    }

    // ------------------------------------------------------------------------------------------ relation

    private static final String CARRIER_ORG = "OTHER-CARRIER";
    private static final String PARTNER_ORG = "OTHER-PARTNER";

    @Test
    void groups_come_first_then_the_carrier_then_the_reviewer() {
        ProjectView project = project(List.of(partner(PARTNER_ORG, PartnerStatus.INVITED, false)), List.of(review("rachid")));

        assertThat(relation(project, "claire", List.of(Roles.POLE_STAFF), List.of())).isEqualTo(STAFF);
        assertThat(relation(project, "claire", List.of(Roles.POLE_STAFF, Roles.AUDITOR), List.of(CARRIER_ORG))).isEqualTo(STAFF);
        assertThat(relation(project, "aude", List.of(Roles.AUDITOR), List.of())).isEqualTo(AUDITOR);
        assertThat(relation(project, "sophie", List.of(Roles.CARRIER), List.of(CARRIER_ORG))).isEqualTo(CARRIER);
        assertThat(relation(project, "rachid", List.of(Roles.REVIEWER), List.of())).isEqualTo(REVIEWER);
        assertThat(relation(project, "rachid", List.of(Roles.REVIEWER), List.of(CARRIER_ORG))).isEqualTo(CARRIER);
    }

    @Test
    void partners_by_status_and_nda() {
        assertThat(relation(project(List.of(partner(PARTNER_ORG, PartnerStatus.INVITED, false)), List.of()),
                "thomas", List.of(Roles.CARRIER), List.of(PARTNER_ORG))).isEqualTo(PARTNER_WITHOUT_NDA);
        assertThat(relation(project(List.of(partner(PARTNER_ORG, PartnerStatus.INVITED, true)), List.of()),
                "thomas", List.of(Roles.CARRIER), List.of(PARTNER_ORG))).isEqualTo(PARTNER_WITH_NDA);
        assertThat(relation(project(List.of(partner(PARTNER_ORG, PartnerStatus.JOINED, false)), List.of()),
                "thomas", List.of(Roles.CARRIER), List.of(PARTNER_ORG))).isEqualTo(PARTNER_WITHOUT_NDA);
        assertThat(relation(project(List.of(partner(PARTNER_ORG, PartnerStatus.JOINED, true)), List.of()),
                "thomas", List.of(Roles.CARRIER), List.of(PARTNER_ORG))).isEqualTo(PARTNER_WITH_NDA);
        // A declined partner, even under NDA, is an ordinary member again.
        assertThat(relation(project(List.of(partner(PARTNER_ORG, PartnerStatus.DECLINED, true)), List.of()),
                "thomas", List.of(Roles.CARRIER), List.of(PARTNER_ORG))).isEqualTo(MEMBER);
    }

    @Test
    void a_user_acting_for_two_partners_is_under_nda_when_either_signed_it_whichever_row_comes_first() {
        String secondOrg = "OTHER-SECOND-PARTNER";
        ProjectView unsignedFirst = project(List.of(partner(PARTNER_ORG, PartnerStatus.INVITED, false),
                partner(secondOrg, PartnerStatus.JOINED, true)), List.of());
        ProjectView signedFirst = project(List.of(partner(secondOrg, PartnerStatus.JOINED, true),
                partner(PARTNER_ORG, PartnerStatus.INVITED, false)), List.of());
        ProjectView neither = project(List.of(partner(PARTNER_ORG, PartnerStatus.INVITED, false),
                partner(secondOrg, PartnerStatus.JOINED, false)), List.of());

        for (ProjectView project : List.of(unsignedFirst, signedFirst)) {
            assertThat(relation(project, "thomas", List.of(Roles.CARRIER), List.of(PARTNER_ORG, secondOrg)))
                    .isEqualTo(PARTNER_WITH_NDA);
        }
        assertThat(relation(neither, "thomas", List.of(Roles.CARRIER), List.of(PARTNER_ORG, secondOrg)))
                .isEqualTo(PARTNER_WITHOUT_NDA);
        // acting for the unsigned one only: not covered
        assertThat(relation(unsignedFirst, "thomas", List.of(Roles.CARRIER), List.of(PARTNER_ORG)))
                .isEqualTo(PARTNER_WITHOUT_NDA);
    }

    @Test
    void members_and_others() {
        ProjectView project = project(List.of(partner(PARTNER_ORG, PartnerStatus.INVITED, false)), List.of());

        assertThat(relation(project, "hugo", List.of(Roles.CARRIER), List.of("OTHER-INRIA"))).isEqualTo(MEMBER);
        assertThat(relation(project, "fanny", List.of(Roles.FUNDER), List.of())).isEqualTo(OTHER);
        assertThat(relation(project, "nobody", List.of(), List.of())).isEqualTo(OTHER);
    }

    private static ProjectAccess.Relation relation(ProjectView project, String user, List<String> groups, List<String> organisations) {
        return ProjectAccess.relation(project, user, groups, organisations);
    }

    private static ProjectView project(List<ProjectView.PartnerView> partners, List<ProjectView.ReviewView> reviews) {
        List<ProjectView.PartnerView> all = new ArrayList<>();
        all.add(new ProjectView.PartnerView(CARRIER_ORG, "Carrier SME", OrganisationKind.SME, true, PartnerStatus.LEAD,
                null, null, null, null, null));
        all.addAll(partners);
        return new ProjectView("PRJ-UNIT", "Unit", "Summary", "Axis", CONSORTIUM, CARRIER_ORG,
                ProjectStatus.CONSORTIUM_BUILDING, "pi", "sophie", Instant.now(), null, null, null, null, null, null,
                null, null, all, reviews);
    }

    private static ProjectView.PartnerView partner(String organisationId, PartnerStatus status, boolean nda) {
        return new ProjectView.PartnerView(organisationId, "Partner", OrganisationKind.LARGE_COMPANY, false, status,
                null, null, nda ? Instant.now() : null, nda ? "thomas" : null, null);
    }

    private static ProjectView.ReviewView review(String reviewer) {
        return new ProjectView.ReviewView(reviewer, 1, null, null, null, null, 0);
    }
}
