package org.tremplin.project.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What GET /api/projects/{id} and GET /api/projects give each kind of user, for each confidentiality level,
 * through the whole application (read models, organisations, NDAs).
 */
class ProjectAccessTest extends ApiTestSupport {

    private static final String SUMMARY_TEXT = "The confidential heart of the project file.";

    @Autowired
    private ObjectMapper objectMapper;

    enum Seen { FILE, SUMMARY, NOTHING }

    /** The carrier, an invited partner, an unrelated member and a user acting for no organisation. */
    record People(String carrierUser, String carrierOrg, String partnerUser, String partnerOrg,
                  String memberUser, String memberOrg, String lonelyUser) {
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConfidentialityLevel.class)
    void each_user_sees_what_the_confidentiality_level_allows(ConfidentialityLevel level) throws Exception {
        People people = people();
        String projectId = submit(people, level);
        assertThat(post(people.carrierUser(), "/api/projects/" + projectId + "/invitations",
                Map.of("organisationId", people.partnerOrg())).getStatusCode().value()).isEqualTo(200);
        awaitProject(STAFF, projectId, p -> partners(p).size() == 2);

        // Before the partner signs the NDA.
        assertSees(STAFF, projectId, Seen.FILE, null);
        assertSees(AUDITOR, projectId, Seen.FILE, null);
        assertSees(people.carrierUser(), projectId, Seen.FILE, null);
        assertSees(people.partnerUser(), projectId, switch (level) {
            case PUBLIC -> Seen.FILE;
            case MEMBERS, CONSORTIUM -> Seen.SUMMARY;
            case RESTRICTED -> Seen.NOTHING;
        }, "Sign the project's NDA (POST /api/projects/" + projectId + "/partners/");
        Seen member = switch (level) {
            case PUBLIC -> Seen.FILE;
            case MEMBERS -> Seen.SUMMARY;
            case CONSORTIUM, RESTRICTED -> Seen.NOTHING;
        };
        assertSees(people.memberUser(), projectId, member, "reserved to the consortium under NDA");
        Seen lonely = level == ConfidentialityLevel.PUBLIC ? Seen.FILE : Seen.NOTHING;
        assertSees(people.lonelyUser(), projectId, lonely, null);

        // The partner signs the NDA while still only invited: the file opens to it, and to it only.
        assertThat(post(people.partnerUser(), "/api/projects/" + projectId + "/partners/" + people.partnerOrg() + "/nda",
                Map.of()).getStatusCode().value()).isEqualTo(200);
        awaitProject(STAFF, projectId, p -> partners(p).stream().anyMatch(partner ->
                people.partnerOrg().equals(partner.get("organisationId")) && partner.get("ndaSignedAt") != null));

        assertSees(people.partnerUser(), projectId, Seen.FILE, null);
        assertSees(people.carrierUser(), projectId, Seen.FILE, null);
        assertSees(people.memberUser(), projectId, member, "reserved to the consortium under NDA");
        assertSees(people.lonelyUser(), projectId, lonely, null);
    }

    @Test
    void a_partner_that_declines_loses_the_consortiums_access_even_after_its_nda() throws Exception {
        People people = people();
        String projectId = submit(people, ConfidentialityLevel.CONSORTIUM);
        post(people.carrierUser(), "/api/projects/" + projectId + "/invitations", Map.of("organisationId", people.partnerOrg()));
        awaitProject(STAFF, projectId, p -> partners(p).size() == 2);
        assertThat(post(people.partnerUser(), "/api/projects/" + projectId + "/partners/" + people.partnerOrg() + "/nda",
                Map.of()).getStatusCode().value()).isEqualTo(200);
        awaitProject(people.partnerUser(), projectId, p -> "FILE".equals(p.get("access")));

        assertThat(post(people.partnerUser(), "/api/projects/" + projectId + "/partners/" + people.partnerOrg() + "/decline",
                Map.of("reason", "Not our market")).getStatusCode().value()).isEqualTo(200);
        awaitProject(STAFF, projectId, p -> partners(p).stream().anyMatch(partner -> "DECLINED".equals(partner.get("status"))));

        assertSees(people.partnerUser(), projectId, Seen.NOTHING, null);
    }

