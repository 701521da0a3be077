package org.tremplin.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's promise: members of camunda-admin may do everything in Camunda — create users, read and grant
 * authorizations and run or reschedule jobs through the engine REST, and sign in to Camunda Admin.
 */
class AdministratorTest extends ApiTestSupport {

    @Test
    void an_administrator_creates_a_user_and_reads_authorizations_through_the_engine_rest() {
        String admin = newUser("admin", Roles.ADMIN);
        String newUser = "created." + UUID.randomUUID().toString().substring(0, 6);

        ResponseEntity<String> created = engineRest(admin, HttpMethod.POST, "/engine-rest/user/create", Map.of(
                "profile", Map.of("id", newUser, "firstName", "Created", "lastName", "ByAdmin", "email", newUser + "@example.org"),
                "credentials", Map.of("password", "s3cret-Passw0rd")));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(204);
        assertThat(identity.userExists(newUser)).isTrue();

        ResponseEntity<String> authorizations = engineRest(admin, HttpMethod.GET, "/engine-rest/authorization", null);
        assertThat(authorizations.getStatusCode().value()).as("%s", authorizations.getBody()).isEqualTo(200);
        assertThat(authorizations.getBody()).contains("\"groupId\":\"pole-staff\"");

        ResponseEntity<String> grant = engineRest(admin, HttpMethod.POST, "/engine-rest/authorization/create", Map.of(
                "type", 1, "permissions", List.of("READ"), "userId", newUser, "resourceType", 4, "resourceId", "*"));
        assertThat(grant.getStatusCode().value()).as("%s", grant.getBody()).isEqualTo(200);

        ResponseEntity<String> groupMember = engineRest(admin, HttpMethod.PUT,
                "/engine-rest/group/" + Roles.AUDITOR + "/members/" + newUser, null);
        assertThat(groupMember.getStatusCode().value()).as("%s", groupMember.getBody()).isEqualTo(204);
    }

    @Test
    void an_administrator_executes_and_reschedules_a_timer_job_through_the_engine_rest() {
        String admin = newUser("admin", Roles.ADMIN);
        ApiConsortium c = consortiumThroughApi();
        // the consortium's reminder timer or any job of the project
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(), "user_build_consortium"),
                Map.of("consortiumComplete", true));
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        completeOk(STAFF, awaitTask(STAFF, c.projectId(), "user_assign_reviewers"), Map.of("reviewers", reviewerA + ", " + reviewerB,
                "reviewDeadline", java.time.LocalDate.now().plusDays(10).toString()));
        String jobId = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                processEngine.getManagementService().createJobQuery().timers().list().stream()
                        .filter(j -> processEngine.getRuntimeService().createProcessInstanceQuery()
                                .processInstanceId(j.getProcessInstanceId()).processInstanceBusinessKey(c.projectId()).count() > 0
                                || c.projectId().equals(j.getProcessInstanceId()))
                        .map(org.camunda.bpm.engine.runtime.Job::getId).findFirst().orElse(null), id -> id != null);

        ResponseEntity<String> rescheduled = engineRest(admin, HttpMethod.PUT, "/engine-rest/job/" + jobId + "/duedate",
                Map.of("duedate", "2099-01-01T00:00:00.000+0000"));
        assertThat(rescheduled.getStatusCode().value()).as("%s", rescheduled.getBody()).isEqualTo(204);
        ResponseEntity<String> read = engineRest(admin, HttpMethod.GET, "/engine-rest/job/" + jobId, null);
        assertThat(read.getStatusCode().value()).as("%s", read.getBody()).isEqualTo(200);
        assertThat(read.getBody()).contains("2099-01-01");

        ResponseEntity<String> executed = engineRest(admin, HttpMethod.POST, "/engine-rest/job/" + jobId + "/execute", null);
        assertThat(executed.getStatusCode().value()).as("%s", executed.getBody()).isEqualTo(204);
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_administrator_signs_in_to_camunda_admin() {
        String admin = newUser("admin", Roles.ADMIN);

        ResponseEntity<Map<String, Object>> login = webappLogin(admin);

        assertThat(login.getStatusCode().value()).as("%s", login.getBody()).isEqualTo(200);
        assertThat((List<String>) login.getBody().get("authorizedApps")).contains("admin", "cockpit", "tasklist");
    }

    @Test
    void a_user_outside_camunda_admin_is_still_refused_camunda_admin() {
        String carrier = newUser("carrier", Roles.CARRIER);

        assertThat(webappLogin(carrier).getStatusCode().value()).isEqualTo(403);
        assertThat(engineRest(STAFF, HttpMethod.POST, "/engine-rest/user/create", Map.of(
                "profile", Map.of("id", "not.created." + UUID.randomUUID().toString().substring(0, 4)),
                "credentials", Map.of("password", "s3cret-Passw0rd"))).getStatusCode().value()).isEqualTo(403);
    }

    /** Camunda's webapp login: a first GET gives the session and its CSRF token, the form POST carries both. */
    private ResponseEntity<Map<String, Object>> webappLogin(String user) {
        ResponseEntity<String> page = http.getForEntity("/camunda/app/admin/default/", String.class);
        List<String> cookies = page.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of());
        String token = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring(11, c.indexOf(';')))
                .findFirst().orElse(page.getHeaders().getFirst("X-XSRF-TOKEN"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, String.join("; ", cookies.stream().map(c -> c.substring(0, c.indexOf(';'))).toList()));
        headers.add("X-XSRF-TOKEN", token);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", PASSWORD);
        return http.exchange("/camunda/api/admin/auth/user/default/login/admin", HttpMethod.POST,
                new HttpEntity<>(form, headers), new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { });
    }

    private ResponseEntity<String> engineRest(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, PASSWORD).exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
