package org.tremplin.platform.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two writes to the same task, process or aggregate at the very same time, whatever the door: one wins, the other is
 * told plainly that someone else changed it meanwhile (409), and exactly one event is stored. Run on H2 and PostgreSQL
 * by the subclasses (the unique key that catches the race differs).
 */
public abstract class ConcurrentWritesScenarios extends ApiTestSupport {

    /**
     * Races per scenario: each round must end in one winner and one refusal, so a single round already proves the
     * rule; five keep the suite within its time on two cores. {@code -Dtremplin.race.rounds=N} runs more (a soak).
     */
    static final int ROUNDS = Integer.getInteger("tremplin.race.rounds", 5);

    @org.springframework.boot.test.web.server.LocalServerPort
    private int port;
    private static final ZoneId PARIS = ParisTime.ZONE;

    private String carrierUser;
    private String carrierOrg;
    private String largeUser;
    private String largeOrg;
    private String labUser;
    private String labOrg;

    @BeforeEach
    void organisations() {
        if (carrierOrg == null) {
            carrierUser = newUser("carrier", Roles.CARRIER);
            largeUser = newUser("large", Roles.CARRIER);
            labUser = newUser("lab", Roles.CARRIER);
            carrierOrg = newOrganisation("Racing SME", "SME", carrierUser);
            largeOrg = newOrganisation("Racing Group SA", "LARGE_COMPANY", largeUser);
            labOrg = newOrganisation("Racing Lab", "RESEARCH_LAB", labUser);
        }
    }

