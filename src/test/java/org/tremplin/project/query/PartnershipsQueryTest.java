package org.tremplin.project.query;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.project.api.FindPartnershipsQuery;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.PartnershipView;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.support.ApiTestSupport;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A capacity check's rows ({@link FindPartnershipsQuery} for some organisations) read the partners through their index
 * by organisation, then the projects by primary key in lists of at most
 * {@link ProjectProjection#PROJECTS_PER_STATEMENT}: the same rows, in the same order (newest project first, then
 * project id, then organisation id), as the one statement joining partners and projects that they replace, here for
 * an organisation in more projects than one list holds. The rows are written straight into the read model inside a
 * transaction that is rolled back, so that no other test sees them.
 */
class PartnershipsQueryTest extends ApiTestSupport {

    private static final Set<ProjectStatus> COUNTED = Set.of(ProjectStatus.LABEL_GRANTED, ProjectStatus.IN_RESEARCH,
            ProjectStatus.UNDER_REVIEW);

    @Autowired
    private QueryGateway queryGateway;
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void an_organisation_in_more_projects_than_one_statement_lists_gets_every_row_newest_first() {
        String prefix = "PQT-" + UUID.randomUUID().toString().substring(0, 8);
        String busy = prefix + "-lab";
        String partner = prefix + "-sme";
        String outsider = prefix + "-outsider";
        int projects = ProjectProjection.PROJECTS_PER_STATEMENT * 5 / 4 + 37; // a fifth refused: still more than one list
        Instant base = Instant.parse("2026-01-05T08:00:00Z");

        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            for (int i = 0; i < projects; i++) {
                String id = prefix + "-P" + String.format("%04d", (i * 7919) % projects); // ids not in date order
                ProjectStatus status = i % 5 == 0 ? ProjectStatus.LABEL_REFUSED : i % 3 == 0 ? ProjectStatus.IN_RESEARCH
                        : ProjectStatus.LABEL_GRANTED;
                // every tenth project shares its submission instant with the one before: the id decides
                Instant submitted = base.plusSeconds(60L * (i - (i % 10 == 9 ? 1 : 0)));
                jdbc.update("INSERT INTO project (id, title, summary, thematic_axis, confidentiality,"
                                + " carrier_organisation_id, status, submitted_at, last_updated_at)"
                                + " VALUES (?, ?, 's', 'Optics', 'PUBLIC', ?, ?, ?, ?)",
                        id, "Project " + i, busy, status.name(), Timestamp.from(submitted), Timestamp.from(submitted));
                partnerRow(id, busy, "LEAD", true, null);
                if (i % 4 == 0) {
                    partnerRow(id, partner, "JOINED", false, new BigDecimal("1000.50"));
                }
                if (i % 6 == 0) {
                    partnerRow(id, outsider, "JOINED", false, new BigDecimal("20.00"));
                }
            }

            List<PartnershipView> rows = partnerships(Set.of(partner, busy));

            assertThat(rows).isEqualTo(joined(prefix, Set.of(busy, partner)));
            assertThat(rows).extracting(PartnershipView::organisationId).containsOnly(busy, partner);
            assertThat(rows).filteredOn(r -> r.organisationId().equals(busy))
                    .hasSize((int) IntStream.range(0, projects).filter(i -> i % 5 != 0).count())
                    .hasSizeGreaterThan(ProjectProjection.PROJECTS_PER_STATEMENT);
            assertThat(rows).extracting(PartnershipView::projectStatus).doesNotContain(ProjectStatus.LABEL_REFUSED);
            assertThat(rows).filteredOn(r -> r.organisationId().equals(partner)).first()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(PartnerStatus.JOINED))
                    .satisfies(r -> assertThat(r.plannedBudget()).isEqualByComparingTo("1000.50"));
            assertThat(partnerships(Set.of(outsider))).isEqualTo(joined(prefix, Set.of(outsider)));
            assertThat(partnerships(Set.of(prefix + "-nobody"))).isEmpty();
            transaction.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM project WHERE id LIKE ?", Long.class, prefix + "%"))
                .as("rolled back").isZero();
    }

    private void partnerRow(String projectId, String organisationId, String status, boolean lead, BigDecimal budget) {
        jdbc.update("INSERT INTO project_partner (project_id, organisation_id, organisation_name, kind, lead, status,"
                + " planned_budget) VALUES (?, ?, ?, 'SME', ?, ?, ?)", projectId, organisationId, organisationId, lead,
                status, budget);
    }

    private List<PartnershipView> partnerships(Set<String> organisations) {
        return queryGateway.query(new FindPartnershipsQuery(organisations, COUNTED),
                ResponseTypes.multipleInstancesOf(PartnershipView.class)).join();
    }

    /** The rows as the single joining statement gave them, ordered here (ids in code-point order on both databases). */
    private List<PartnershipView> joined(String prefix, Set<String> organisations) {
        record Row(PartnershipView view, Timestamp submittedAt) {
        }
        List<Row> rows = new ArrayList<>(jdbc.query("SELECT pp.project_id, p.title, p.status AS project_status,"
                        + " pp.organisation_id, pp.status, pp.planned_budget, p.submitted_at FROM project_partner pp"
                        + " JOIN project p ON p.id = pp.project_id WHERE p.id LIKE ?",
                (rs, n) -> new Row(new PartnershipView(rs.getString("project_id"), rs.getString("title"),
                        ProjectStatus.valueOf(rs.getString("project_status")), rs.getString("organisation_id"),
                        PartnerStatus.valueOf(rs.getString("status")), rs.getBigDecimal("planned_budget")),
                        rs.getTimestamp("submitted_at")), prefix + "%"));
        return rows.stream()
                .filter(r -> organisations.contains(r.view().organisationId()) && COUNTED.contains(r.view().projectStatus()))
                .sorted(Comparator.comparing(Row::submittedAt).reversed()
                        .thenComparing(r -> r.view().projectId())
                        .thenComparing(r -> r.view().organisationId()))
                .map(Row::view)
                .toList();
    }
}
