package org.tremplin.project.query;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.Recommendation;
import org.tremplin.project.api.RedressState;
import org.tremplin.support.ApiTestSupport;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's view ({@link FindProjectQuery}) read in one statement, the project's row joined to its partner rows and
 * its review rows: every column of each, partners lead first then by name, reviews by position, a partner's status
 * kept apart from the project's, a project without partners or reviews still found, an unknown one not. The rows are
 * written straight into the read model inside a transaction that is rolled back, so that no other test sees them.
 */
class ProjectViewQueryTest extends ApiTestSupport {

    private static final Instant SUBMITTED = Instant.parse("2026-02-03T09:15:00Z");
    private static final Instant DECIDED = Instant.parse("2026-04-01T14:00:00Z");

    @Autowired
    private QueryGateway queryGateway;
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void a_project_comes_with_every_partner_and_review_in_order_and_each_partner_keeps_its_own_status() {
        String id = "PVQ-" + UUID.randomUUID().toString().substring(0, 8);
        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            jdbc.update("INSERT INTO project (id, title, summary, thematic_axis, confidentiality, carrier_organisation_id,"
                            + " status, process_instance_id, submitted_by, submitted_at, review_deadline, label_decision,"
                            + " label_reasons, label_decided_at, average_score, conclusions_message,"
                            + " conclusions_communicated_at, abandon_reason, last_updated_at, redress_state,"
                            + " redress_deadline, redress_arguments, redress_reasons, redress_updated_at)"
                            + " VALUES (?, 'Optical sensors', 'A summary', 'Optics', 'RESTRICTED', 'ORG-LEAD', 'LABEL_REFUSED',"
                            + " 'pi-1', 'carla', ?, ?, 'REFUSED', 'too early', ?, 11.50, 'Come back later', ?, NULL, ?,"
                            + " 'CONTESTED', ?, 'we disagree', NULL, ?)",
                    id, ts(SUBMITTED), LocalDate.of(2026, 3, 1), ts(DECIDED), ts(DECIDED), ts(DECIDED),
                    LocalDate.of(2026, 5, 31), ts(DECIDED));
            // inserted out of order: names, lead last, reviews by descending position
            partner(id, "ORG-Z", "Zeta Labs", "RESEARCH_LAB", false, "JOINED", "Optics", "12000.00", DECIDED, "zoe", null);
            partner(id, "ORG-B", "Beta Industries", "LARGE_COMPANY", false, "DECLINED", null, null, null, null, "no budget");
            partner(id, "ORG-M", "Mu SAS", "SME", false, "INVITED", null, null, null, null, null);
            partner(id, "ORG-LEAD", "Yotta Sensors", "SME", true, "LEAD", "Coordination", "50000.00", null, null, null);
            jdbc.update("INSERT INTO project_review (project_id, reviewer_id, position, score, recommendation, conclusions,"
                    + " reviewed_at, reminders) VALUES (?, 'rev-b', 1, NULL, NULL, NULL, NULL, 2)", id);
            jdbc.update("INSERT INTO project_review (project_id, reviewer_id, position, score, recommendation, conclusions,"
                    + " reviewed_at, reminders) VALUES (?, 'rev-a', 0, 9, 'REFUSE', 'Not mature', ?, 0)", id, ts(DECIDED));

            ProjectView view = project(id).orElseThrow();

            assertThat(view.id()).isEqualTo(id);
            assertThat(view.title()).isEqualTo("Optical sensors");
            assertThat(view.summary()).isEqualTo("A summary");
            assertThat(view.confidentiality()).isEqualTo(ConfidentialityLevel.RESTRICTED);
            assertThat(view.carrierOrganisationId()).isEqualTo("ORG-LEAD");
            assertThat(view.status()).isEqualTo(ProjectStatus.LABEL_REFUSED);
            assertThat(view.processInstanceId()).isEqualTo("pi-1");
            assertThat(view.submittedBy()).isEqualTo("carla");
            assertThat(view.submittedAt()).isEqualTo(SUBMITTED);
            assertThat(view.reviewDeadline()).isEqualTo(LocalDate.of(2026, 3, 1));
            assertThat(view.labelDecision()).isEqualTo("REFUSED");
            assertThat(view.labelReasons()).isEqualTo("too early");
            assertThat(view.labelDecidedAt()).isEqualTo(DECIDED);
            assertThat(view.averageScore()).isEqualByComparingTo("11.50");
            assertThat(view.conclusionsMessage()).isEqualTo("Come back later");
            assertThat(view.conclusionsCommunicatedAt()).isEqualTo(DECIDED);
            assertThat(view.abandonReason()).isNull();
            assertThat(view.redress()).isEqualTo(new ProjectView.RedressView(RedressState.CONTESTED,
                    LocalDate.of(2026, 5, 31), "we disagree", null, DECIDED));

            assertThat(view.partners()).extracting(ProjectView.PartnerView::organisationId)
                    .containsExactly("ORG-LEAD", "ORG-B", "ORG-M", "ORG-Z");
            assertThat(view.partners()).extracting(ProjectView.PartnerView::status)
                    .containsExactly(PartnerStatus.LEAD, PartnerStatus.DECLINED, PartnerStatus.INVITED, PartnerStatus.JOINED);
            ProjectView.PartnerView lead = view.partners().get(0);
            assertThat(lead.name()).isEqualTo("Yotta Sensors");
            assertThat(lead.kind()).isEqualTo(OrganisationKind.SME);
            assertThat(lead.lead()).isTrue();
            assertThat(lead.role()).isEqualTo("Coordination");
            assertThat(lead.plannedBudget()).isEqualByComparingTo("50000.00");
            ProjectView.PartnerView lab = view.partners().get(3);
            assertThat(lab.kind()).isEqualTo(OrganisationKind.RESEARCH_LAB);
            assertThat(lab.lead()).isFalse();
            assertThat(lab.ndaSignedAt()).isEqualTo(DECIDED);
            assertThat(lab.ndaSignedBy()).isEqualTo("zoe");
            assertThat(lab.plannedBudget()).isEqualByComparingTo("12000.00");
            assertThat(view.partners().get(1).declineReason()).isEqualTo("no budget");
            assertThat(view.partners().get(1).plannedBudget()).isNull();

            assertThat(view.reviews()).containsExactly(
                    new ProjectView.ReviewView("rev-a", 0, 9, Recommendation.REFUSE, "Not mature", DECIDED, 0),
                    new ProjectView.ReviewView("rev-b", 1, null, null, null, null, 2));

            // partners without reviews, then neither
            jdbc.update("DELETE FROM project_review WHERE project_id = ?", id);
            assertThat(project(id).orElseThrow().partners()).hasSize(4);
            assertThat(project(id).orElseThrow().reviews()).isEmpty();
            jdbc.update("DELETE FROM project_partner WHERE project_id = ?", id);
            ProjectView bare = project(id).orElseThrow();
            assertThat(bare.partners()).isEmpty();
            assertThat(bare.reviews()).isEmpty();
            assertThat(bare.title()).isEqualTo("Optical sensors");
            assertThat(bare.status()).isEqualTo(ProjectStatus.LABEL_REFUSED);
            assertThat(project(id + "-unknown")).isEmpty();
            transaction.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM project WHERE id = ?", Long.class, id)).as("rolled back").isZero();
    }

    private void partner(String projectId, String organisationId, String name, String kind, boolean lead, String status,
                         String role, String budget, Instant ndaSignedAt, String ndaSignedBy, String declineReason) {
        jdbc.update("INSERT INTO project_partner (project_id, organisation_id, organisation_name, kind, lead, status, role,"
                        + " planned_budget, nda_signed_at, nda_signed_by, decline_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                projectId, organisationId, name, kind, lead, status, role, budget == null ? null : new BigDecimal(budget),
                ndaSignedAt == null ? null : ts(ndaSignedAt), ndaSignedBy, declineReason);
    }

    private Optional<ProjectView> project(String id) {
        return queryGateway.query(new FindProjectQuery(id), ResponseTypes.optionalInstanceOf(ProjectView.class)).join();
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }
}
