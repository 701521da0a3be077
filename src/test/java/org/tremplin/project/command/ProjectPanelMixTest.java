package org.tremplin.project.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.ReviewerBackground;
import org.tremplin.project.api.AssignReviewersCommand;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.NdaSignedEvent;
import org.tremplin.project.api.PanelMember;
import org.tremplin.project.api.PartnerInvitedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;
import org.tremplin.project.api.ProjectSubmittedForLabellingEvent;
import org.tremplin.project.api.ReviewerAssignment;
import org.tremplin.project.api.ReviewersAssignedEvent;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.tremplin.organisation.api.ReviewerBackground.LARGE_COMPANY;
import static org.tremplin.organisation.api.ReviewerBackground.RESEARCH_LAB;
import static org.tremplin.organisation.api.ReviewerBackground.SME;
import static org.tremplin.project.command.ProjectTest.ofKind;
import static org.tremplin.shared.DomainException.Kind.RULE_VIOLATED;

/** The pole's panel-mix rule on reviewer assignment (src/docs/review-panels.md). */
class ProjectPanelMixTest {

    private static final String PROJECT = "P-2026-013";
    private static final String CARRIER = "SIREN-552100554";
    private static final String COMPANY = "SIREN-732829320";
    private static final String LAB = "RNSR-200012345X";
    private static final LocalDate DUE = LocalDate.of(2026, 12, 20);
    private static final Set<ReviewerBackground> TRIO = EnumSet.of(LARGE_COMPANY, SME, RESEARCH_LAB);

    private static AggregateTestFixture<Project> fixture(Set<ReviewerBackground> mix) {
        AggregateTestFixture<Project> fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(LabellingRules.nationalDefault().withPanelMix(mix));
        fixture.registerInjectableResource(RedressRules.defaults());
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
        return fixture;
    }

    @Test
    void a_panel_covering_the_required_mix_is_assigned_and_the_event_records_the_mix_checked() {
        fixture(TRIO).given(awaitingReviewers())
                .when(new AssignReviewersCommand(PROJECT, List.of(
                        new ReviewerAssignment("rita", List.of(), RESEARCH_LAB),
                        new ReviewerAssignment("luc", List.of(), LARGE_COMPANY),
                        new ReviewerAssignment("sam", List.of("OTHER-ORG"), SME)), DUE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReviewersAssignedEvent(PROJECT, List.of("rita", "luc", "sam"), DUE,
                        List.of(new PanelMember("rita", RESEARCH_LAB), new PanelMember("luc", LARGE_COMPANY),
                                new PanelMember("sam", SME)),
                        List.of(LARGE_COMPANY, SME, RESEARCH_LAB)));
    }

    @Test
    void a_panel_missing_backgrounds_is_refused_naming_them_and_the_undeclared_reviewers() {
        fixture(TRIO).given(awaitingReviewers())
                .when(new AssignReviewersCommand(PROJECT, List.of(
                        new ReviewerAssignment("luc", List.of(), LARGE_COMPANY),
                        new ReviewerAssignment("nina", List.of()),
                        new ReviewerAssignment("omar", List.of(), LARGE_COMPANY)), DUE))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(allOf(containsString("missing [SME, RESEARCH_LAB]"),
                        containsString("have not declared a background: nina"), not(containsString("omar,"))));
    }

    @Test
    void two_reviewers_of_one_background_do_not_make_a_mix() {
        fixture(EnumSet.of(SME, RESEARCH_LAB)).given(awaitingReviewers())
                .when(new AssignReviewersCommand(PROJECT, List.of(
                        new ReviewerAssignment("sam", List.of(), SME),
                        new ReviewerAssignment("sue", List.of(), SME)), DUE))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(allOf(containsString("missing [RESEARCH_LAB]"), not(containsString("declared"))));
    }

    @Test
    void with_no_mix_required_undeclared_reviewers_are_assigned_and_recorded_without_background() {
        fixture(Set.of()).given(awaitingReviewers())
                .when(new AssignReviewersCommand(PROJECT, List.of(
                        new ReviewerAssignment("nina", List.of()),
                        new ReviewerAssignment("sam", List.of(), SME)), DUE))
                .expectEvents(new ReviewersAssignedEvent(PROJECT, List.of("nina", "sam"), DUE,
                        List.of(new PanelMember("nina", null), new PanelMember("sam", SME)), List.of()));
    }

    @Test
    void conflicts_of_interest_stay_refused_whatever_the_mix() {
        fixture(TRIO).given(awaitingReviewers())
                .when(new AssignReviewersCommand(PROJECT, List.of(
                        new ReviewerAssignment("rita", List.of(), RESEARCH_LAB),
                        new ReviewerAssignment("luc", List.of(COMPANY), LARGE_COMPANY),
                        new ReviewerAssignment("sam", List.of(), SME)), DUE))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("Reviewer luc acts for Beta Industries"));
    }

    @Test
    void the_setting_reads_none_or_a_list_and_refuses_an_unknown_background() {
        assertThat(LabellingRules.parsePanelMix("none")).isEmpty();
        assertThat(LabellingRules.parsePanelMix(" ")).isEmpty();
        assertThat(LabellingRules.parsePanelMix("research_lab, LARGE_COMPANY,SME")).containsExactlyInAnyOrder(TRIO.toArray(new ReviewerBackground[0]));
        assertThat(LabellingRules.nationalDefault().withPanelMix(TRIO).panelMixInOrder())
                .containsExactly(LARGE_COMPANY, SME, RESEARCH_LAB);
        assertThatThrownBy(() -> LabellingRules.parsePanelMix("SME,UNIVERSITY"))
                .hasMessageContaining("unknown background 'UNIVERSITY'").hasMessageContaining("none");
    }

    private static List<Object> awaitingReviewers() {
        return List.of(
                new IdeaSubmittedEvent(PROJECT, "Smart grid twin", "A digital twin of the regional grid", "Energy",
                        ConfidentialityLevel.RESTRICTED, CARRIER, "Acme Grid", OrganisationKind.SME, new BigDecimal("120000.00")),
                new PartnerInvitedEvent(PROJECT, COMPANY, "Beta Industries", OrganisationKind.LARGE_COMPANY),
                new PartnerJoinedEvent(PROJECT, COMPANY, "Demonstrator", new BigDecimal("80000.50")),
                new NdaSignedEvent(PROJECT, COMPANY, "bob@beta"),
                new PartnerInvitedEvent(PROJECT, LAB, "Lab of Grids", OrganisationKind.RESEARCH_LAB),
                new PartnerJoinedEvent(PROJECT, LAB, "Grid models", new BigDecimal("45000.00")),
                new NdaSignedEvent(PROJECT, LAB, "carla@lab"),
                new ProjectSubmittedForLabellingEvent(PROJECT, 2, 1, OrganisationKind.SME, new BigDecimal("245000.50")));
    }
}
