package org.tremplin.platform.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may reach what: the API and engine REST behind HTTP basic, the webapps, health and docs open. */
class SecurityTest extends ApiTestSupport {

    @Autowired
    private ObjectMapper objectMapper;

    @Test
    void an_anonymous_api_call_is_asked_to_sign_in_with_a_problem() throws Exception {
        ResponseEntity<String> response = anonymous(HttpMethod.GET, "/api/projects", null);

        assertUnauthorized(response);
        assertThat(problem(response).get("detail")).asString().contains("HTTP basic");
        assertThat(problem(response).get("instance")).isEqualTo("/api/projects");
    }

    @Test
    void a_wrong_password_or_an_unknown_user_is_a_401() throws Exception {
        String carrier = newUser("carrier", Roles.CARRIER);

        assertUnauthorized(as(carrier, "not-the-password", HttpMethod.GET, "/api/projects", null));
        assertUnauthorized(as("nobody.at.all", PASSWORD, HttpMethod.GET, "/api/projects", null));
        assertUnauthorized(as(carrier, "", HttpMethod.GET, "/api/tasks", null));
    }

    @Test
    void an_anonymous_write_is_a_401_and_stores_nothing() throws Exception {
        long events = storedEventCount();

        ResponseEntity<String> response = anonymous(HttpMethod.POST, "/api/organisations", Map.of(
                "name", "Anonymous SAS", "nationalIdScheme", "OTHER", "nationalId", "ANON1", "kind", "SME",
                "headcount", 1, "region", "Bretagne"));

        assertUnauthorized(response);
        assertThat(storedEventCount()).isEqualTo(events);
    }

    @Test
    void the_engine_rest_api_needs_a_signed_in_user() throws Exception {
        assertUnauthorized(anonymous(HttpMethod.GET, "/engine-rest/engine", null));
        assertUnauthorized(anonymous(HttpMethod.GET, "/engine-rest/task", null));
        assertUnauthorized(anonymous(HttpMethod.GET, "/engine-rest/process-definition", null));
        // Never a wrong password for a shared user: Camunda's login throttling would lock it out (see below).
        String throwaway = newUser("throwaway", Roles.POLE_STAFF);
        assertUnauthorized(as(throwaway, "wrong", HttpMethod.GET, "/engine-rest/engine", null));

        // Pole staff reach the engine REST; whether other users should is left to the access rules.
        ResponseEntity<String> engines = as(STAFF, PASSWORD, HttpMethod.GET, "/engine-rest/engine", null);
        assertThat(engines.getStatusCode().value()).as("%s", engines.getBody()).isEqualTo(200);
        assertThat(engines.getBody()).contains("\"name\":\"default\"");
    }

    @Test
    void a_carrier_may_not_register_an_organisation() throws Exception {
        String carrier = newUser("carrier", Roles.CARRIER);
        long events = storedEventCount();

        ResponseEntity<String> response = as(carrier, PASSWORD, HttpMethod.POST, "/api/organisations", Map.of(
                "name", "Self Registered SAS", "nationalIdScheme", "OTHER", "nationalId", "SELF" + carrier.hashCode(),
                "kind", "SME", "headcount", 3, "region", "Bretagne"));

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(403);
        assertProblemJson(response);
        assertThat(problem(response).get("detail")).asString().contains("groups");
        assertThat(storedEventCount()).isEqualTo(events);
    }

    @Test
    void health_is_open_and_up() {
        ResponseEntity<String> health = anonymous(HttpMethod.GET, "/actuator/health", null);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
        assertThat(health.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
    }

    @Test
    void the_openapi_description_is_open_and_lists_the_api() {
        ResponseEntity<String> docs = anonymous(HttpMethod.GET, "/v3/api-docs", null);

        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getBody()).contains("\"/api/projects\"").contains("\"/api/organisations\"").contains("\"/api/tasks\"");
        assertThat(docs.getBody()).as("HTTP basic declared for Swagger UI's Authorize")
                .contains("\"securitySchemes\"").contains("\"scheme\":\"basic\"");

        ResponseEntity<String> ui = anonymous(HttpMethod.GET, "/swagger-ui.html", null);
        assertThat(ui.getStatusCode().value()).as("swagger ui").isIn(200, 301, 302, 303, 307, 308);
    }

