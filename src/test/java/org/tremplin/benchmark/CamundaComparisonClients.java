package org.tremplin.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tremplin.benchmark.plain.PlainCamundaApplication;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The HTTP clients of {@link CamundaComparisonBenchmark}: one labelling driven through Tremplin's REST API the way a
 * pole does it, and the same labelling driven through plain Camunda's engine REST (start by key, then for each user
 * task: find it, submit its form with the same values), with or without Camunda's basic authentication.
 *
 * <p>A labelling, on both: the idea starts the project lifecycle (its first user task: build the consortium); the
 * carrier submits the consortium; staff assign two reviewers; each reviewer reviews; staff decide (granted) and
 * communicate the conclusions; the lifecycle then waits on "choose the calls" as after any granted label. On Tremplin
 * the carrier also invites two partners, who join (commands outside the process, as a real consortium needs them).
 *
 * <p>Requests per labelling: plain Camunda 13 (the start, then a task lookup and a form submission per step: its engine
 * REST addresses a task by id only); Tremplin 11 (the start, two invitations, two joins, one request per step by project
 * and step), or 17 with {@code benchmark.tremplin.taskListFirst} (a task-list lookup before each step, as plain does).
 */
final class CamundaComparisonClients {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private CamundaComparisonClients() {
    }

    /** One system as the benchmark drives it. */
    interface Driver {
        String name();

        /** Users, groups, organisations: whatever a labelling needs, untimed. */
        void setUp();

        /** Starts one lifecycle (returns when its first user task exists); returns the project's key. */
        String startIdea(int n);

        /** A whole labelling, from the idea to the conclusions communicated. */
        void labelling(int n);

        /** How many lifecycles wait on "choose the calls" (each granted labelling leaves one). */
        long grantedLabellings();

        /** Requests that had to be repeated because what they addressed was not visible yet. */
        long retries();

        /**
         * Milliseconds the server's writes have waited so far for its read models to show them (Tremplin's
         * read-your-writes wait, all outcomes); NaN for a system that does not wait.
         */
        default double readYourWritesMillis() {
            return Double.NaN;
        }

        /**
         * Nanoseconds the client has spent so far in each kind of a labelling's requests (retries included), by kind:
         * the two systems' labellings are made of different requests, and where a labelling's time goes between them
         * is what the one-client ratio is made of.
         */
        Map<String, Long> requestNanos();
    }

    /** The clients' time in each kind of request, added up across threads. */
    static final class RequestTimes {
        private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

        <T> T timed(String kind, Supplier<T> request) {
            long start = System.nanoTime();
            try {
                return request.get();
            } finally {
                nanos.computeIfAbsent(kind, k -> new LongAdder()).add(System.nanoTime() - start);
            }
        }

        void timed(String kind, Runnable request) {
            timed(kind, () -> {
                request.run();
                return null;
            });
        }

        Map<String, Long> snapshot() {
            Map<String, Long> copy = new TreeMap<>();
            nanos.forEach((kind, sum) -> copy.put(kind, sum.sum()));
            return copy;
        }
    }

    /** Kinds of requests ({@link Driver#requestNanos()}). */
    static final String START = "the start", CONSORTIUM = "the consortium's two invitations and two joins",
            STEPS = "the six steps", LOOKUPS = "the six task look-ups", SUBMISSIONS = "the six form submissions";

    /** A small JSON-over-HTTP helper with basic authentication per call. */
    static final class Http {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String baseUrl;

