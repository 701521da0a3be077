package org.tremplin.organisation.query;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.FindOrganisationsQuery;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.support.ApiTestSupport;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organisation's view ({@link FindOrganisationQuery}) read in one statement, its row joined to its competences,
 * members and referent: each part in order, an organisation without any part still found (its headcount unknown
 * too), an unknown one not, and the same view as the list of organisations gives (every organisation's parts read
 * with the organisations), filtered or not. The rows are written straight into the read model inside a transaction
 * that is rolled back.
 */
class OrganisationViewQueryTest extends ApiTestSupport {

    private static final Instant REGISTERED = Instant.parse("2026-01-12T10:30:00Z");

    @Autowired
    private QueryGateway queryGateway;
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void an_organisation_comes_with_its_competences_members_and_referent_and_one_without_any_still_comes() {
        String id = "OVQ-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "Optique " + id;
        String imported = id + "-imported";
        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            jdbc.update("INSERT INTO organisation (id, name, national_id_scheme, national_id, kind, headcount, region,"
                    + " registered_at, town, provenance) VALUES (?, ?, 'SIREN', '123456789', 'SME', 42,"
                    + " 'Occitanie', ?, 'Toulouse', NULL)", id, name, Timestamp.from(REGISTERED));
            for (String competence : List.of("photonics", "lasers", "metrology")) {
                jdbc.update("INSERT INTO organisation_competence (organisation_id, competence) VALUES (?, ?)", id, competence);
            }
            for (String member : List.of("zoe", "anna")) {
                jdbc.update("INSERT INTO organisation_member (organisation_id, user_id) VALUES (?, ?)", id, member);
            }
            jdbc.update("INSERT INTO organisation_referent (organisation_id, referent_user_id, assigned_at)"
                    + " VALUES (?, 'claire', ?)", id, Timestamp.from(REGISTERED));
            jdbc.update("INSERT INTO organisation (id, name, national_id_scheme, national_id, kind, headcount, region,"
                    + " registered_at, town, provenance) VALUES (?, ?, 'RNSR', '200012345X', 'RESEARCH_LAB', NULL, NULL,"
                    + " ?, 'Lyon', 'ANR open data')", imported, "Labo " + id, Timestamp.from(REGISTERED));

            OrganisationView view = organisation(id).orElseThrow();

            assertThat(view).isEqualTo(new OrganisationView(id, name, NationalIdScheme.SIREN, "123456789",
                    OrganisationKind.SME, 42, "Occitanie", List.of("lasers", "metrology", "photonics"),
                    List.of("anna", "zoe"), REGISTERED, true, "Toulouse", null, "claire"));
            assertThat(listed(name)).containsExactly(view);
            // filtered on one competence, kind and region: found with all its parts, not only the one matched
            assertThat(queryGateway.query(new FindOrganisationsQuery("LASER", OrganisationKind.SME, "occitanie"),
                    ResponseTypes.multipleInstancesOf(OrganisationView.class)).join())
                    .filteredOn(o -> o.id().equals(id)).containsExactly(view);
            assertThat(queryGateway.query(new FindOrganisationsQuery("lasers", OrganisationKind.RESEARCH_LAB, null),
                    ResponseTypes.multipleInstancesOf(OrganisationView.class)).join())
                    .extracting(OrganisationView::id).doesNotContain(id, imported);

            OrganisationView bare = organisation(imported).orElseThrow();
            assertThat(bare).isEqualTo(new OrganisationView(imported, "Labo " + id, NationalIdScheme.RNSR,
                    "200012345X", OrganisationKind.RESEARCH_LAB, 0, null, List.of(), List.of(), REGISTERED, false,
                    "Lyon", "ANR open data", null));
            assertThat(listed("Labo " + id)).containsExactly(bare);

            jdbc.update("DELETE FROM organisation_competence WHERE organisation_id = ?", id);
            jdbc.update("DELETE FROM organisation_referent WHERE organisation_id = ?", id);
            assertThat(organisation(id).orElseThrow())
                    .satisfies(o -> assertThat(o.competences()).isEmpty())
                    .satisfies(o -> assertThat(o.members()).containsExactly("anna", "zoe"))
                    .satisfies(o -> assertThat(o.referentUserId()).isNull());
            assertThat(organisation(id + "-unknown")).isEmpty();
            transaction.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM organisation WHERE id LIKE ?", Long.class, id + "%"))
                .as("rolled back").isZero();
    }

    private Optional<OrganisationView> organisation(String id) {
        return queryGateway.query(new FindOrganisationQuery(id), ResponseTypes.optionalInstanceOf(OrganisationView.class))
                .join();
    }

    private List<OrganisationView> listed(String name) {
        return queryGateway.query(new FindOrganisationsQuery(null, null, null),
                ResponseTypes.multipleInstancesOf(OrganisationView.class)).join().stream()
                .filter(o -> o.name().equals(name)).toList();
    }
}
