package org.tremplin.platform.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camunda's own doors (the engine REST and Tasklist's engine API) answer a refused task completion with its 4xx in
 * Camunda's error format ({@code type}, {@code message}, {@code code}), never 500, and store nothing.
 */
class EngineRestErrorsTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Test
    void completing_a_task_with_missing_or_invalid_variables_through_the_engine_rest_is_a_400_in_camundas_format() throws Exception {
        Idea idea = idea();
        long events = storedEventCount();

        ResponseEntity<String> missing = engineRest(STAFF, "/task/" + idea.taskId() + "/complete", Map.of());
        assertCamundaError(missing, 400, "consortiumComplete must be true");

        ResponseEntity<String> invalid = engineRest(STAFF, "/task/" + idea.taskId() + "/complete",
                Map.of("variables", Map.of("consortiumComplete", Map.of("value", "perhaps", "type", "String"))));
        assertCamundaError(invalid, 400, "consortiumComplete must be true or false");

        ResponseEntity<String> viaForm = engineRest(STAFF, "/task/" + idea.taskId() + "/submit-form",
                Map.of("variables", Map.of("consortiumComplete", Map.of("value", "perhaps", "type", "String"))));
        assertThat(viaForm.getStatusCode().value()).as("%s", viaForm.getBody()).isEqualTo(400);

        assertThat(storedEventCount()).as("nothing stored").isEqualTo(events);
        assertThat(processEngine.getTaskService().createTaskQuery().taskId(idea.taskId()).count()).as("task still open").isOne();
    }

    @Test
    void a_step_refused_by_a_business_rule_through_the_engine_rest_is_its_422_and_nothing_is_stored() throws Exception {
        Idea idea = idea();
        long events = storedEventCount();

        // the carrier alone is no consortium: the labelling rules refuse the submission
        ResponseEntity<String> refused = engineRest(STAFF, "/task/" + idea.taskId() + "/complete",
                Map.of("variables", Map.of("consortiumComplete", Map.of("value", true, "type", "Boolean"))));
        assertCamundaError(refused, 422, "");

        assertThat(storedEventCount()).isEqualTo(events);
        assertThat(eventTypes(idea.projectId())).containsExactly("IdeaSubmittedEvent");
        assertThat(processEngine.getTaskService().createTaskQuery().taskId(idea.taskId()).count()).isOne();
    }

    @Test
    void a_task_that_never_existed_is_a_404_not_a_409_through_the_engine_rest_and_the_api() throws Exception {
        ResponseEntity<String> unknown = engineRest(STAFF, "/task/no-such-task/complete",
                Map.of("variables", Map.of("consortiumComplete", Map.of("value", true, "type", "Boolean"))));
        assertCamundaError(unknown, 404, "no-such-task");
        assertProblem(post(STAFF, "/api/tasks/no-such-task/complete", Map.of("consortiumComplete", true)), 404, "no-such-task");
    }

    @Test
    void tasklist_answers_a_refused_form_with_a_400_in_camundas_format_and_stores_nothing() throws Exception {
        Idea idea = idea();
        long events = storedEventCount();
        Webapp tasklist = Webapp.signIn(port, STAFF, PASSWORD);

        HttpResponse<String> refused = tasklist.post("/camunda/api/engine/engine/default/task/" + idea.taskId() + "/submit-form",
                JSON.writeValueAsString(Map.of("variables", Map.of("consortiumComplete", Map.of("value", false, "type", "Boolean")))));

        assertThat(refused.statusCode()).as("%s", refused.body()).isEqualTo(400);
        Map<String, Object> error = JSON.readValue(refused.body(), new TypeReference<>() { });
        assertThat(error).containsKeys("type", "message", "code");
        assertThat((String) error.get("message")).contains("consortiumComplete must be true");
        assertThat(storedEventCount()).isEqualTo(events);
        assertThat(processEngine.getTaskService().createTaskQuery().taskId(idea.taskId()).count()).isOne();
    }

    // ---------------------------------------------------------------- fixtures

    record Idea(String projectId, String taskId, String carrierUser) {
    }

    private Idea idea() {
        String carrier = newUser("carrier", Roles.CARRIER);
        String org = newOrganisation("Lonely SME", "SME", carrier);
        ResponseEntity<Map<String, Object>> submitted = post(carrier, "/api/projects", Map.of(
                "title", "A lonely idea", "summary", "No partner yet.", "thematicAxis", "Health",
                "confidentiality", "CONSORTIUM", "carrierOrganisationId", org, "plannedBudget", 100000));
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(201);
        String projectId = (String) submitted.getBody().get("id");
        Map<String, Object> task = awaitTask(carrier, projectId, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM);
        return new Idea(projectId, (String) task.get("id"), carrier);
    }

    private ResponseEntity<String> engineRest(String user, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, PASSWORD).exchange("/engine-rest" + path, HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
    }

    static void assertCamundaError(ResponseEntity<String> response, int status, String mention) throws Exception {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        Map<String, Object> error = JSON.readValue(response.getBody(), new TypeReference<>() { });
        assertThat(error).containsOnlyKeys("type", "message", "code");
        assertThat((String) error.get("type")).isNotBlank().isNotEqualTo("RestException");
        assertThat((String) error.get("message")).isNotBlank().contains(mention);
    }

    /** A signed-in session of the Camunda webapps (session cookie and CSRF token), as a browser has it. */
    record Webapp(HttpClient client, int port, String csrfToken) {

        static Webapp signIn(int port, String user, String password) throws Exception {
            CookieManager cookies = new CookieManager();
            HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
            String base = "http://localhost:" + port;
            client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8);
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                            URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-XSRF-TOKEN", csrf(cookies))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("sign in to Tasklist: %s", login.body()).isEqualTo(200);
            // the session changes at sign-in: its CSRF token comes with the next read, as a header and a cookie
            HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(
                    URI.create(base + "/camunda/api/admin/auth/user/default")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).as("signed in: %s", signedIn.body()).isEqualTo(200);
            return new Webapp(client, port, signedIn.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> csrf(cookies)));
        }

        private static String csrf(CookieManager cookies) {
            List<HttpCookie> all = cookies.getCookieStore().getCookies();
            return all.stream().filter(c -> "XSRF-TOKEN".equals(c.getName())).map(HttpCookie::getValue).reduce((a, b) -> b)
                    .orElse("");
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("X-XSRF-TOKEN", csrfToken)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