        Http(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        HttpResponse<String> send(String method, String path, String user, String password, Object body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
            if (user != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            try {
                if (body != null) {
                    request.header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
                } else if ("GET".equals(method)) {
                    request.GET();
                } else {
                    request.method(method, HttpRequest.BodyPublishers.noBody());
                }
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Sends and requires a 2xx; returns the body as JSON (null when empty). */
        JsonNode ok(String method, String path, String user, String password, Object body) {
            HttpResponse<String> response = send(method, path, user, password, body);
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " as " + user + " -> " + response.statusCode() + " "
                        + response.body());
            }
            return parse(response.body());
        }

        static JsonNode parse(String body) {
            try {
                return body == null || body.isBlank() ? null : JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------------ Tremplin

    /** Tremplin through its REST API ({@code /api}); its administrator creates the users through the engine REST. */
    static final class Tremplin implements Driver {
        static final String STAFF = PlainCamundaApplication.STAFF;
        static final String PASSWORD = PlainCamundaApplication.PASSWORD;
        private final String suffix = UUID.randomUUID().toString().substring(0, 6);
        private final String reviewerA = "bench-reviewer-a-" + suffix;
        private final String reviewerB = "bench-reviewer-b-" + suffix;
        private final String name;
        private final Http http;
        private final AtomicLong retries = new AtomicLong();
        private final RequestTimes times = new RequestTimes();
        private final List<Consortium> consortia = new java.util.ArrayList<>();
        private final int consortiumCount;
        /**
         * {@code -Dbenchmark.tremplin.taskListFirst=true}: each step as a client of the task list does it (find the task
         * in {@code GET /api/tasks?projectId=}, then complete it by its id: 17 requests a labelling) rather than by project
         * and step ({@code POST /api/projects/{id}/tasks/{step}/complete}: 11 requests; plain Camunda's client needs 13).
         */
        static final boolean TASK_LIST_FIRST = Boolean.getBoolean("benchmark.tremplin.taskListFirst");

        /** An SME carrier, a large company and a lab, each with its user. */
        private record Consortium(String carrier, String sme, String largeUser, String large, String labUser, String lab) {
        }

        /**
         * @param consortia how many consortia the labellings take turns with ({@code benchmark.consortia}): the label
         *                  decision checks each partner's capacity against all its running projects, so with one
         *                  consortium its cost grows with the run (about 250 projects each by the end of three rounds,
         *                  where the busiest organisation of the generated national store has 38)
         */
        Tremplin(String name, String baseUrl, int consortia) {
            this.name = name;
            this.http = new Http(baseUrl);
            this.consortiumCount = consortia;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void setUp() {
            user(reviewerA, "reviewer");
            user(reviewerB, "reviewer");
            for (int i = 0; i < consortiumCount; i++) {
                String tag = suffix + "-" + i;
                String carrier = "bench-carrier-" + tag;
                String largeUser = "bench-large-" + tag;
                String labUser = "bench-lab-" + tag;
                user(carrier, "carrier");
                user(largeUser, "carrier");
                user(labUser, "carrier");
                consortia.add(new Consortium(carrier, organisation("Bench SME " + tag, "SME", carrier), largeUser,
                        organisation("Bench Large " + tag, "LARGE_COMPANY", largeUser), labUser,
                        organisation("Bench Lab " + tag, "RESEARCH_LAB", labUser)));
            }
        }

        private void user(String id, String group) {
            http.ok("POST", "/engine-rest/user/create", STAFF, PASSWORD, Map.of(
                    "profile", Map.of("id", id, "firstName", id, "lastName", "Benchmark", "email", id + "@bench.example"),
                    "credentials", Map.of("password", PASSWORD)));
            http.ok("PUT", "/engine-rest/group/" + group + "/members/" + id, STAFF, PASSWORD, null);
        }

        private String organisation(String title, String kind, String member) {
            String id = http.ok("POST", "/api/organisations", STAFF, PASSWORD, Map.of("name", title, "nationalIdScheme", "OTHER",
                    "nationalId", "B" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), "kind", kind,
                    "headcount", 42, "region", "Auvergne-Rhône-Alpes", "competences", List.of("benchmarks"))).get("id").asText();
            http.ok("POST", "/api/organisations/" + id + "/members", STAFF, PASSWORD, Map.of("userId", member));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                HttpResponse<String> read = http.send("GET", "/api/organisations/" + id, STAFF, PASSWORD, null);
                if (read.statusCode() == 200 && read.body().contains("\"" + member + "\"")) {
                    return id;
                }
                pause(50);
            }
            throw new IllegalStateException("Organisation " + id + " never showed its member " + member);
        }

        @Override
        public String startIdea(int n) {
            return startIdea(n, consortia.get(n % consortia.size()));
        }

        private String startIdea(int n, Consortium consortium) {
            String carrier = consortium.carrier();
            Map<String, Object> idea = new LinkedHashMap<>();
            idea.put("title", "Benchmark idea " + n);
            idea.put("summary", "Measuring the engine.");
            idea.put("thematicAxis", "Benchmarks");
            idea.put("confidentiality", "PUBLIC");
            idea.put("carrierOrganisationId", consortium.sme());
            idea.put("plannedBudget", 1000.00);
            return times.timed(START, () -> http.ok("POST", "/api/projects", carrier, PASSWORD, idea).get("id").asText());
        }

        @Override
        public void labelling(int n) {
            Consortium consortium = consortia.get(n % consortia.size());
            String carrier = consortium.carrier();
            String large = consortium.large();
            String lab = consortium.lab();
            String largeUser = consortium.largeUser();
            String labUser = consortium.labUser();
            String project = startIdea(n, consortium);
            times.timed(CONSORTIUM, () -> {
                retrying("POST", "/api/projects/" + project + "/invitations", carrier, Map.of("organisationId", large));
                retrying("POST", "/api/projects/" + project + "/invitations", carrier, Map.of("organisationId", lab));
                retrying("POST", "/api/projects/" + project + "/partners/" + large + "/join", largeUser,
                        Map.of("role", "R&D", "plannedBudget", 1000));
                retrying("POST", "/api/projects/" + project + "/partners/" + lab + "/join", labUser,
                        Map.of("role", "R&D", "plannedBudget", 1000));
            });
            step(carrier, project, "user_build_consortium", Map.of("consortiumComplete", true));
            step(STAFF, project, "user_assign_reviewers", Map.of("reviewers", reviewerA + "," + reviewerB,
                    "reviewDeadline", LocalDate.now(PARIS).plusDays(30).toString()));
            step(reviewerA, project, "user_review_file", Map.of("score", 14, "recommendation", "GRANT", "conclusions", "ok"));
            step(reviewerB, project, "user_review_file", Map.of("score", 12, "recommendation", "GRANT", "conclusions", "ok"));
            step(STAFF, project, "user_decide_label", Map.of("granted", true, "reasons", "good"));
            step(STAFF, project, "user_communicate_conclusions", Map.of());
        }

        private void step(String user, String project, String taskKey, Map<String, Object> values) {
            times.timed(STEPS, () -> completeStep(user, project, taskKey, values));
        }

        private void completeStep(String user, String project, String taskKey, Map<String, Object> values) {
            if (!TASK_LIST_FIRST) {
                // the project and the step name the user's task: one request (a 404 while the step is not reached yet)
                retrying("POST", "/api/projects/" + project + "/tasks/" + taskKey + "/complete", user, values);
                return;
            }
            String taskId = null;
            for (int attempt = 0; attempt < 200 && taskId == null; attempt++) {
                if (attempt > 0) {
                    retries.incrementAndGet();
                    pause(10);
                }
                JsonNode tasks = http.ok("GET", "/api/tasks?projectId=" + query(project), user, PASSWORD, null);
                for (JsonNode task : tasks) {
                    if (project.equals(task.path("projectId").asText()) && taskKey.equals(task.path("taskDefinitionKey").asText())) {
                        taskId = task.get("id").asText();
                        break;
                    }
                }
            }
            if (taskId == null) {
                throw new IllegalStateException(name + ": no task " + taskKey + " of " + project + " for " + user);
            }
            http.ok("POST", "/api/tasks/" + taskId + "/complete", user, PASSWORD, values);
        }

        /** A write that may find a 404 for a moment if what it addresses is not in the read model yet. */
        private void retrying(String method, String path, String user, Object body) {
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> response = http.send(method, path, user, PASSWORD, body);
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                if (response.statusCode() != 404 || attempt >= 200) {
                    throw new IllegalStateException(method + " " + path + " as " + user + " -> " + response.statusCode() + " "
                            + response.body());
                }
                retries.incrementAndGet();
                pause(10);
            }
        }

        @Override
        public long grantedLabellings() {
            return http.ok("GET", "/engine-rest/task/count?taskDefinitionKey=user_choose_target_calls", STAFF, PASSWORD, null)
                    .get("count").asLong();
        }

        @Override
        public long retries() {
            return retries.get();
        }

        @Override
        public Map<String, Long> requestNanos() {
            return times.snapshot();
        }

        /** The total of Tremplin's {@code tremplin.read.your.writes} timer (every outcome), from its metrics endpoint. */
        @Override
        public double readYourWritesMillis() {
            JsonNode timer = http.ok("GET", "/actuator/metrics/tremplin.read.your.writes", STAFF, PASSWORD, null);
            for (JsonNode measurement : timer.path("measurements")) {
                if ("TOTAL_TIME".equals(measurement.path("statistic").asText())) {
                    return measurement.path("value").asDouble() * 1000;
                }
            }
            throw new IllegalStateException("No TOTAL_TIME in " + timer);
        }
    }

    // ------------------------------------------------------------------------------------------------ plain Camunda

    /** Plain Camunda through its engine REST; with {@code authenticated}, every call as the acting user (basic). */
    static final class Plain implements Driver {
        private final String name;
        private final Http http;
        private final boolean authenticated;
        private final String prefix = "PRJ-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        private final AtomicInteger projects = new AtomicInteger();
        private final AtomicLong retries = new AtomicLong();
        private final RequestTimes times = new RequestTimes();

        Plain(String name, String baseUrl, boolean authenticated) {
            this.name = name;
            this.http = new Http(baseUrl);
            this.authenticated = authenticated;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void setUp() {
            // the authenticated variant's users and grants are created by the application itself at start-up
        }

        private String user(String user) {
            return authenticated ? user : null;
        }

        @Override
        public String startIdea(int n) {
            String project = prefix + projects.incrementAndGet();
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("projectId", typed(project, "String"));
            variables.put("title", typed("Benchmark idea " + n, "String"));
            variables.put("carrierOrganisationId", typed("OTHER-BENCH-SME", "String"));
            variables.put("carrierUser", typed(PlainCamundaApplication.CARRIER, "String"));
            // Tremplin passes these to its first step as transient variables (not stored)
            variables.put("summary", transientString("Measuring the engine."));
            variables.put("thematicAxis", transientString("Benchmarks"));
            variables.put("confidentiality", transientString("PUBLIC"));
            variables.put("carrierName", transientString("Bench SME"));
            variables.put("carrierKind", transientString("SME"));
            variables.put("plannedBudget", transientString("1000.00"));
            times.timed(START, () -> http.ok("POST", "/engine-rest/process-definition/key/project-lifecycle/start",
                    user(PlainCamundaApplication.CARRIER), PlainCamundaApplication.PASSWORD,
                    Map.of("businessKey", project, "variables", variables)));
            return project;
        }

        @Override
        public void labelling(int n) {
            String project = startIdea(n);
            String deadline = LocalDate.now(PARIS).plusDays(30).atStartOfDay(PARIS).format(CAMUNDA_DATE);
            step(PlainCamundaApplication.CARRIER, project, "user_build_consortium", false,
                    Map.of("consortiumComplete", typed(true, "Boolean")));
            step(PlainCamundaApplication.STAFF, project, "user_assign_reviewers", false,
                    Map.of("reviewers", typed(PlainCamundaApplication.REVIEWER_A + "," + PlainCamundaApplication.REVIEWER_B, "String"),
                            "reviewDeadline", typed(deadline, "Date")));
            step(PlainCamundaApplication.REVIEWER_A, project, "user_review_file", true, Map.of("score", typed(14, "Long"),
                    "recommendation", typed("GRANT", "String"), "conclusions", typed("ok", "String")));
            step(PlainCamundaApplication.REVIEWER_B, project, "user_review_file", true, Map.of("score", typed(12, "Long"),
                    "recommendation", typed("GRANT", "String"), "conclusions", typed("ok", "String")));
            step(PlainCamundaApplication.STAFF, project, "user_decide_label", false,
                    Map.of("granted", typed(true, "Boolean"), "reasons", typed("good", "String")));
            step(PlainCamundaApplication.STAFF, project, "user_communicate_conclusions", false, Map.of());
        }

        private void step(String user, String project, String taskKey, boolean byAssignee, Map<String, Object> variables) {
            String path = "/engine-rest/task?processInstanceBusinessKey=" + query(project) + "&taskDefinitionKey=" + taskKey
                    + (byAssignee ? "&assignee=" + query(user) : "");
            String taskId = null;
            for (int attempt = 0; attempt < 200 && taskId == null; attempt++) {
                if (attempt > 0) {
                    retries.incrementAndGet();
                    pause(10);
                }
                JsonNode tasks = times.timed(LOOKUPS, () -> http.ok("GET", path, user(user), PlainCamundaApplication.PASSWORD, null));
                if (tasks.size() > 0) {
                    taskId = tasks.get(0).get("id").asText();
                }
            }
            if (taskId == null) {
                throw new IllegalStateException(name + ": no task " + taskKey + " of " + project + " for " + user);
            }
            String id = taskId;
            times.timed(SUBMISSIONS, () -> http.ok("POST", "/engine-rest/task/" + id + "/submit-form", user(user),
                    PlainCamundaApplication.PASSWORD, Map.of("variables", variables)));
        }

        @Override
        public long grantedLabellings() {
            return http.ok("GET", "/engine-rest/task/count?taskDefinitionKey=user_choose_target_calls",
                    user(PlainCamundaApplication.STAFF), PlainCamundaApplication.PASSWORD, null).get("count").asLong();
        }

        @Override
        public long retries() {
            return retries.get();
        }

        @Override
        public Map<String, Long> requestNanos() {
            return times.snapshot();
        }

        private static Map<String, Object> typed(Object value, String type) {
            return Map.of("value", value, "type", type);
        }

        private static Map<String, Object> transientString(String value) {
            return Map.of("value", value, "type", "String", "valueInfo", Map.of("transient", true));
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