    @Test
    void tasklist_is_reachable_without_spring_basic_authentication() {
        ResponseEntity<String> tasklist = anonymous(HttpMethod.GET, "/camunda/app/tasklist/", null);
        assertReachableTasklist(tasklist);

        // Credentials that basic authentication would refuse do not matter there: Tasklist has its own login.
        ResponseEntity<String> withBadCredentials = as("nobody.at.all", "wrong", HttpMethod.GET, "/camunda/app/tasklist/", null);
        assertReachableTasklist(withBadCredentials);
    }

    @Test
    void a_projects_event_history_is_for_pole_staff_and_auditors() throws Exception {
        String carrier = newUser("carrier", Roles.CARRIER);
        String carrierOrg = newOrganisation("History SME", "SME", carrier);
        ResponseEntity<Map<String, Object>> submitted = post(carrier, "/api/projects", Map.of(
                "title", "Event history probe", "summary", "Who reads the history.", "thematicAxis", "Energy",
                "confidentiality", "PUBLIC", "carrierOrganisationId", carrierOrg, "plannedBudget", 5000));
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(201);
        String projectId = (String) submitted.getBody().get("id");
        awaitProject(carrier, projectId, p -> "CONSORTIUM_BUILDING".equals(p.get("status")));

        ResponseEntity<String> denied = as(carrier, PASSWORD, HttpMethod.GET, "/api/projects/" + projectId + "/events", null);
        assertThat(denied.getStatusCode().value()).isEqualTo(403);
        assertProblemJson(denied);
        assertThat(problem(denied).get("detail")).asString().contains("auditors");

        for (String reader : List.of(AUDITOR, STAFF)) {
            ResponseEntity<List<Map<String, Object>>> history = getList(reader, "/api/projects/" + projectId + "/events");
            assertThat(history.getStatusCode().value()).as(reader).isEqualTo(200);
            assertThat(history.getBody()).singleElement().satisfies(event -> {
                assertThat(event).containsEntry("type", "IdeaSubmittedEvent").containsEntry("actor", carrier)
                        .containsEntry("activityId", ProjectLifecycleProcess.Elements.SERVICE_SUBMIT_IDEA);
            });
        }

        ResponseEntity<String> unknown = as(AUDITOR, PASSWORD, HttpMethod.GET, "/api/projects/PRJ-NOTHING/events", null);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertProblemJson(unknown);

        // each answered read of the raw history is in the audit access log
        for (String reader : List.of(AUDITOR, STAFF)) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) get(AUDITOR, "/api/audit/access-log?userId=" + reader
                    + "&size=500").getBody().get("entries");
            assertThat(entries).extracting(e -> e.get("resource")).contains("/api/projects/" + projectId + "/events")
                    .doesNotContain("/api/projects/PRJ-NOTHING/events");
        }
    }

    /**
     * Camunda's authorizations are off, so the engine REST API must not be open to every signed-in user:
     * a carrier would read every process variable, such as the titles of other organisations' RESTRICTED
     * projects (the case up to 5764423; SecurityConfig reserves /engine-rest to administrators and pole
     * staff since 97520ff).
     */
    @Test
    void a_carrier_cannot_read_other_projects_through_the_engine_rest_api() throws Exception {
        String owner = newUser("owner", Roles.CARRIER);
        String ownerOrg = newOrganisation("Secret Owner SME", "SME", owner);
        String title = "Restricted title " + owner;
        ResponseEntity<Map<String, Object>> submitted = post(owner, "/api/projects", Map.of(
                "title", title, "summary", "Nobody else reads this.", "thematicAxis", "Defence",
                "confidentiality", "RESTRICTED", "carrierOrganisationId", ownerOrg, "plannedBudget", 5000));
        assertThat(submitted.getStatusCode().value()).isEqualTo(201);
        String projectId = (String) submitted.getBody().get("id");
        String stranger = newUser("stranger", Roles.CARRIER);
        newOrganisation("Stranger SME", "SME", stranger);
        assertThat(get(stranger, "/api/projects/" + projectId).getStatusCode().value()).isEqualTo(404);

        ResponseEntity<String> variables = as(stranger, PASSWORD, HttpMethod.GET,
                "/engine-rest/variable-instance?variableName=title", null);
        ResponseEntity<String> instances = as(stranger, PASSWORD, HttpMethod.GET,
                "/engine-rest/process-instance?businessKey=" + projectId, null);

        assertThat(variables.getStatusCode().value() == 403 || !variables.getBody().contains(title))
                .as("a stranger reads the RESTRICTED title through the engine REST API: %s", variables.getBody()).isTrue();
        assertThat(instances.getStatusCode().value() == 403 || !instances.getBody().contains(projectId))
                .as("a stranger finds the RESTRICTED project's process through the engine REST API: %s", instances.getBody())
                .isTrue();
    }

    /**
     * The write side of the one above: through an open engine REST API any signed-in user would correlate the
     * abandon message of another organisation's project, bypassing ProjectController's carrier check.
     */
    @Test
    void a_stranger_cannot_abandon_a_project_through_the_engine_rest_api() throws Exception {
        String owner = newUser("owner", Roles.CARRIER);
        String ownerOrg = newOrganisation("Abandon Target SME", "SME", owner);
        ResponseEntity<Map<String, Object>> submitted = post(owner, "/api/projects", Map.of(
                "title", "Not yours to abandon", "summary", "Keep going.", "thematicAxis", "Energy",
                "confidentiality", "RESTRICTED", "carrierOrganisationId", ownerOrg, "plannedBudget", 5000));
        assertThat(submitted.getStatusCode().value()).isEqualTo(201);
        String projectId = (String) submitted.getBody().get("id");
        awaitProject(owner, projectId, p -> "CONSORTIUM_BUILDING".equals(p.get("status")));
        String stranger = newUser("stranger", Roles.CARRIER);
        long events = storedEventCount();

        ResponseEntity<String> response = as(stranger, PASSWORD, HttpMethod.POST, "/engine-rest/message", Map.of(
                "messageName", ProjectLifecycleProcess.Messages.PROJECT_ABANDONED, "businessKey", projectId,
                "processVariables", Map.of(ProjectLifecycleProcess.Variables.ABANDON_REASON, Map.of("value", "sabotage"))));

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isIn(401, 403, 404);
        assertThat(storedEventCount()).isEqualTo(events);
        assertThat(eventTypes(projectId)).containsExactly("IdeaSubmittedEvent");
    }

    /**
     * Basic credentials go through Camunda's login throttling, as in Tasklist: a wrong password delays the
     * next attempts (3 s, doubling, at most 60 s), which slows password guessing; the permanent lock after
     * a number of failures is set out of reach so that nobody can lock a user out for good.
     */
    @Test
    void a_wrong_password_delays_the_next_attempt_but_never_locks_the_user_out() throws Exception {
        String user = newUser("victim", Roles.CARRIER);
        assertThat(as(user, PASSWORD, HttpMethod.GET, "/api/tasks", null).getStatusCode().value()).isEqualTo(200);

        assertUnauthorized(as(user, "guess", HttpMethod.GET, "/api/tasks", null));

        assertUnauthorized(as(user, PASSWORD, HttpMethod.GET, "/api/tasks", null));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> as(user, PASSWORD, HttpMethod.GET, "/api/tasks", null).getStatusCode().value() == 200);
    }

    /**
     * Verified credentials are remembered for a few seconds (no engine command per request), yet a change of password or
     * of groups made through the engine applies to the very next request.
     */
    @Test
    void a_changed_password_or_group_applies_to_the_next_request() throws Exception {
        String user = newUser("changing", Roles.POLE_STAFF);
        assertThat(as(user, PASSWORD, HttpMethod.GET, "/engine-rest/engine", null).getStatusCode().value()).isEqualTo(200);
        assertThat(as(user, PASSWORD, HttpMethod.GET, "/engine-rest/engine", null).getStatusCode().value()).isEqualTo(200);

        processEngine.getIdentityService().deleteMembership(user, Roles.POLE_STAFF);
        ResponseEntity<String> withoutGroup = as(user, PASSWORD, HttpMethod.GET, "/engine-rest/engine", null);
        assertThat(withoutGroup.getStatusCode().value()).as("%s", withoutGroup.getBody()).isEqualTo(403);

        org.camunda.bpm.engine.identity.User stored = processEngine.getIdentityService().createUserQuery().userId(user).singleResult();
        stored.setPassword("another-" + PASSWORD);
        processEngine.getIdentityService().saveUser(stored);
        assertUnauthorized(as(user, PASSWORD, HttpMethod.GET, "/api/tasks", null));
    }

    /**
     * Every change of users, groups or memberships through the engine adds one to the identity generation in its own
     * transaction; a change that fails adds nothing.
     */
    @Test
    void an_identity_change_through_the_engine_moves_the_identity_generation_with_it() {
        long before = identityGeneration();
        String user = newUser("generation", Roles.CARRIER);
        long afterCreation = identityGeneration();
        assertThat(afterCreation).as("a user and a membership created").isGreaterThanOrEqualTo(before + 2);

        assertThatThrownBy(() -> processEngine.getIdentityService().createMembership(user, "no-such-group-" + user))
                .isInstanceOf(RuntimeException.class);
        assertThat(identityGeneration()).as("a membership refused").isEqualTo(afterCreation);

        processEngine.getIdentityService().createUserQuery().userId(user).singleResult();
        assertThat(identityGeneration()).as("reads change nothing").isEqualTo(afterCreation);
    }

    /**
     * A change made through another node's engine reaches this node through the identity generation: this node
     * forgets the credentials it remembers within a poll. Here a membership is removed in the database, as another
     * node's engine would remove it; while the generation has not moved the node still trusts what it remembers (the
     * first part), once it moves the membership's loss applies within a poll.
     */
    @Test
    void a_change_made_on_another_node_applies_here_within_a_poll() throws Exception {
        String user = newUser("elsewhere", Roles.POLE_STAFF);
        Thread.sleep(1_500); // the node's own polls have seen the generation its own change moved
        assertThat(as(user, PASSWORD, HttpMethod.GET, "/engine-rest/engine", null).getStatusCode().value()).isEqualTo(200);

        jdbc.update("DELETE FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ = ? AND GROUP_ID_ = ?", user, Roles.POLE_STAFF);
        Thread.sleep(1_500);
        assertThat(as(user, PASSWORD, HttpMethod.GET, "/engine-rest/engine", null).getStatusCode().value())
                .as("the verified credentials and groups remembered, polls after the change finding nothing moved")
                .isEqualTo(200);

        jdbc.update("UPDATE " + org.tremplin.platform.process.IdentityChangesAcrossNodes.TABLE
                + " SET generation = generation + 1 WHERE id = 1");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(3)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> as(user, PASSWORD, HttpMethod.GET, "/engine-rest/engine", null).getStatusCode().value() == 403);
    }

    private long identityGeneration() {
        return jdbc.queryForObject("SELECT generation FROM " + org.tremplin.platform.process.IdentityChangesAcrossNodes.TABLE
                + " WHERE id = 1", Long.class);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void assertReachableTasklist(ResponseEntity<String> response) {
        int status = response.getStatusCode().value();
        assertThat(status).as("tasklist: %s %s", status, response.getHeaders()).isIn(200, 301, 302, 303, 307, 308);
        assertThat(response.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
        if (status == 200) {
            assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
            assertThat(response.getBody()).containsIgnoringCase("tasklist");
        } else {
            assertThat(response.getHeaders().getLocation()).isNotNull();
            assertThat(response.getHeaders().getLocation().toString()).contains("/camunda/app/tasklist");
        }
    }

    private void assertUnauthorized(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(401);
        assertProblemJson(response);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        assertThat(problem(response).get("status")).isEqualTo(401);
        assertThat(problem(response).get("detail")).asString().isNotBlank();
    }

    private void assertProblemJson(ResponseEntity<String> response) {
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s", response.getHeaders().getContentType()).isTrue();
    }

    private Map<String, Object> problem(ResponseEntity<String> response) throws Exception {
        return objectMapper.readValue(response.getBody(), new TypeReference<>() { });
    }

    private ResponseEntity<String> anonymous(HttpMethod method, String path, Object body) {
        return send(http, method, path, body);
    }

    private ResponseEntity<String> as(String user, String password, HttpMethod method, String path, Object body) {
        return send(http.withBasicAuth(user, password), method, path, body);
    }

    private static ResponseEntity<String> send(TestRestTemplate client, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return client.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
