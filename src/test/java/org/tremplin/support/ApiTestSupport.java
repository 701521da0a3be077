package org.tremplin.support;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tremplin.platform.process.Identity;
import org.tremplin.shared.Roles;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole application on a random port, driven through its REST API as real users. Every subclass without
 * configuration of its own shares one cached application context (per test JVM): the API tests, the console page
 * tests (hence MockMvc here, unused by the others), the browser journeys. Metrics are exported as in production
 * (the Prometheus endpoint), which Spring Boot's tests turn off unless asked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@AutoConfigureMockMvc
@ActiveProfiles("test")
public abstract class ApiTestSupport {

    public static final String PASSWORD = "secret";
    public static final String STAFF = "staff.one";
    public static final String AUDITOR = "auditor.one";

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected ProcessEngine processEngine;
    @Autowired
    protected Identity identity;
    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected JdbcTemplate jdbc;

    @BeforeEach
    void initEngineAndUsers() {
        BpmnAwareTests.init(processEngine);
        serveOurEngine();
        identity.ensureUser(STAFF, "Staff", "One", PASSWORD, List.of(Roles.POLE_STAFF));
        identity.ensureUser(AUDITOR, "Auditor", "One", PASSWORD, List.of(Roles.AUDITOR));
    }

    /**
     * Camunda's engine REST and webapps (Tasklist) find the engine named "default" in JVM-wide registries (the
     * {@code ProcessEngines} map and the runtime container), which hold the engine of the application context started
     * LAST; a test class with settings of its own starts a context of its own. Before each test, this application's
     * engine becomes the one they serve (a race test through Tasklist failed with "No open task" when a class with its
     * own context had run before it in the same JVM).
     */
    private void serveOurEngine() {
        org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(processEngine);
        var container = org.camunda.bpm.container.RuntimeContainerDelegate.INSTANCE.get();
        var registered = container.getProcessEngineService().getProcessEngine(processEngine.getName());
        if (registered != processEngine) {
            if (registered != null) {
                container.unregisterProcessEngine(registered);
            }
            container.registerProcessEngine(processEngine);
        }
    }

    /**
     * Equity round terms for {@code POST /api/rounds} (whole euros, not all-or-nothing), as a mutable map that a test
     * may change before sending.
     */
    protected static Map<String, Object> equityTerms(long targetAmount, long minimumRaise, long maximumRaise,
                                                     long minimumTicket, Number preMoneyValuation, java.time.LocalDate closingDate) {
        Map<String, Object> terms = new java.util.LinkedHashMap<>();
        terms.put("instrument", "EQUITY");
        terms.put("targetAmount", targetAmount);
        terms.put("minimumRaise", minimumRaise);
        terms.put("maximumRaise", maximumRaise);
        terms.put("minimumTicket", minimumTicket);
        terms.put("preMoneyValuation", preMoneyValuation);
        terms.put("closingDate", closingDate.toString());
        terms.put("allOrNothing", false);
        return terms;
    }

    /** A new user of the given groups, with a unique id. */
    protected String newUser(String prefix, String... groups) {
        String id = prefix + "." + UUID.randomUUID().toString().substring(0, 6);
        identity.ensureUser(id, prefix, "Test", PASSWORD, List.of(groups));
        return id;
    }