    @Test
    void the_carrier_and_the_partners_never_read_who_the_reviewers_are() throws Exception {
        People people = people();
        String labUser = newUser("lab", Roles.CARRIER);
        String labOrg = newOrganisation("Access Lab", "RESEARCH_LAB", labUser);
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        String projectId = submit(people, ConfidentialityLevel.CONSORTIUM);
        for (String org : List.of(people.partnerOrg(), labOrg)) {
            post(people.carrierUser(), "/api/projects/" + projectId + "/invitations", Map.of("organisationId", org));
        }
        awaitProject(STAFF, projectId, p -> partners(p).size() == 3);
        for (String[] member : new String[][] {{people.partnerUser(), people.partnerOrg()}, {labUser, labOrg}}) {
            String base = "/api/projects/" + projectId + "/partners/" + member[1];
            assertThat(post(member[0], base + "/join", Map.of("role", "Research", "plannedBudget", 100000))
                    .getStatusCode().value()).isEqualTo(200);
            assertThat(post(member[0], base + "/nda", Map.of()).getStatusCode().value()).isEqualTo(200);
        }
        assertThat(complete(people.carrierUser(), awaitTask(people.carrierUser(), projectId,
                ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM), Map.of("consortiumComplete", true))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(complete(STAFF, awaitTask(STAFF, projectId, LabellingProcess.Elements.USER_ASSIGN_REVIEWERS),
                Map.of("reviewers", reviewerA + ", " + reviewerB, "reviewDeadline", LocalDate.now().plusDays(10).toString()))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(complete(reviewerA, awaitTask(reviewerA, projectId, LabellingProcess.Elements.USER_REVIEW_FILE),
                Map.of("score", 14, "recommendation", "GRANT", "conclusions", "Convincing."))
                .getStatusCode().value()).isEqualTo(204);
        awaitProject(STAFF, projectId, p -> reviews(p).stream().anyMatch(r -> r.get("score") != null));

        // Under review: staff sees both reviewers; each reviewer only their own review; the consortium nobody.
        assertThat(reviews(get(STAFF, "/api/projects/" + projectId).getBody()))
                .extracting(r -> r.get("reviewerId")).containsExactly(reviewerA, reviewerB);
        assertThat(reviews(get(reviewerA, "/api/projects/" + projectId).getBody()))
                .extracting(r -> r.get("reviewerId")).containsExactly(reviewerA);
        assertThat(reviews(get(reviewerB, "/api/projects/" + projectId).getBody()))
                .extracting(r -> r.get("reviewerId")).containsExactly(reviewerB);
        for (String reader : List.of(people.carrierUser(), people.partnerUser(), labUser)) {
            assertNoReviewerIn(reader, projectId, reviewerA, reviewerB);
        }

        assertThat(complete(reviewerB, awaitTask(reviewerB, projectId, LabellingProcess.Elements.USER_REVIEW_FILE),
                Map.of("score", 11, "recommendation", "REFUSE", "conclusions", "Market unclear."))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(complete(STAFF, awaitTask(STAFF, projectId, LabellingProcess.Elements.USER_DECIDE_LABEL),
                Map.of("granted", true, "reasons", "Promising.")).getStatusCode().value()).isEqualTo(204);
        awaitProject(STAFF, projectId, p -> "LABEL_GRANTED".equals(p.get("status")));
        for (String reader : List.of(people.carrierUser(), people.partnerUser(), labUser)) {
            Map<String, Object> file = assertNoReviewerIn(reader, projectId, reviewerA, reviewerB);
            assertThat(file).doesNotContainKeys("label", "conclusions", "reviews");
        }

        assertThat(complete(STAFF, awaitTask(STAFF, projectId, LabellingProcess.Elements.USER_COMMUNICATE_CONCLUSIONS),
                Map.of()).getStatusCode().value()).isEqualTo(204);
        awaitProject(people.carrierUser(), projectId, p -> p.containsKey("conclusions"));
        for (String reader : List.of(people.carrierUser(), people.partnerUser(), labUser)) {
            Map<String, Object> file = assertNoReviewerIn(reader, projectId, reviewerA, reviewerB);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> experts = (List<Map<String, Object>>) ((Map<String, Object>) file.get("conclusions")).get("experts");
            assertThat(experts).extracting(e -> e.get("expert")).containsExactly("Expert 1", "Expert 2");
            assertThat(file).doesNotContainKey("reviews");
        }
        // The history, which names the reviewers, stays with staff and auditors.
        assertThat(get(people.carrierUser(), "/api/projects/" + projectId + "/events").getStatusCode().value()).isEqualTo(403);
    }

    /**
     * Nor through the engine REST API, whose task assignees and variables name the reviewers (open to every
     * signed-in user up to 5764423, reserved to administrators and pole staff since 97520ff).
     */
    @Test
    void the_carrier_cannot_read_the_reviewers_through_the_engine_rest_api() {
        People people = people();
        String labUser = newUser("lab", Roles.CARRIER);
        String labOrg = newOrganisation("Access Lab", "RESEARCH_LAB", labUser);
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        String projectId = submit(people, ConfidentialityLevel.CONSORTIUM);
        for (String org : List.of(people.partnerOrg(), labOrg)) {
            post(people.carrierUser(), "/api/projects/" + projectId + "/invitations", Map.of("organisationId", org));
        }
        awaitProject(STAFF, projectId, p -> partners(p).size() == 3);
        for (String[] member : new String[][] {{people.partnerUser(), people.partnerOrg()}, {labUser, labOrg}}) {
            String base = "/api/projects/" + projectId + "/partners/" + member[1];
            post(member[0], base + "/join", Map.of("role", "Research", "plannedBudget", 100000));
            post(member[0], base + "/nda", Map.of());
        }
        complete(people.carrierUser(), awaitTask(people.carrierUser(), projectId,
                ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM), Map.of("consortiumComplete", true));
        complete(STAFF, awaitTask(STAFF, projectId, LabellingProcess.Elements.USER_ASSIGN_REVIEWERS),
                Map.of("reviewers", reviewerA + ", " + reviewerB, "reviewDeadline", LocalDate.now().plusDays(10).toString()));
        awaitTask(reviewerA, projectId, LabellingProcess.Elements.USER_REVIEW_FILE);

        for (String path : List.of("/engine-rest/task?processInstanceBusinessKey=" + projectId,
                "/engine-rest/variable-instance?variableName=reviewers",
                "/engine-rest/history/variable-instance?variableName=reviewerIds")) {
            ResponseEntity<String> response = http.withBasicAuth(people.carrierUser(), PASSWORD)
                    .exchange(path, HttpMethod.GET, new HttpEntity<>(null), String.class);
            assertThat(response.getStatusCode().value() == 403
                    || !(response.getBody().contains(reviewerA) || response.getBody().contains(reviewerB)))
                    .as("%s gives the carrier %s", path, response.getBody()).isTrue();
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private People people() {
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String partnerUser = newUser("partner", Roles.CARRIER);
        String memberUser = newUser("member", Roles.CARRIER);
        String lonelyUser = newUser("lonely", Roles.CARRIER);
        String carrierOrg = newOrganisation("Access SME", "SME", carrierUser);
        String partnerOrg = newOrganisation("Access Large Company", "LARGE_COMPANY", partnerUser);
        String memberOrg = newOrganisation("Access Unrelated Member", "MID_SIZE_COMPANY", memberUser);
        return new People(carrierUser, carrierOrg, partnerUser, partnerOrg, memberUser, memberOrg, lonelyUser);
    }

    private String submit(People people, ConfidentialityLevel level) {
        ResponseEntity<Map<String, Object>> submitted = post(people.carrierUser(), "/api/projects", Map.of(
                "title", level + " access probe", "summary", SUMMARY_TEXT, "thematicAxis", "Health technologies",
                "confidentiality", level.name(), "carrierOrganisationId", people.carrierOrg(), "plannedBudget", 120000));
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(201);
        String projectId = (String) submitted.getBody().get("id");
        awaitProject(STAFF, projectId, p -> "CONSORTIUM_BUILDING".equals(p.get("status")));
        return projectId;
    }

    /** Asserts what the user reads of the project, alone and in the list of projects. */
    private void assertSees(String user, String projectId, Seen expected, String summaryNote) throws Exception {
        ResponseEntity<String> response = http.withBasicAuth(user, PASSWORD)
                .exchange("/api/projects/" + projectId, HttpMethod.GET, new HttpEntity<>(null), String.class);
        String what = user + " reading " + projectId;
        switch (expected) {
            case FILE -> {
                assertThat(response.getStatusCode().value()).as("%s: %s", what, response.getBody()).isEqualTo(200);
                Map<String, Object> file = json(response.getBody());
                assertThat(file).as(what).containsEntry("access", "FILE").containsEntry("summary", SUMMARY_TEXT)
                        .containsKeys("partners", "processInstanceId", "submittedBy").doesNotContainKey("accessNote");
            }
            case SUMMARY -> {
                assertThat(response.getStatusCode().value()).as("%s: %s", what, response.getBody()).isEqualTo(200);
                Map<String, Object> summary = json(response.getBody());
                assertThat(summary).as(what).containsEntry("access", "SUMMARY").containsEntry("id", projectId)
                        .containsKeys("title", "status", "confidentiality", "carrierOrganisationId")
                        .doesNotContainKeys("summary", "partners", "processInstanceId", "submittedBy", "reviews",
                                "label", "conclusions");
                assertThat((String) summary.get("accessNote")).as("access note for %s", what).contains("NDA").contains(summaryNote);
                assertThat(response.getBody()).doesNotContain(SUMMARY_TEXT);
            }
            case NOTHING -> {
                assertThat(response.getStatusCode().value()).as("%s: %s", what, response.getBody()).isEqualTo(404);
                assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
                assertThat(response.getBody()).contains("No project " + projectId).doesNotContain(SUMMARY_TEXT)
                        .doesNotContain("access probe");
            }
        }

        ResponseEntity<List<Map<String, Object>>> list = getList(user, "/api/projects");
        assertThat(list.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> listed = list.getBody().stream().filter(p -> projectId.equals(p.get("id"))).toList();
        if (expected == Seen.NOTHING) {
            assertThat(listed).as("%s absent from the list of %s", projectId, user).isEmpty();
        } else {
            assertThat(listed).as("%s in the list of %s", projectId, user).singleElement().satisfies(p ->
                    assertThat(p).containsEntry("access", "SUMMARY").doesNotContainKeys("summary", "partners", "reviews"));
        }
        assertThat(list.getBody()).allSatisfy(p -> assertThat(p).doesNotContainKey("summary"));
    }

    /** Reads the project, the list and the tasks as the user; none names a reviewer. Returns the project. */
    private Map<String, Object> assertNoReviewerIn(String user, String projectId, String... reviewers) throws Exception {
        ResponseEntity<String> project = http.withBasicAuth(user, PASSWORD)
                .exchange("/api/projects/" + projectId, HttpMethod.GET, new HttpEntity<>(null), String.class);
        assertThat(project.getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> list = http.withBasicAuth(user, PASSWORD)
                .exchange("/api/projects", HttpMethod.GET, new HttpEntity<>(null), String.class);
        ResponseEntity<String> tasks = http.withBasicAuth(user, PASSWORD)
                .exchange("/api/tasks", HttpMethod.GET, new HttpEntity<>(null), String.class);
        for (String reviewer : reviewers) {
            assertThat(project.getBody()).as("%s reads the project", user).doesNotContain(reviewer);
            assertThat(list.getBody()).as("%s reads the list", user).doesNotContain(reviewer);
            assertThat(tasks.getBody()).as("%s reads the tasks", user).doesNotContain(reviewer);
        }
        Map<String, Object> file = json(project.getBody());
        assertThat(file).containsEntry("access", "FILE").doesNotContainKey("reviews");
        return file;
    }

    private Map<String, Object> json(String body) throws Exception {
        return objectMapper.readValue(body, new TypeReference<>() { });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> partners(Map<String, Object> project) {
        return project.get("partners") == null ? List.of() : (List<Map<String, Object>>) project.get("partners");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> reviews(Map<String, Object> project) {
        return project.get("reviews") == null ? List.of() : (List<Map<String, Object>>) project.get("reviews");
    }
}
