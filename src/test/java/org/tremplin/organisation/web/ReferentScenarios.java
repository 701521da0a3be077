package org.tremplin.organisation.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.tremplin.organisation.api.SmeReferentAssignedEvent;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SME referent (issue 13) through the API: pole staff name an SME's referent among pole staff, a change names the
 * previous one, refusals store nothing, and the referent sees its SMEs' projects in one list. Run on H2 and PostgreSQL
 * by the subclasses.
 */
public abstract class ReferentScenarios extends ConsolePageTestSupport {

    @Test
    void the_referent_is_named_changed_and_sees_its_smes_projects() throws Exception {
        ApiConsortium c = consortiumThroughApi("Referent lidar", "Referent Groupe SA");
        String paul = newUser("paul", Roles.POLE_STAFF);
        String sophie = newUser("sophie", Roles.POLE_STAFF);

        assertThat(referent(STAFF, c.carrierOrg(), paul).getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                paul.equals(get(STAFF, "/api/organisations/" + c.carrierOrg()).getBody().get("referentUserId")));
        List<Map<String, Object>> paulsProjects = getList(paul, "/api/referents/me/projects").getBody();
        assertThat(paulsProjects).extracting(p -> p.get("projectId")).containsExactly(c.projectId());
        assertThat(paulsProjects.get(0).get("smeOrganisationIds")).isEqualTo(List.of(c.carrierOrg()));
        assertThat(paulsProjects.get(0).get("title")).isEqualTo("Referent lidar");
        assertThat(getList(sophie, "/api/referents/me/projects").getBody()).isEmpty();

        // the console: a panel of the staff home, for pole staff only
        String panel = page("/referents/panel", paul, Roles.POLE_STAFF).andReturn().getResponse().getContentAsString();
        assertThat(panel).contains("Referent lidar", c.carrierOrg(), "/projects/" + c.projectId());
        assertThat(page("/referents/panel", sophie, Roles.POLE_STAFF).andReturn().getResponse().getContentAsString())
                .doesNotContain("Referent lidar").contains("referent-panel");
        assertThat(page("/referents/panel", c.carrierUser(), Roles.CARRIER).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(page("/staff", paul, Roles.POLE_STAFF).andReturn().getResponse().getContentAsString())
                .contains("hx-get=\"/referents/panel\"");

        // the SME's set-up task is offered to its referent by name, beside the pole-staff group
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(), "user_build_consortium"),
                Map.of("consortiumComplete", true));
        Map<String, Object> assign = awaitTask(STAFF, c.projectId(), "user_assign_reviewers");
        assertThat(processEngine.getTaskService().getIdentityLinksForTask((String) assign.get("id")))
                .filteredOn(link -> "candidate".equals(link.getType()))
                .extracting(link -> link.getUserId() == null ? "group:" + link.getGroupId() : link.getUserId())
                .containsExactlyInAnyOrder("group:" + Roles.POLE_STAFF, paul);

        assertThat(referent(STAFF, c.carrierOrg(), sophie).getStatusCode().value()).isEqualTo(200);
        assertThat(getList(sophie, "/api/referents/me/projects").getBody())
                .extracting(p -> p.get("projectId")).containsExactly(c.projectId());
        assertThat(getList(paul, "/api/referents/me/projects").getBody()).isEmpty();
        assertThat(referentEvents(c.carrierOrg())).containsExactly(
                new SmeReferentAssignedEvent(c.carrierOrg(), paul, null),
                new SmeReferentAssignedEvent(c.carrierOrg(), sophie, paul));
    }

    @Test
    void refusals_are_problems_and_store_nothing() {
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String sme = newOrganisation("Referent SME", "SME", carrierUser);
        String large = newOrganisation("Referent Large", "LARGE_COMPANY", null);
        String paul = newUser("paul", Roles.POLE_STAFF);

        assertProblem(referent(STAFF, sme, carrierUser), 400, carrierUser + " is not in pole staff");
        assertProblem(referent(STAFF, sme, "nobody.here"), 400, "no user nobody.here exists");
        assertProblem(referent(STAFF, large, paul), 400, "is not an SME");
        assertProblem(referent(STAFF, "OTHER-NOPE", paul), 404, "No organisation OTHER-NOPE");
        assertThat(referent(STAFF, sme, " ").getStatusCode().value()).isEqualTo(400);
        assertThat(referentEvents(sme)).isEmpty();
        assertThat(referentEvents(large)).isEmpty();

        assertThat(referent(STAFF, sme, paul).getStatusCode().value()).isEqualTo(200);
        assertProblem(referent(STAFF, sme, paul), 409, paul + " is already the referent of Referent SME");
        assertThat(referentEvents(sme)).hasSize(1);
    }

    @Test
    void only_pole_staff_name_referents_and_read_a_referents_list() {
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String sme = newOrganisation("Referent SME bis", "SME", carrierUser);
        String paul = newUser("paul", Roles.POLE_STAFF);

        assertThat(referent(carrierUser, sme, paul).getStatusCode().value()).isEqualTo(403);
        assertThat(referent(AUDITOR, sme, paul).getStatusCode().value()).isEqualTo(403);
        assertThat(get(carrierUser, "/api/referents/me/projects").getStatusCode().value()).isEqualTo(403);
        assertThat(get(AUDITOR, "/api/referents/me/projects").getStatusCode().value()).isEqualTo(403);
        assertThat(referentEvents(sme)).isEmpty();
    }

    /** An organisation is read with its competences and members in order and its referent, from one statement. */
    @Test
    void an_sme_is_read_with_its_competences_members_and_referent() {
        String zoe = newUser("zoe", Roles.CARRIER);
        String adam = newUser("adam", Roles.CARRIER);
        String referent = newUser("rita", Roles.POLE_STAFF);
        String sme = newOrganisation("Read-back SME", "SME", zoe);
        assertThat(post(STAFF, "/api/organisations/" + sme + "/members", Map.of("userId", adam)).getStatusCode().value())
                .isEqualTo(200);
        Map<String, Object> bare = get(STAFF, "/api/organisations/" + sme).getBody();
        assertThat(bare.get("referentUserId")).isNull();
        assertThat(referent(STAFF, sme, referent).getStatusCode().value()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                referent.equals(get(STAFF, "/api/organisations/" + sme).getBody().get("referentUserId")));
        Map<String, Object> read = get(STAFF, "/api/organisations/" + sme).getBody();
        assertThat(read.get("competences")).isEqualTo(List.of("embedded systems", "photonics"));
        assertThat(read.get("members")).isEqualTo(List.of(adam, zoe));
        assertThat(read.get("name")).isEqualTo("Read-back SME");
    }

    private ResponseEntity<Map<String, Object>> referent(String user, String organisationId, String referentUserId) {
        return exchange(user, HttpMethod.PUT, "/api/organisations/" + organisationId + "/referent",
                Map.of("referentUserId", referentUserId));
    }

    protected List<Object> referentEvents(String organisationId) {
        return eventStore.readEvents(organisationId).asStream()
                .map(m -> m.getPayload())
                .filter(SmeReferentAssignedEvent.class::isInstance)
                .map(Object.class::cast)
                .toList();
    }
}
