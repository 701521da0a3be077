package org.tremplin.benchmark;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.util.ReflectionTestUtils;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The step path as an API client walks it: idea submitted, two invitations, two joins, then the six labelling tasks,
 * each looked up in {@code GET /api/tasks?projectId=} and completed through {@code POST /api/tasks/{id}/complete}. Whole
 * labellings with one and with four clients, in alternating rounds, with the process CPU per labelling; optionally under
 * JFR ({@code -Dbenchmark.jfr=target/steps.jfr}) to see where the time goes. Each round runs the task lookups both ways
 * (task by task as before, a page in one engine command), in alternating order. Prints figures, asserts nothing about speed:
 * {@code mvn -o test -Dtest=StepCostBenchmark -Dbenchmark=true [-Dbenchmark.rounds=3 -Dbenchmark.labellings=20]}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class StepCostBenchmark extends ApiTestSupport {

    @Autowired
    private UserTasks userTasks;

    @Autowired
    private org.tremplin.platform.process.VerifiedCredentials verifiedCredentials;

    @Autowired
    private org.axonframework.micrometer.GlobalMetricRegistry axonMetrics;

    @Autowired
    private org.tremplin.funding.process.DmnCapacityRules capacityRules;

    /**
     * What the two modes of a round switch: {@code pages} (default) the task lookups, task by task or a page at once;
     * {@code credentials} the verified-credentials cache of HTTP basic, off or on (lookups a page at once in both);
     * {@code monitors} Axon's own message monitors or {@code AxonMessageMetrics}'s; {@code feel} the capacity table's
     * cells all through FEEL or the literal ones in Java ({@code LiteralFeelEngine}); {@code steps6} both of these.
     */
    private static final String SWITCH = System.getProperty("benchmark.switch", "pages");

    private void apply(boolean after) {
        boolean credentials = SWITCH.equals("credentials");
        boolean pages = SWITCH.equals("pages");
        boolean monitors = SWITCH.equals("monitors") || SWITCH.equals("steps6");
        boolean feel = SWITCH.equals("feel") || SWITCH.equals("steps6");
        ReflectionTestUtils.setField(userTasks, "pageAtOnce", !pages || after);
        ReflectionTestUtils.setField(verifiedCredentials, "ttlNanos", credentials && !after ? 0L : 10_000_000_000L);
        ReflectionTestUtils.setField(axonMetrics, "axonMonitors", monitors && !after);
        Object engine = ReflectionTestUtils.getField(ReflectionTestUtils.getField(capacityRules, "engine"), "dmnEngineConfiguration");
        Object literal = ReflectionTestUtils.getField(engine, "feelEngine");
        ReflectionTestUtils.setField(literal, "javaPath", !feel || after);
    }

    private static String label(boolean after) {
        switch (SWITCH) {
            case "credentials":
                return after ? "credentials cached" : "credentials checked each time";
            case "monitors":
                return after ? "meters per payload type" : "Axon's monitors";
            case "feel":
                return after ? "literal FEEL cells in Java" : "every FEEL cell parsed";
            case "steps6":
                return after ? "meters kept + literal FEEL" : "Axon's monitors + FEEL parsed";
            default:
                return after ? "page at once" : "per task ";
        }
    }

    private record Cast(String carrier, String sme, String largeUser, String large, String labUser, String lab,
                        String reviewerA, String reviewerB) {
    }

    @Test
    void prints_whole_labellings_per_second_and_cpu_per_labelling() throws Exception {
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        int labellings = Integer.getInteger("benchmark.labellings", 20);
        String jfr = System.getProperty("benchmark.jfr");
        List<Cast> casts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            casts.add(cast());
        }
        for (int i = 0; i < 10; i++) {
            labelling(casts.get(i % 4));
        }
        Recording recording = null;
        if (jfr != null) {
            // -Dbenchmark.jfr.settings=<file.jfc>: another configuration (e.g. profile.jfc with jdk.JavaExceptionThrow on)
            String settings = System.getProperty("benchmark.jfr.settings");
            recording = new Recording(settings == null ? Configuration.getConfiguration("profile")
                    : Configuration.create(java.nio.file.Path.of(settings)));
            recording.start();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<Boolean, Figures> figures = Map.of(false, new Figures(), true, new Figures());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < rounds; round++) {
                for (boolean pageAtOnce : modes(round)) {
                    apply(pageAtOnce);
                    Figures f = figures.get(pageAtOnce);
                    long cpu = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    for (int i = 0; i < labellings; i++) {
                        labelling(casts.get(0));
                    }
                    f.single.add(labellings / ((System.nanoTime() - start) / 1e9));
                    f.cpuSingle.add((os.getProcessCpuTime() - cpu) / 1e6 / labellings);

                    cpu = os.getProcessCpuTime();
                    start = System.nanoTime();
                    List<Future<?>> running = new ArrayList<>();
                    for (int c = 0; c < 4; c++) {
                        Cast cast = casts.get(c);
                        running.add(clients.submit(() -> {
                            for (int i = 0; i < labellings; i++) {
                                labelling(cast);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> running1 : running) {
                        running1.get();
                    }
                    f.four.add(4 * labellings / ((System.nanoTime() - start) / 1e9));
                    f.cpuFour.add((os.getProcessCpuTime() - cpu) / 1e6 / (4 * labellings));

                    if (!Boolean.parseBoolean(System.getProperty("benchmark.staff-list", "true"))) {
                        f.lookups.add(0.0);
                        System.out.printf("round %d, %s: 1 client %.2f/s (%.0f ms CPU each), 4 clients %.2f/s (%.0f ms CPU each)%n",
                                round, label(pageAtOnce), last(f.single), last(f.cpuSingle),
                                last(f.four), last(f.cpuFour));
                        continue;
                    }
                    idea(casts.get(0));
                    int open = getList(STAFF, "/api/tasks").getBody().size();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < 20; i++) {
                        getList(STAFF, "/api/tasks");
                    }
                    f.lookups.add((System.nanoTime() - t0) / 1e6 / 20);
                    System.out.printf("round %d, %s: 1 client %.2f/s (%.0f ms CPU each), 4 clients %.2f/s (%.0f ms CPU each), "
                                    + "staff task list of %d tasks %.1f ms%n", round, label(pageAtOnce),
                            last(f.single), last(f.cpuSingle), last(f.four), last(f.cpuFour), open, last(f.lookups));
                }
            }
        } finally {
            apply(true);
            clients.shutdown();
            if (recording != null) {
                recording.dump(Path.of(jfr));
                recording.close();
            }
        }
        latencies.forEach((kind, nanos) -> {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            System.out.printf("%-28s %5d requests, median %.1f ms, p90 %.1f ms%n", kind, sorted.size(),
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.9)) / 1e6);
        });
        for (boolean pageAtOnce : List.of(false, true)) {
            Figures f = figures.get(pageAtOnce);
            if (f.single.isEmpty()) {
                continue;
            }
            System.out.printf("""

                    ---- Tremplin step path over HTTP, task lookups %s (%d cores, %d rounds of %d labellings) ----
                    whole labellings/s, 1 client : %s
                    whole labellings/s, 4 clients: %s
                    process CPU ms per labelling, 1 client : %s
                    process CPU ms per labelling, 4 clients: %s
                    GET /api/tasks as staff (all open tasks), ms: %s
                    %n""", !SWITCH.equals("pages") ? label(pageAtOnce) : pageAtOnce ? "a page at once" : "task by task (before)", Runtime.getRuntime().availableProcessors(),
                    rounds, labellings, spread(f.single), spread(f.four), spread(f.cpuSingle), spread(f.cpuFour),
                    spread(f.lookups));
        }
    }

    private static final class Figures {
        final List<Double> single = new ArrayList<>();
        final List<Double> four = new ArrayList<>();
        final List<Double> cpuSingle = new ArrayList<>();
        final List<Double> cpuFour = new ArrayList<>();
        final List<Double> lookups = new ArrayList<>();
    }

    /** Both ways, in alternating order; or only one ({@code -Dbenchmark.modes=before|after}). */
    private static List<Boolean> modes(int round) {
        String modes = System.getProperty("benchmark.modes", "both");
        if (modes.equals("before")) {
            return List.of(false);
        }
        if (modes.equals("after")) {
            return List.of(true);
        }
        return round % 2 == 0 ? List.of(false, true) : List.of(true, false);
    }

    private final Map<String, List<Long>> latencies = new java.util.concurrent.ConcurrentSkipListMap<>();

    private <T> T timed(String kind, java.util.function.Supplier<T> request) {
        long start = System.nanoTime();
        T result = request.get();
        latencies.computeIfAbsent(kind, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - start);
        return result;
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private Cast cast() {
        String carrier = newUser("carrier", Roles.CARRIER);
        String sme = newOrganisation("Bench SME", "SME", carrier);
        String largeUser = newUser("large", Roles.CARRIER);
        String labUser = newUser("lab", Roles.CARRIER);
        String large = newOrganisation("Bench Large", "LARGE_COMPANY", largeUser);
        String lab = newOrganisation("Bench Lab", "RESEARCH_LAB", labUser);
        return new Cast(carrier, sme, largeUser, large, labUser, lab,
                newUser("reviewer", Roles.REVIEWER), newUser("reviewer", Roles.REVIEWER));
    }

    private String idea(Cast c) {
        ResponseEntity<Map<String, Object>> submitted = timed("POST idea", () -> post(c.carrier(), "/api/projects", Map.of(
                "title", "Benchmark idea", "summary", "Measuring the step path.", "thematicAxis", "Benchmarks",
                "confidentiality", "PUBLIC", "carrierOrganisationId", c.sme(), "plannedBudget", 1000)));
        ok(submitted, 201);
        return (String) submitted.getBody().get("id");
    }

    private void labelling(Cast c) {
        String projectId = idea(c);
        ok(timed("POST invitation", () -> post(c.carrier(), "/api/projects/" + projectId + "/invitations",
                Map.of("organisationId", c.large()))), 200);
        ok(timed("POST invitation", () -> post(c.carrier(), "/api/projects/" + projectId + "/invitations",
                Map.of("organisationId", c.lab()))), 200);
        ok(timed("POST join", () -> post(c.largeUser(), "/api/projects/" + projectId + "/partners/" + c.large() + "/join",
                Map.of("role", "R&D", "plannedBudget", 1000))), 200);
        ok(timed("POST join", () -> post(c.labUser(), "/api/projects/" + projectId + "/partners/" + c.lab() + "/join",
                Map.of("role", "R&D", "plannedBudget", 1000))), 200);
        step(c.carrier(), projectId, "user_build_consortium", Map.of("consortiumComplete", true));
        step(STAFF, projectId, "user_assign_reviewers", Map.of("reviewers", c.reviewerA() + "," + c.reviewerB(),
                "reviewDeadline", LocalDate.now().plusDays(30).toString()));
        step(c.reviewerA(), projectId, "user_review_file", Map.of("score", 14, "recommendation", "GRANT", "conclusions", "ok"));
        step(c.reviewerB(), projectId, "user_review_file", Map.of("score", 12, "recommendation", "GRANT", "conclusions", "ok"));
        step(STAFF, projectId, "user_decide_label", Map.of("granted", true, "reasons", "good"));
        step(STAFF, projectId, "user_communicate_conclusions", Map.of());
    }

    private void step(String user, String projectId, String taskKey, Map<String, Object> values) {
        Map<String, Object> task = timed("GET tasks?projectId", () -> getList(user, "/api/tasks?projectId=" + projectId)).getBody().stream()
                .filter(t -> taskKey.equals(t.get("taskDefinitionKey"))).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + taskKey + " for " + user + " on " + projectId));
        ok(timed("POST complete " + taskKey, () -> complete(user, task, values)), 204);
    }

    private static void ok(ResponseEntity<?> response, int status) {
        if (response.getStatusCode().value() != status) {
            throw new AssertionError(response.getStatusCode() + ": " + response.getBody());
        }
    }

    private static String spread(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format("median %.2f (min %.2f, max %.2f) %s", sorted.get(sorted.size() / 2), sorted.get(0),
                sorted.get(sorted.size() - 1), values.stream().map(v -> String.format("%.2f", v)).toList());
    }
}
