package org.tremplin.funding.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.funding.query.CarrierCapacity;
import org.tremplin.organisation.api.ImportOrganisationCommand;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.FindPartnershipsQuery;
import org.tremplin.project.api.PartnershipView;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.FindProjectsOfOrganisationsQuery;
import org.tremplin.project.api.FindProjectsQuery;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.Roles;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The capacity check through the REST API on H2. */
class CapacityApiTest extends CapacityApiScenarios {

    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private QueryGateway queryGateway;

    @Test
    @SuppressWarnings("unchecked")
    void a_check_counts_its_organisations_own_projects_and_only_those() {
        ApiConsortium c = consortiumThroughApi("Capacity scope", "Grand Groupe Périmètre");
        // the carrier's second project, and a project of somebody else entirely
        ResponseEntity<Map<String, Object>> second = post(c.carrierUser(), "/api/projects", Map.of("title", "Second lidar",
                "summary", "Another one.", "thematicAxis", "Mobility", "confidentiality", "CONSORTIUM",
                "carrierOrganisationId", c.carrierOrg(), "plannedBudget", 100000));
        assertThat(second.getStatusCode().value()).as("%s", second.getBody()).isEqualTo(201);
        String outsider = newUser("outsider", Roles.CARRIER);
        String outsiderOrg = newOrganisation("PME Étrangère", "SME", outsider);
        ResponseEntity<Map<String, Object>> elsewhere = post(outsider, "/api/projects", Map.of("title", "Unrelated",
                "summary", "Not theirs.", "thematicAxis", "Health", "confidentiality", "CONSORTIUM",
                "carrierOrganisationId", outsiderOrg, "plannedBudget", 90000));
        assertThat(elsewhere.getStatusCode().value()).isEqualTo(201);

        List<ProjectView> carriers = queryGateway.query(new FindProjectsOfOrganisationsQuery(Set.of(c.carrierOrg())),
                ResponseTypes.multipleInstancesOf(ProjectView.class)).join();
        assertThat(carriers).extracting(ProjectView::id).containsExactly((String) second.getBody().get("id"), c.projectId());
        assertThat(carriers.get(1).partners()).extracting(ProjectView.PartnerView::organisationId)
                .containsExactlyInAnyOrder(c.carrierOrg(), c.largeOrg(), c.labOrg());
        assertThat(queryGateway.query(new FindProjectsOfOrganisationsQuery(Set.of(c.largeOrg(), outsiderOrg)),
                ResponseTypes.multipleInstancesOf(ProjectView.class)).join()).extracting(ProjectView::id)
                .containsExactly((String) elsewhere.getBody().get("id"), c.projectId());
        assertThat(queryGateway.query(new FindProjectsOfOrganisationsQuery(Set.of()),
                ResponseTypes.multipleInstancesOf(ProjectView.class)).join()).isEmpty();

        // a check reads its organisations' rows in the projects at the stages that count, newest project first
        Set<ProjectStatus> building = Set.of(ProjectStatus.CONSORTIUM_BUILDING);
        String secondId = (String) second.getBody().get("id");
        String elsewhereId = (String) elsewhere.getBody().get("id");
        assertThat(partnerships(new FindPartnershipsQuery(Set.of(c.carrierOrg()), building)))
                .extracting(PartnershipView::projectId, PartnershipView::organisationId, PartnershipView::status,
                        PartnershipView::projectTitle, PartnershipView::projectStatus)
                .containsExactly(tuple(secondId, c.carrierOrg(), PartnerStatus.LEAD, "Second lidar",
                                ProjectStatus.CONSORTIUM_BUILDING),
                        tuple(c.projectId(), c.carrierOrg(), PartnerStatus.LEAD, carriers.get(1).title(),
                                ProjectStatus.CONSORTIUM_BUILDING));
        assertThat(partnerships(new FindPartnershipsQuery(Set.of(c.largeOrg(), outsiderOrg), building)))
                .extracting(PartnershipView::projectId, PartnershipView::organisationId)
                .containsExactly(tuple(elsewhereId, outsiderOrg), tuple(c.projectId(), c.largeOrg()));
        assertThat(partnerships(new FindPartnershipsQuery(Set.of(c.carrierOrg()),
                Set.of(ProjectStatus.IN_RESEARCH, ProjectStatus.FUNDING)))).isEmpty();
        assertThat(partnerships(new FindPartnershipsQuery(Set.of(), building))).isEmpty();
        assertThat(partnerships(new FindPartnershipsQuery(Set.of(c.carrierOrg()), Set.of()))).isEmpty();
        // every organisation's (the overview): the same rows as the whole views at those stages, partner by partner
        Set<ProjectStatus> counting = Set.of(ProjectStatus.CONSORTIUM_BUILDING, ProjectStatus.UNDER_REVIEW,
                ProjectStatus.LABEL_GRANTED, ProjectStatus.IN_RESEARCH);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        partnerships(FindPartnershipsQuery.everyOrganisation(counting)))
                .isEqualTo(queryGateway.query(new FindProjectsQuery(), ResponseTypes.multipleInstancesOf(ProjectView.class))
                        .join().stream().filter(p -> counting.contains(p.status()))
                        .flatMap(p -> p.partners().stream()
                                .sorted(java.util.Comparator.comparing(ProjectView.PartnerView::organisationId))
                                .map(partner -> new PartnershipView(p.id(), p.title(), p.status(),
                                        partner.organisationId(), partner.status(), partner.plannedBudget())))
                        .toList()));

        // the project's checks count each partner's own projects: two for the carrier, one for the large company
        List<Map<String, Object>> checks = (List<Map<String, Object>>) get(STAFF, "/api/projects/" + c.projectId()
                + "/capacity").getBody().get("checks");
        assertThat(checks).extracting(m -> m.get("organisationId"), m -> m.get("concurrentProjects"))
                .containsExactly(tuple(c.carrierOrg(), 2), tuple(c.largeOrg(), 1), tuple(c.labOrg(), 1));
        Map<String, Object> carrierAlone = get(STAFF, "/api/organisations/" + c.carrierOrg() + "/capacity").getBody();
        assertThat(carrierAlone.get("concurrentProjects")).isEqualTo(2);
        assertThat(carrierAlone.get("projects")).isEqualTo(checks.get(0).get("projects"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_imported_organisation_of_unknown_headcount_is_sized_micro_and_the_verdict_says_so() {
        String code = "CAP" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String id = NationalIdScheme.OTHER.organisationId(code);
        commandGateway.sendAndWait(new ImportOrganisationCommand(id, "Imported Optics", code, OrganisationKind.OTHER,
                null, "Lyon", null, null, "RUN-CAP", "partenaires.csv", 7));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(STAFF, "/api/organisations/" + id).getStatusCode().value() == 200);

        Map<String, Object> check = get(STAFF, "/api/organisations/" + id + "/capacity").getBody();

        assertThat(check).containsEntry("size", "micro").containsEntry("verdict", "COMFORTABLE");
        assertThat((List<String>) check.get("reasons")).first().isEqualTo(CarrierCapacity.HEADCOUNT_UNKNOWN);
        assertThat((List<String>) check.get("reasons")).hasSize(2).last().asString().startsWith("within every threshold");
        // a registered organisation's headcount is known: no such reason
        assertThat((List<String>) get(STAFF, "/api/organisations/" + newOrganisation("Known PME", "SME", null)
                + "/capacity").getBody().get("reasons")).doesNotContain(CarrierCapacity.HEADCOUNT_UNKNOWN);
    }

    private List<PartnershipView> partnerships(FindPartnershipsQuery query) {
        return queryGateway.query(query, ResponseTypes.multipleInstancesOf(PartnershipView.class)).join();
    }
}