    @Test
    void the_same_task_completed_twice_at_once_through_the_api_one_wins_one_is_told_409() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String projectId = readyConsortium();
            Map<String, Object> task = awaitTask(carrierUser, projectId, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM);
            List<ResponseEntity<String>> answers = race(() -> raw(carrierUser, HttpMethod.POST,
                    "/api/tasks/" + task.get("id") + "/complete", Map.of("consortiumComplete", true)));
            outcomes.add(statuses(answers));
            assertOneWinnerOneConflict(answers, 204, "completed by someone else");
            assertThat(eventTypes(projectId)).as("round %s", round).filteredOn("ProjectSubmittedForLabellingEvent"::equals).hasSize(1);
        }
        System.out.println("RACE /api/tasks: " + outcomes);
    }

    @Test
    void the_same_step_completed_twice_at_once_by_project_and_step_one_wins_one_is_told_409() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String projectId = readyConsortium();
            awaitTask(carrierUser, projectId, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM);
            // the loser either found the task open and lost the completion, or found it completed already: 409 both ways
            List<ResponseEntity<String>> answers = race(() -> raw(carrierUser, HttpMethod.POST, "/api/projects/" + projectId
                    + "/tasks/" + ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM + "/complete", Map.of("consortiumComplete", true)));
            outcomes.add(statuses(answers));
            assertOneWinnerOneConflict(answers, 204, "by someone else");
            assertThat(eventTypes(projectId)).as("round %s", round).filteredOn("ProjectSubmittedForLabellingEvent"::equals).hasSize(1);
        }
        System.out.println("RACE /api/projects/{id}/tasks/{step}: " + outcomes);
    }

    @Test
    void the_same_task_completed_twice_at_once_through_the_engine_rest_one_wins_the_other_gets_a_4xx() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String projectId = readyConsortium();
            Map<String, Object> task = awaitTask(carrierUser, projectId, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM);
            List<ResponseEntity<String>> answers = race(() -> raw(STAFF, HttpMethod.POST,
                    "/engine-rest/task/" + task.get("id") + "/complete",
                    Map.of("variables", Map.of("consortiumComplete", Map.of("value", true, "type", "Boolean")))));
            outcomes.add(statuses(answers));
            assertThat(answers).extracting(a -> a.getStatusCode().value()).as("%s", bodies(answers)).contains(204)
                    .allMatch(status -> status == 204 || status == 409);
            assertThat(answers).filteredOn(a -> a.getStatusCode().value() == 204).hasSize(1);
            ResponseEntity<String> loser = answers.stream().filter(a -> a.getStatusCode().value() != 204).findFirst().orElseThrow();
            assertThat(loser.getBody()).contains("\"type\"").contains("\"message\"").containsIgnoringCase("meanwhile");
            assertThat(eventTypes(projectId)).as("round %s", round).filteredOn("ProjectSubmittedForLabellingEvent"::equals).hasSize(1);
        }
        System.out.println("RACE /engine-rest task: " + outcomes);
    }

    @Test
    void the_same_task_submitted_twice_at_once_through_tasklist_one_wins_the_other_gets_a_409() throws Exception {
        EngineRestErrorsTest.Webapp first = EngineRestErrorsTest.Webapp.signIn(port, STAFF, PASSWORD);
        EngineRestErrorsTest.Webapp second = EngineRestErrorsTest.Webapp.signIn(port, STAFF, PASSWORD);
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < Math.max(3, ROUNDS / 2); round++) {
            String projectId = readyConsortium();
            Map<String, Object> task = awaitTask(carrierUser, projectId, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM);
            String path = "/camunda/api/engine/engine/default/task/" + task.get("id") + "/submit-form";
            String form = "{\"variables\":{\"consortiumComplete\":{\"value\":true,\"type\":\"Boolean\"}}}";
            java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
            List<ResponseEntity<String>> answers = race(() -> {
                try {
                    var answer = (turn.getAndIncrement() == 0 ? first : second).post(path, form);
                    return ResponseEntity.status(answer.statusCode()).body(answer.body());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            outcomes.add(statuses(answers));
            assertThat(answers).extracting(a -> a.getStatusCode().value()).as("%s", bodies(answers))
                    .containsExactlyInAnyOrder(204, 409);
            assertThat(answers.stream().filter(a -> a.getStatusCode().value() == 409).findFirst().orElseThrow().getBody())
                    .contains("\"type\"").contains("completed by someone else meanwhile");
            assertThat(eventTypes(projectId)).as("round %s", round).filteredOn("ProjectSubmittedForLabellingEvent"::equals)
                    .hasSize(1);
        }
        System.out.println("RACE Tasklist: " + outcomes);
    }

    @Test
    void the_same_abandon_message_twice_at_once_one_wins_one_is_told_409() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < 2 * ROUNDS; round++) {
            String projectId = submittedIdea();
            List<ResponseEntity<String>> answers = race(() -> raw(carrierUser, HttpMethod.POST,
                    "/api/projects/" + projectId + "/abandon", Map.of("reason", "We lost our lead engineer")));
            outcomes.add(statuses(answers));
            assertOneWinnerOneConflict(answers, 200, "");
            assertThat(eventTypes(projectId)).as("round %s", round).filteredOn("ProjectAbandonedEvent"::equals).hasSize(1);
        }
        System.out.println("RACE abandon: " + outcomes);
    }

    @Test
    void the_same_investor_invited_twice_at_once_one_wins_one_is_told_409() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String roundId = openRound();
            String investorId = investor();
            List<ResponseEntity<String>> answers = race(() -> raw(STAFF, HttpMethod.POST, "/api/rounds/" + roundId + "/invitations",
                    Map.of("investorId", investorId)));
            outcomes.add(statuses(answers));
            assertOneWinnerOneConflict(answers, 200, "");
            assertThat(eventTypes(roundId)).as("round %s", round).filteredOn("InvestorInvitedEvent"::equals).hasSize(1);
        }
        System.out.println("RACE invitation: " + outcomes);
    }

    @Test
    void the_same_budget_shift_twice_at_once_one_wins_one_is_told_409() throws Exception {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "X");
        String funderUser = newUser("funder", Roles.FUNDER);
        String funder = ensureFunder("RACE-" + suffix, "Race fund", "STATE_FUI", null, funderUser);
        String call = ensureCall(funder, "RACE-" + suffix + "-C");
        ApiConsortium c = labelledThroughApi("Racing budgets", "Racing Budget Group");
        String project = c.projectId();
        completeOk(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"), Map.of("targetCalls", call));
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", call),
                Map.of("requests", c.carrierOrg() + "; 200000; 100000; 100000\n" + c.largeOrg() + "; 300000; 100000; 50000"));
        completeOk(funderUser, awaitTask(funderUser, project, "user_record_funding_decision", "callId", call),
                Map.of("granted", true, "grants", c.carrierOrg() + "; 60000\n" + c.largeOrg() + "; 30000",
                        "reasons", "Both work packages."));
        String application = org.tremplin.funding.api.SubmitFundingApplicationCommand.applicationId(project, call.substring(5));
        awaitTask(funderUser, project, "user_sign_convention", "conventionId",
                org.tremplin.funding.api.GrantedAid.conventionId(application, c.largeOrg()));

        List<String> outcomes = new ArrayList<>();
        String receiverLedger = org.tremplin.funding.api.RecordStateAidCommand.ledgerId(project, c.largeOrg());
        int conflicts = 0;
        for (int round = 0; round < Math.max(5, ROUNDS / 2); round++) {
            long amendments = eventTypes(application).stream().filter("ConventionAmendedEvent"::equals).count();
            long charged = eventTypes(receiverLedger).stream().filter("StateAidRecordedEvent"::equals).count();
            List<ResponseEntity<String>> answers = race(() -> raw(STAFF, HttpMethod.POST,
                    "/api/funding/applications/" + application + "/budget-shifts", Map.of("fromOrganisationId", c.carrierOrg(),
                            "toOrganisationId", c.largeOrg(), "amount", 1000, "reason", "Work moved to the integrator")));
            outcomes.add(statuses(answers));
            long accepted = answers.stream().filter(a -> a.getStatusCode().value() == 200).count();
            if (accepted == 2) {
                // On a loaded machine the second request may start only after the first committed: then it is a
                // second shift, made on the state the first left, and both are stored exactly once each. Anything
                // else but that or one winner and one 409 fails.
                assertThat(answers).extracting(a -> a.getStatusCode().value()).containsOnly(200);
            } else {
                assertOneWinnerOneConflict(answers, 200, "at the same time");
                conflicts++;
            }
            assertThat(eventTypes(application).stream().filter("ConventionAmendedEvent"::equals).count())
                    .as("round %s: each accepted shift amends two conventions", round).isEqualTo(amendments + 2 * accepted);
            assertThat(eventTypes(receiverLedger).stream().filter("StateAidRecordedEvent"::equals).count())
                    .as("round %s: each accepted shift charges the receiver's ledger once", round).isEqualTo(charged + accepted);
        }
        System.out.println("RACE budget shift: " + outcomes);
        assertThat(conflicts).as("rounds that met at the same time and ended in one winner and a 409: %s", outcomes)
                .isPositive();
    }

    /** Two different documents are two commands that do not conflict: both are kept, in turn (never a 500). */
    @Test
    void two_documents_added_to_the_same_data_room_at_once_are_both_kept() throws Exception {
        for (int round = 0; round < 3; round++) {
            String roundId = openRound();
            List<ResponseEntity<String>> answers = race(() -> raw(STAFF, HttpMethod.POST, "/api/rounds/" + roundId + "/documents",
                    Map.of("title", "Business plan", "reference", "dataroom://racing/bp.pdf")));
            assertThat(answers).extracting(a -> a.getStatusCode().value()).as("%s", bodies(answers)).containsExactly(200, 200);
            assertThat(eventTypes(roundId)).filteredOn("RoundDocumentAddedEvent"::equals).hasSize(2);
        }
    }

    // ---------------------------------------------------------------- fixtures

    /** A project whose three partners have joined under NDA: its carrier's "build the consortium" task can be completed. */
    private String readyConsortium() {
        String projectId = submittedIdea();
        for (String org : List.of(largeOrg, labOrg)) {
            assertThat(post(carrierUser, "/api/projects/" + projectId + "/invitations", Map.of("organisationId", org))
                    .getStatusCode().value()).isEqualTo(200);
        }
        awaitProject(carrierUser, projectId, p -> ((List<?>) p.get("partners")).size() == 3);
        joinWithNda(largeUser, projectId, largeOrg, "System integration", 400000);
        joinWithNda(labUser, projectId, labOrg, "Photonic sources", 300000);
        return projectId;
    }

    private String submittedIdea() {
        ResponseEntity<Map<String, Object>> submitted = post(carrierUser, "/api/projects", Map.of(
                "title", "Racing lidar", "summary", "Two clicks at once.", "thematicAxis", "Mobility",
                "confidentiality", "CONSORTIUM", "carrierOrganisationId", carrierOrg, "plannedBudget", 250000));
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(201);
        String projectId = (String) submitted.getBody().get("id");
        awaitProject(carrierUser, projectId, p -> "CONSORTIUM_BUILDING".equals(p.get("status")));
        return projectId;
    }

    private String openRound() {
        Map<String, Object> terms = equityTerms(500000, 300000, 600000, 50000, 4000000, LocalDate.now(PARIS).plusMonths(2));
        ResponseEntity<Map<String, Object>> opened = post(STAFF, "/api/rounds", Map.of("title", "Seed",
                "companyOrganisationId", carrierOrg, "terms", terms, "sharePassport", false, "shareCommitments", false));
        assertThat(opened.getStatusCode().value()).as("%s", opened.getBody()).isEqualTo(201);
        return (String) opened.getBody().get("id");
    }

    private String investor() {
        String code = "R" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        ResponseEntity<Map<String, Object>> created = post(STAFF, "/api/investors",
                Map.of("code", code, "name", "Fund " + code, "kind", "VC_FUND"));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        return "INVESTOR-" + code;
    }

    // ---------------------------------------------------------------- racing

    /** Sends the same request from two threads released by one barrier; both answers, in no particular order. */
    static List<ResponseEntity<String>> race(Supplier<ResponseEntity<String>> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ResponseEntity<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return request.get();
                }));
            }
            List<ResponseEntity<String>> answers = new ArrayList<>();
            for (Future<ResponseEntity<String>> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    ResponseEntity<String> raw(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, PASSWORD).exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static void assertOneWinnerOneConflict(List<ResponseEntity<String>> answers, int success, String mention) {
        assertThat(answers).extracting(a -> a.getStatusCode().value()).as("%s", bodies(answers))
                .containsExactlyInAnyOrder(success, 409);
        ResponseEntity<String> loser = answers.stream().filter(a -> a.getStatusCode().value() == 409).findFirst().orElseThrow();
        assertThat(loser.getHeaders().getContentType()).isNotNull();
        assertThat(loser.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("%s", loser.getBody()).isTrue();
        assertThat(loser.getBody()).containsIgnoringCase(mention);
    }

    private static String statuses(List<ResponseEntity<String>> answers) {
        return answers.stream().map(a -> String.valueOf(a.getStatusCode().value())).sorted().reduce((a, b) -> a + "+" + b)
                .orElse("");
    }

    private static List<String> bodies(List<ResponseEntity<String>> answers) {
        return answers.stream().map(a -> a.getStatusCode().value() + " " + a.getBody()).toList();
    }
}