    /** Registers an organisation through the API (as pole staff) with a member user; returns its id. */
    protected String newOrganisation(String name, String kind, String memberUser) {
        String code = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ResponseEntity<Map<String, Object>> created = post(STAFF, "/api/organisations", Map.of(
                "name", name, "nationalIdScheme", "OTHER", "nationalId", code, "kind", kind, "headcount", 42,
                "region", "Auvergne-Rhône-Alpes", "competences", List.of("photonics", "embedded systems")));
        assertThat(created.getStatusCode().value()).as("register %s: %s", name, created.getBody()).isEqualTo(201);
        String id = (String) created.getBody().get("id");
        if (memberUser != null) {
            ResponseEntity<Map<String, Object>> member = post(STAFF, "/api/organisations/" + id + "/members",
                    Map.of("userId", memberUser));
            assertThat(member.getStatusCode().value()).as("add member: %s", member.getBody()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> get(STAFF, "/api/organisations/" + id).getStatusCode().value() == 200
                && (memberUser == null || ((List<?>) get(STAFF, "/api/organisations/" + id).getBody().get("members")).contains(memberUser)));
        return id;
    }

    /**
     * A funder registered through the API (as pole staff) under that exact code, or the one already registered under it
     * (test classes sharing a context share funders); the user is added to its users. Service levels: decision 120
     * days, convention 60, first payment 30, balance 365; contracting deadline 6 months.
     */
    protected String ensureFunder(String code, String name, String kind, List<Map<String, Object>> contributors, String funderUser) {
        String id = "FUNDER-" + code;
        if (get(STAFF, "/api/funders/" + id).getStatusCode().value() == 404) {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("code", code);
            body.put("name", name);
            body.put("kind", kind);
            body.put("contractingDeadlineMonths", 6);
            body.put("serviceLevelDays", Map.of("SUBMISSION_TO_DECISION", 120, "DECISION_TO_CONVENTION", 60,
                    "CONVENTION_TO_FIRST_PAYMENT", 30, "FIRST_PAYMENT_TO_BALANCE", 365));
            if (contributors != null) {
                body.put("contributors", contributors);
            }
            ResponseEntity<Map<String, Object>> created = post(STAFF, "/api/funders", body);
            assertThat(created.getStatusCode().value()).as("register funder %s: %s", code, created.getBody()).isEqualTo(201);
        }
        if (funderUser != null) {
            ResponseEntity<Map<String, Object>> added = post(STAFF, "/api/funders/" + id + "/users", Map.of("userId", funderUser));
            assertThat(added.getStatusCode().value()).as("add funder user: %s", added.getBody()).isEqualTo(200);
        }
        return id;
    }

    /** A call of the funder under that exact code, open from last month for two months, label required; reused when present. */
    protected String ensureCall(String funderId, String code) {
        String id = "CALL-" + code;
        if (get(STAFF, "/api/calls/" + id).getStatusCode().value() == 404) {
            java.time.LocalDate today = org.tremplin.shared.ParisTime.today();
            ResponseEntity<Map<String, Object>> created = post(STAFF, "/api/calls", Map.of("funderId", funderId, "code", code,
                    "title", "Call " + code, "openingDate", today.minusMonths(1).toString(),
                    "closingDate", today.plusMonths(1).toString(),
                    "eligiblePartnerKinds", List.of("SME", "MID_SIZE_COMPANY", "LARGE_COMPANY", "RESEARCH_LAB"),
                    "labelRequired", true));
            assertThat(created.getStatusCode().value()).as("open call %s: %s", code, created.getBody()).isEqualTo(201);
        }
        return id;
    }

    /** A project whose consortium was built through the API, ready for labelling. */
    protected record ApiConsortium(String projectId, String processInstanceId, String carrierUser, String carrierOrg,
                                   String largeUser, String largeOrg, String labUser, String labOrg) {
    }

    protected ApiConsortium consortiumThroughApi() {
        return consortiumThroughApi("Quantum lidar for autonomous trains", "Grand Groupe SA");
    }

    /**
     * An SME carrier ("Photonique SME", 250,000.50 €), a large company ("System integration", 400,000 €) and a
     * lab ("Photonic sources", 300,000 €), joined and under NDA on a CONSORTIUM-level project: ready for labelling.
     */
    @SuppressWarnings("unchecked")
    protected ApiConsortium consortiumThroughApi(String title, String largeCompanyName) {
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String largeUser = newUser("large", Roles.CARRIER);
        String labUser = newUser("lab", Roles.CARRIER);
        String carrierOrg = newOrganisation("Photonique SME", "SME", carrierUser);
        String largeOrg = newOrganisation(largeCompanyName, "LARGE_COMPANY", largeUser);
        String labOrg = newOrganisation("Laboratoire Photonique", "RESEARCH_LAB", labUser);

        ResponseEntity<Map<String, Object>> submitted = post(carrierUser, "/api/projects", Map.of(
                "title", title, "summary", "A photonic lidar robust to fog.",
                "thematicAxis", "Mobility", "confidentiality", "CONSORTIUM", "carrierOrganisationId", carrierOrg,
                "plannedBudget", 250000.50));
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(201);
        String projectId = (String) submitted.getBody().get("id");
        String processInstanceId = (String) submitted.getBody().get("processInstanceId");
        awaitProject(carrierUser, projectId, p -> "CONSORTIUM_BUILDING".equals(p.get("status")));

        for (String org : List.of(largeOrg, labOrg)) {
            ResponseEntity<Map<String, Object>> invited = post(carrierUser, "/api/projects/" + projectId + "/invitations",
                    Map.of("organisationId", org));
            assertThat(invited.getStatusCode().value()).as("%s", invited.getBody()).isEqualTo(200);
        }
        awaitProject(carrierUser, projectId, p -> ((List<?>) p.get("partners")).size() == 3);
        joinWithNda(largeUser, projectId, largeOrg, "System integration", 400000);
        joinWithNda(labUser, projectId, labOrg, "Photonic sources", 300000);
        awaitProject(carrierUser, projectId, p -> ((List<Map<String, Object>>) p.get("partners")).stream()
                .allMatch(partner -> Boolean.TRUE.equals(partner.get("lead")) || partner.get("ndaSignedAt") != null));
        return new ApiConsortium(projectId, processInstanceId, carrierUser, carrierOrg, largeUser, largeOrg, labUser, labOrg);
    }

    /** A consortium built through the API and labelled through the task API (two reviewers, label granted, conclusions delivered). */
    protected ApiConsortium labelledThroughApi(String title, String largeCompanyName) {
        ApiConsortium c = consortiumThroughApi(title, largeCompanyName);
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(), "user_build_consortium"),
                Map.of("consortiumComplete", true));
        completeOk(STAFF, awaitTask(STAFF, c.projectId(), "user_assign_reviewers"), Map.of("reviewers", reviewerA + ", " + reviewerB,
                "reviewDeadline", java.time.LocalDate.now().plusDays(10).toString()));
        completeOk(reviewerA, awaitTask(reviewerA, c.projectId(), "user_review_file"),
                Map.of("score", 16, "recommendation", "GRANT", "conclusions", "Clear market, solid team."));
        completeOk(reviewerB, awaitTask(reviewerB, c.projectId(), "user_review_file"),
                Map.of("score", 14, "recommendation", "GRANT", "conclusions", "Sound plan."));
        completeOk(STAFF, awaitTask(STAFF, c.projectId(), "user_decide_label"), Map.of("granted", true, "reasons", "Innovative."));
        completeOk(STAFF, awaitTask(STAFF, c.projectId(), "user_communicate_conclusions"), Map.of("message", "Well done."));
        awaitProject(STAFF, c.projectId(), p -> "LABEL_GRANTED".equals(p.get("status")));
        return c;
    }

    /** Completes the task through the API and expects 204. */
    protected void completeOk(String user, Map<String, Object> task, Map<String, Object> values) {
        ResponseEntity<Map<String, Object>> completed = complete(user, task, values);
        assertThat(completed.getStatusCode().value()).as("complete %s as %s: %s", task.get("taskDefinitionKey"), user,
                completed.getBody()).isEqualTo(204);
    }

    /** The open task of that definition whose subject (e.g. callId, conventionId) has that value, as the user sees it. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> awaitTask(String user, String projectId, String taskDefinitionKey, String subjectKey, String subject) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> getList(user, "/api/tasks?projectId=" + projectId).getBody().stream()
                .filter(t -> taskDefinitionKey.equals(t.get("taskDefinitionKey"))
                        && subject.equals(((Map<String, Object>) t.get("subject")).get(subjectKey)))
                .findFirst().orElse(null), task -> task != null);
    }

    /** A funder's user records the signed convention: today, two years of work, the advance given, an 80 % cap. */
    protected void signConvention(String user, String projectId, String conventionId, String advancePercent) {
        java.time.LocalDate today = org.tremplin.shared.ParisTime.today();
        completeOk(user, awaitTask(user, projectId, "user_sign_convention", "conventionId", conventionId), Map.of(
                "signedOn", today.toString(), "endDate", today.plusYears(2).toString(),
                "advancePercent", advancePercent, "interimCapPercent", "80"));
    }

    /** A partner's user submits an expense statement up to today. */
    protected void submitStatement(String user, String projectId, String conventionId, String amount, boolean finalStatement) {
        completeOk(user, awaitTask(user, projectId, "user_submit_expense_statement", "conventionId", conventionId), Map.of(
                "periodEnd", org.tremplin.shared.ParisTime.today().toString(), "amount", amount,
                "finalStatement", finalStatement));
    }

    /** A funder's user approves (in full) or rejects the expense statement under review, with an optional comment. */
    protected void reviewStatement(String user, String projectId, String conventionId, boolean approved, String comment) {
        Map<String, Object> form = new java.util.HashMap<>();
        form.put("approved", approved);
        if (comment != null) {
            form.put("comment", comment);
        }
        completeOk(user, awaitTask(user, projectId, "user_review_expense_statement", "conventionId", conventionId), form);
    }

    // ---------------------------------------------------------------- reading answers

    private static final com.fasterxml.jackson.databind.ObjectMapper PROBLEM_READER = new com.fasterxml.jackson.databind.ObjectMapper();

    /** An RFC 7807 refusal: the status, problem+json, a detail that is not blank and names every mention. */
    protected static void assertProblem(ResponseEntity<Map<String, Object>> response, int status, String... mentions) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).as("content type of %s", response.getBody()).isNotNull();
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat((String) response.getBody().get("detail")).isNotBlank();
        if (mentions.length > 0) {
            assertThat((String) response.getBody().get("detail")).contains(mentions);
        }
    }

    /** The same for a raw answer: status, problem+json, the problem's own status, a detail naming the keyword. */
    protected static void assertProblem(ResponseEntity<String> response, String name, int status, String keyword) throws Exception {
        assertThat(response.getStatusCode().value()).as("status of %s: %s", name, response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).as("content type of %s", name).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s of %s", response.getHeaders().getContentType(), name).isTrue();
        Map<String, Object> problem = PROBLEM_READER.readValue(response.getBody(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(problem.get("status")).as("problem status").isEqualTo(status);
        assertThat((String) problem.get("detail")).as("detail of %s", name).isNotBlank().containsIgnoringCase(keyword);
    }

    /** An amount of a JSON answer, in euros. */
    protected static java.math.BigDecimal money(Map<String, Object> body, String field) {
        return new java.math.BigDecimal(String.valueOf(body.get(field)));
    }

    protected static void assertMoney(Map<String, Object> body, String field, String expected) {
        assertThat(money(body, field)).as(field + " of " + body).isEqualByComparingTo(expected);
    }

    protected static void assertMoney(Map<String, Object> body, String field, java.math.BigDecimal expected) {
        assertThat(money(body, field)).as(field + " of " + body).isEqualByComparingTo(expected);
    }

    /** The partner's user joins with a role and a budget, then signs the NDA. */
    protected void joinWithNda(String user, String projectId, String org, String role, long budget) {
        ResponseEntity<Map<String, Object>> joined = post(user, "/api/projects/" + projectId + "/partners/" + org + "/join",
                Map.of("role", role, "plannedBudget", budget));
        assertThat(joined.getStatusCode().value()).as("%s", joined.getBody()).isEqualTo(200);
        ResponseEntity<Map<String, Object>> nda = post(user, "/api/projects/" + projectId + "/partners/" + org + "/nda", Map.of());
        assertThat(nda.getStatusCode().value()).as("%s", nda.getBody()).isEqualTo(200);
    }

    /** What the live read model showed the auditor of a project, and when. */
    protected record Observation(java.time.Instant at, Map<String, Object> seen) {
    }

    /** A project labelled through the API, refused, and the auditor's live view observed along the way. */
    protected record ObservedLabelling(String projectId, String carrier, java.time.Instant beforeTheProject,
                                       List<Observation> observations) {
    }

    /**
     * A consortium built and labelled through the API, the label refused, the auditor's live view of the project
     * observed after each stage: created, partners invited, partners joined with their NDAs, reviewers assigned, label
     * decided, conclusions communicated (the "as of" tests compare their rebuilt views with these).
     */
    protected ObservedLabelling refusedLabellingObserved(String name) {
        List<Observation> observations = new java.util.ArrayList<>();
        String carrier = newUser("carrier", org.tremplin.shared.Roles.CARRIER);
        String large = newUser("large", org.tremplin.shared.Roles.CARRIER);
        String lab = newUser("lab", org.tremplin.shared.Roles.CARRIER);
        String reviewerA = newUser("reviewer", org.tremplin.shared.Roles.REVIEWER);
        String reviewerB = newUser("reviewer", org.tremplin.shared.Roles.REVIEWER);
        String carrierOrg = newOrganisation(name + " SME", "SME", carrier);
        String largeOrg = newOrganisation(name + " Large", "LARGE_COMPANY", large);
        String labOrg = newOrganisation(name + " Lab", "RESEARCH_LAB", lab);
        java.time.Instant beforeTheProject = java.time.Instant.now();

        String projectId = (String) post(carrier, "/api/projects", Map.of("title", name + ": time travel for auditors",
                "summary", "Replay any instant.", "thematicAxis", "Digital", "confidentiality", "RESTRICTED",
                "carrierOrganisationId", carrierOrg, "plannedBudget", 1000)).getBody().get("id");
        observations.add(observe(projectId));
        post(carrier, "/api/projects/" + projectId + "/invitations", Map.of("organisationId", largeOrg));
        post(carrier, "/api/projects/" + projectId + "/invitations", Map.of("organisationId", labOrg));
        observations.add(observe(projectId));
        post(large, "/api/projects/" + projectId + "/partners/" + largeOrg + "/join", Map.of("role", "Integration", "plannedBudget", 2000.5));
        post(large, "/api/projects/" + projectId + "/partners/" + largeOrg + "/nda", Map.of());
        post(lab, "/api/projects/" + projectId + "/partners/" + labOrg + "/join", Map.of("role", "Science", "plannedBudget", 3000));
        post(lab, "/api/projects/" + projectId + "/partners/" + labOrg + "/nda", Map.of());
        observations.add(observe(projectId));
        complete(carrier, awaitTask(carrier, projectId,
                        org.tremplin.project.process.ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM),
                Map.of("consortiumComplete", true));
        complete(STAFF, awaitTask(STAFF, projectId,
                        org.tremplin.project.process.LabellingProcess.Elements.USER_ASSIGN_REVIEWERS),
                Map.of("reviewers", reviewerA + "," + reviewerB,
                        "reviewDeadline", java.time.LocalDate.now().plusDays(9).toString()));
        observations.add(observe(projectId));
        complete(reviewerA, awaitTask(reviewerA, projectId,
                        org.tremplin.project.process.LabellingProcess.Elements.USER_REVIEW_FILE),
                Map.of("score", 18, "recommendation", "GRANT", "conclusions", "Excellent."));
        complete(reviewerB, awaitTask(reviewerB, projectId,
                        org.tremplin.project.process.LabellingProcess.Elements.USER_REVIEW_FILE),
                Map.of("score", 9, "recommendation", "REFUSE", "conclusions", "Weak market study."));
        complete(STAFF, awaitTask(STAFF, projectId,
                        org.tremplin.project.process.LabellingProcess.Elements.USER_DECIDE_LABEL),
                Map.of("granted", false, "reasons", "Market not demonstrated."));
        observations.add(observe(projectId));
        complete(STAFF, awaitTask(STAFF, projectId,
                        org.tremplin.project.process.LabellingProcess.Elements.USER_COMMUNICATE_CONCLUSIONS), Map.of());
        observations.add(observe(projectId));
        return new ObservedLabelling(projectId, carrier, beforeTheProject, List.copyOf(observations));
    }

    /** What the live read model shows the auditor right now, and when. */
    protected Observation observe(String projectId) {
        Map<String, Object> seen = get(AUDITOR, "/api/projects/" + projectId).getBody();
        return new Observation(java.time.Instant.now(), seen);
    }

    protected ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
        return exchange(user, HttpMethod.POST, path, body);
    }

    protected ResponseEntity<Map<String, Object>> get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, null);
    }

    protected ResponseEntity<Map<String, Object>> exchange(String user, HttpMethod method, String path, Object body) {
        return http.withBasicAuth(user, PASSWORD).exchange(path, method, json(body),
                new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    protected ResponseEntity<List<Map<String, Object>>> getList(String user, String path) {
        return http.withBasicAuth(user, PASSWORD).exchange(path, HttpMethod.GET, json(null),
                new ParameterizedTypeReference<List<Map<String, Object>>>() { });
    }

    protected static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    /** Waits until the project read model satisfies the condition (projections follow the events). */
    protected Map<String, Object> awaitProject(String user, String projectId, Predicate<Map<String, Object>> condition) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            ResponseEntity<Map<String, Object>> response = get(user, "/api/projects/" + projectId);
            return response.getStatusCode().value() == 200 ? response.getBody() : null;
        }, body -> body != null && condition.test(body));
    }

    /** The open task of that definition for the project, as the user sees it in GET /api/tasks. */
    protected Map<String, Object> awaitTask(String user, String projectId, String taskDefinitionKey) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> getList(user, "/api/tasks?projectId=" + projectId).getBody().stream()
                .filter(t -> projectId.equals(t.get("projectId")) && taskDefinitionKey.equals(t.get("taskDefinitionKey")))
                .findFirst().orElse(null), task -> task != null);
    }

    protected ResponseEntity<Map<String, Object>> complete(String user, Map<String, Object> task, Map<String, Object> values) {
        return post(user, "/api/tasks/" + task.get("id") + "/complete", values);
    }

    protected List<? extends DomainEventMessage<?>> events(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().toList();
    }

    protected List<String> eventTypes(String aggregateId) {
        return events(aggregateId).stream().map(e -> e.getPayloadType().getSimpleName()).toList();
    }

    protected long storedEventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    protected long runningProcessInstances() {
        return processEngine.getRuntimeService().createProcessInstanceQuery().count();
    }
}
