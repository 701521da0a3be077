package org.tremplin.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tremplin.TremplinApplication;
import org.tremplin.audit.seal.EventSealer;
import org.tremplin.benchmark.scale.ScaleGenerator;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.query.AsOfCheckpointBuilder;
import org.tremplin.platform.query.ScratchDatabases;
import org.tremplin.shared.Roles;
import org.tremplin.support.DefaultDatasource;
import org.tremplin.support.PackagedApplication;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scale benchmark: on a store written by {@link org.tremplin.benchmark.scale.ScaleStoreMain}, measures what the
 * issue's scale goals name and prints a table (and writes it to {@code target/scale/benchmark-<time>.md}). Asserts
 * nothing; it is a main class, not a test, so that it runs with a heap of 1 GB and the full JIT, never in
 * {@code mvn verify}:
 * <pre>
 * mvn -o package -DskipTests   # the jar, for the start-up rounds
 * mvn -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) org.tremplin.benchmark.ScaleBenchmark \
 *      --spring.datasource.url=jdbc:h2:retry:file:./target/scale/tremplin
 * </pre>
 * In order: the application starts on the store (in this JVM); the seal health is read; the read models are rebuilt
 * by the replay ({@code POST /api/audit/replay}, polled to its end); if the store has unsealed events (a generated
 * store), the store is sealed (the sealer's passes, timed; the background sealer is off in this benchmark); the long
 * project's timeline (first and last pages, then the first again after 200 calls), a typical project's, and the
 * "as of" views are read repeatedly, on the sealed store; {@code verify} recomputes the whole chain
 * ({@code ?mode=full}) twice; a checkpoint is taken, ten new events are written and sealed, and {@code verify} runs
 * again in its default mode (incremental); the application stops, and the packaged jar is started alternately on the
 * store and on an empty database ({@code --scale.startup-rounds}, 2 by default; 0 to skip). Other options:
 * {@code --scale.skip-replay}, {@code --scale.timeline-reads=200}, {@code --scale.startup-first} (the jar rounds
 * first, on the store as it was: unsealed if generated so), {@code --scale.views-only} (the seal health, the sealing
 * of what is unsealed, the timelines and the "as of" views only: no replay, verification nor jar).
 */
public final class ScaleBenchmark {

    private static final String USER = "scale.auditor";
    private static final String PASSWORD = "scale-benchmark";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> rows = new LinkedHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String baseUrl;

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        new ScaleBenchmark().run(args);
        System.exit(0);
    }

    private void run(String[] args) throws Exception {
        String url = "jdbc:h2:retry:file:./target/scale/national;WRITE_DELAY=0;QUERY_CACHE_SIZE=256";
        int startupRounds = 2;
        int timelineReads = 200;
        boolean replay = true;
        boolean startupFirst = false;
        boolean viewsOnly = false;
        List<String> springArgs = new ArrayList<>(List.of("--tremplin.demo.enabled=false",
                "--tremplin.audit.seal.enabled=false", "--camunda.bpm.job-execution.enabled=false", "--server.port=0"));
        for (String arg : args) {
            if (arg.startsWith("--spring.datasource.url=")) {
                url = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.startsWith("--scale.startup-rounds=")) {
                startupRounds = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--scale.timeline-reads=")) {
                timelineReads = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.equals("--scale.skip-replay")) {
                replay = false;
            } else if (arg.equals("--scale.views-only")) {
                viewsOnly = true;
                replay = false;
                startupRounds = 0;
            } else if (arg.equals("--scale.startup-first")) {
                startupFirst = true;
            } else {
                springArgs.add(arg);
            }
        }
        springArgs.add("--spring.datasource.url=" + url);
        row("heap (max)", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, " + Runtime.getRuntime().availableProcessors() + " cores");

        if (startupFirst && startupRounds > 0) {
            // on the store as it is (unsealed, as generated): the seal health check must not hold health UP back
            int rounds = startupRounds;
            String store = url;
            step("start-up of the packaged jar (store as it was, before this run)", () -> startup(store, rounds));
            startupRounds = 0;
        }
        long startNanos = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplication(TremplinApplication.class)
                .run(springArgs.toArray(String[]::new))) {
            row("start-up in process (context ready)", seconds(System.nanoTime() - startNanos));
            baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
            context.getBean(Identity.class).ensureUser(USER, "Scale", "Auditor", PASSWORD, List.of(Roles.AUDITOR, Roles.POLE_STAFF));
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
            long projects = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%IdeaSubmittedEvent'", Long.class);
            String product;
            try (Connection connection = jdbc.getDataSource().getConnection()) {
                product = connection.getMetaData().getDatabaseProductName();
            }
            row("store", String.format("%,d events, %,d projects (%s)", events, projects, product));
            diskPerEvent(url, events, product, jdbc);

            step("seal health", this::sealHealth);
            if (replay) {
                step("replay, every read model", this::replay);
            }
            String longProject = ScaleGenerator.projectId(0);
            int reads = timelineReads;
            // The views are measured on a sealed store, as a national store runs (the sealer keeps up with the steps;
            // this benchmark runs with the background sealer off, and seals a generated store here, timed).
            long unsealed = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex >"
                    + " (SELECT COALESCE(MAX(global_index), 0) FROM event_seal)", Long.class);
            if (unsealed > 0) {
                step("sealing what was unsealed", () -> seal(context.getBean(EventSealer.class)));
            }
            AsOfCheckpointBuilder checkpointBuilder = context.getBeanProvider(AsOfCheckpointBuilder.class).getIfAvailable();
            if (checkpointBuilder != null) {
                step("\"as of\" checkpoints built ahead", () -> buildCheckpoints(checkpointBuilder, jdbc));
                step("\"as of\" stored states restored ahead", () -> restoredAhead(context.getBean(ScratchDatabases.class)));
            }
            step("timeline", () -> {
                JsonNode first = get("/api/projects/" + longProject + "/history?size=50");
                long total = first.path("total").asLong();
                row("long project's timeline", String.format("%,d events (%s)", total, longProject));
                // measured cold (just after the start), then again once warm
                timed("timeline, first page of 50", "/api/projects/" + longProject + "/history?size=50", reads);
                timed("timeline, last page of 50", "/api/projects/" + longProject + "/history?size=50&page="
                        + Math.max(0, (total - 1) / 50), reads / 2);
                timed("timeline, typical project, first page", "/api/projects/" + ScaleGenerator.projectId(7)
                        + "/history?size=50", reads / 2);
                timed("timeline, first page of 50", "/api/projects/" + longProject + "/history?size=50", reads, 200);
            });
            String asOf = Instant.now().toString();
            step("as of now, long project", () -> timed("as of now, long project", "/api/projects/" + longProject + "?asOf=" + asOf, 20));
            step("as of now, long project's funding", () -> timed("as of now, long project's funding",
                    "/api/projects/" + longProject + "/funding?asOf=" + asOf, 10));
            step("as of now, typical project", () -> timed("as of now, typical project",
                    "/api/projects/" + ScaleGenerator.projectId(7) + "?asOf=" + asOf, 20));
            step("as of, new instants", () -> newInstants(jdbc, longProject));
            if (viewsOnly) {
                print();
                return;
            }
            step("verify, whole chain (1st)", () -> verify("verify, whole chain (1st)", "?mode=full"));
            step("verify, whole chain (2nd)", () -> verify("verify, whole chain (2nd)", "?mode=full"));
            step("verify after 10 new events", () -> incremental(context));
        }
        // the context is closed: make sure this JVM holds no H2 file lock before another JVM opens the store
        closeH2(url);
        if (startupRounds > 0) {
            int rounds = startupRounds;
            String store = url;
            step("start-up of the packaged jar", () -> startup(store, rounds));
        }
        print();
    }

    // ------------------------------------------------------------------------------------------------ steps

    private interface Step {
        void run() throws Exception;
    }

    /** A step that fails is reported in the table; the others still run. */
    private void step(String label, Step step) {
        try {
            step.run();
        } catch (Exception | Error e) {
            row(label, "FAILED: " + e);
        }
    }

    private void diskPerEvent(String url, long events, String product, JdbcTemplate jdbc) throws IOException {
        if ("PostgreSQL".equals(product)) {
            long bytes = jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class);
            row("database size", String.format("%,.1f MB (pg_database_size)", bytes / 1e6));
            row("disk per event", String.format("%,.0f bytes (whole database: events and their indexes, seals, read"
                    + " models, Camunda)", (double) bytes / Math.max(1, events)));
            return;
        }
        String path = DefaultDatasource.h2FilePath(url);
        if (path == null) {
            row("disk per event", "(an H2 file or PostgreSQL only)");
            return;
        }
        Path file = Path.of(path + ".mv.db");
        long bytes = Files.size(file);
        row("database file", String.format("%,.1f MB (%s)", bytes / 1e6, file));
        row("disk per event", String.format("%,.0f bytes (whole database: events, seals, read models, Camunda)",
                (double) bytes / Math.max(1, events)));
    }

    private void replay() throws Exception {
        long start = System.nanoTime();
        JsonNode started = post("/api/audit/replay", null);
        String id = started.path("id").asText();
        JsonNode report = started;
        long lastPrint = 0;
        while ("RUNNING".equals(report.path("state").asText())) {
            Thread.sleep(1000);
            report = get("/api/audit/replay/" + id);
            if (System.nanoTime() - lastPrint > 30_000_000_000L) {
                lastPrint = System.nanoTime();
                JsonNode total = report.path("total");
                System.out.printf("[scale] replay %s: %,d / %,d (%.1f %%), %s events/s, ETA %s s%n", report.path("state").asText(),
                        total.path("done").asLong(), total.path("total").asLong(), total.path("percent").asDouble(),
                        total.path("eventsPerSecond").asText(), total.path("etaSeconds").asText());
            }
        }
        long nanos = System.nanoTime() - start;
        long head = report.path("headPosition").asLong();
        row("replay, every read model", String.format("%s, %s: %,.0f distinct events/s (head %,d)", seconds(nanos),
                report.path("state").asText(), head / (nanos / 1e9), head));
        for (JsonNode processor : report.path("processors")) {
            JsonNode progress = processor.path("progress");
            row("  replay of " + processor.path("name").asText(), processor.path("state").asText() + ", "
                    + progress.path("eventsPerSecond").asText() + " events/s");
        }
    }

    private void seal(EventSealer sealer) {
        long start = System.nanoTime();
        long sealed = 0;
        int added;
        while ((added = sealer.sealPending()) > 0) {
            sealed += added;
        }
        long nanos = System.nanoTime() - start;
        row("sealing what was unsealed", String.format("%,d entries in %s: %,.0f/s", sealed, seconds(nanos),
                sealed / Math.max(1e-9, nanos / 1e9)));
    }

    /** {@code ?mode=full}: the whole chain (before incremental verification existed, every verify was full). */
    private void verify(String label, String query) throws Exception {
        long start = System.nanoTime();
        JsonNode result = post("/api/audit/verify" + query, null);
        long nanos = System.nanoTime() - start;
        long checked = result.path("eventsChecked").asLong();
        row(label, String.format("%s, %s, %,d events checked: %,.0f events/s", seconds(nanos), result.path("status").asText(),
                checked, checked / (nanos / 1e9)));
    }

    private void incremental(ConfigurableApplicationContext context) throws Exception {
        post("/api/audit/checkpoints", null);
        CommandGateway commands = context.getBean(CommandGateway.class);
        String tag = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        for (int i = 0; i < 5; i++) {
            String code = "SC-NEW-" + tag + "-" + i;
            String id = NationalIdScheme.OTHER.organisationId(code);
            commands.sendAndWait(new RegisterOrganisationCommand(id, "New member " + code, NationalIdScheme.OTHER, code,
                    OrganisationKind.SME, 20, "ARA", List.of("digital")));
            commands.sendAndWait(new org.tremplin.organisation.api.AddOrganisationMemberCommand(id, "u." + code.toLowerCase()));
        }
        context.getBean(EventSealer.class).sealPending();
        verify("verify after 10 new events (default mode: incremental where it exists)", "");
    }

    /**
     * The seal health contributor: the time of a call (it reads nothing: the background reading) and, once it has
     * one, the background reading's own time and the unsealed events it counted.
     */
    private void sealHealth() throws Exception {
        List<Long> calls = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        JsonNode seal = null;
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            JsonNode health = get("/actuator/health");
            calls.add(System.nanoTime() - start);
            seal = health.path("components").path("seal");
            if (seal.path("details").has("unsealedEvents")) { // before this change: read at each call, no readAt
                break;
            }
            Thread.sleep(1000);
        }
        row("seal health, first call", String.format("%.1f ms (the application's first request), %d call(s) until the"
                + " seal details came", calls.get(calls.size() - 1) / 1e6, calls.size()));
        calls.clear();
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            get("/actuator/health");
            calls.add(System.nanoTime() - start);
        }
        Collections.sort(calls);
        row("seal health, one call", String.format("p50 %.1f ms, max %.1f ms over %d calls", ms(calls, 0.5),
                calls.get(calls.size() - 1) / 1e6, calls.size()));
        JsonNode details = seal.path("details");
        row("seal health, background reading", String.format("%,d ms for %,d unsealed events (%s; status %s)",
                details.path("readingMillis").asLong(), details.path("unsealedEvents").asLong(),
                !details.has("unsealedEventsCounted") ? "counted"
                        : details.path("unsealedEventsCounted").asBoolean() ? "counted" : "the span of indexes, not counted",
                seal.path("status").asText()));
    }

    /**
     * The "as of" checkpoints stored ahead of any request (what a running node's builder does in the background, every
     * 10 s, for the events stored since its last look): the whole store looked through once, timed.
     */
    private void buildCheckpoints(AsOfCheckpointBuilder builder, JdbcTemplate jdbc) {
        long start = System.nanoTime();
        int written = builder.buildUntilCaughtUp();
        long nanos = System.nanoTime() - start;
        Map<String, Object> stored = jdbc.queryForMap("SELECT COUNT(*) AS n, COALESCE(SUM(state_bytes), 0) AS b,"
                + " COALESCE(MAX(state_bytes), 0) AS m FROM as_of_checkpoint");
        row("\"as of\" checkpoints built ahead", String.format("%d written by this run in %s; %s stored, %,d bytes"
                        + " (the largest %,d)", written, seconds(nanos), stored.get("n"),
                ((Number) stored.get("b")).longValue(), ((Number) stored.get("m")).longValue()));
    }

    /**
     * The start's restore ahead of the longest stored histories ({@code tremplin.audit.as-of.restore-at-start}), queued
     * when the context was ready or after the builder's pass: waited for, so that the views below measure a server
     * that has finished starting (run with {@code --tremplin.audit.as-of.restore-at-start=0} for the first calls
     * without it).
     */
    private void restoredAhead(ScratchDatabases scratch) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (scratch.restoringAhead() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        row("\"as of\" stored states restored ahead", String.format("%d restored in all, waited %s after the"
                + " builder's pass", scratch.checkpointsRestored(), seconds(System.nanoTime() - start)));
    }

    /**
     * "As of" at new instants: one call now (the full replay every view needs once), then the first call at each of
     * 20 instants never asked before, spread over the long project's life (earlier than now: served from the kept
     * replay's checkpoints).
     */
    private void newInstants(JdbcTemplate jdbc, String project) throws Exception {
        List<String> times = jdbc.queryForList("SELECT timeStamp FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " OR aggregateIdentifier LIKE ? ORDER BY timeStamp", String.class, project, "APP-" + project + "-%");
        Instant first = Instant.parse(times.get(0));
        Instant last = Instant.parse(times.get(times.size() - 1));
        long span = Duration.between(first, last).toMillis();
        for (String view : List.of("", "/funding")) {
            String path = "/api/projects/" + project + view + "?asOf=";
            long start = System.nanoTime();
            get(path + Instant.now());
            long full = System.nanoTime() - start;
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Instant at = first.plusMillis(span * (2L * i + 1) / 41);
                start = System.nanoTime();
                get(path + at);
                nanos.add(System.nanoTime() - start);
            }
            String label = "as of, long project" + (view.isEmpty() ? "" : "'s funding") + ", 20 new instants";
            System.out.println("[scale] " + label + ", each call in order (ms): " + nanos.stream()
                    .map(n -> String.format("%.0f", n / 1e6)).collect(java.util.stream.Collectors.joining(" ")));
            Collections.sort(nanos);
            row(label, String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (the first call, now: %.1f ms)",
                    ms(nanos, 0.5), ms(nanos, 0.9), ms(nanos, 0.99), nanos.get(nanos.size() - 1) / 1e6, full / 1e6));
        }
    }

    private void timed(String label, String path, int reads) throws Exception {
        timed(label, path, reads, 0);
    }

    /**
     * The first call timed apart (for an "as of", the replay that later calls start from), then {@code warmUp} calls
     * not timed (the JIT and the caches of a server that has been answering for a while), then {@code reads} timed.
     */
    private void timed(String label, String path, int reads, int warmUp) throws Exception {
        long first = System.nanoTime();
        get(path);
        System.out.printf("[scale] %s: the first call %.1f ms%n", label, (System.nanoTime() - first) / 1e6);
        for (int i = 0; i < warmUp; i++) {
            get(path);
        }
        if (warmUp > 0) {
            label = label + " (after " + warmUp + " calls)";
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < reads; i++) {
            long start = System.nanoTime();
            get(path);
            nanos.add(System.nanoTime() - start);
        }
        Collections.sort(nanos);
        row(label, String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms over %d", ms(nanos, 0.5), ms(nanos, 0.9),
                ms(nanos, 0.99), nanos.get(nanos.size() - 1) / 1e6, reads));
    }

    /** The packaged jar, alternately on the store and on an empty database, to health UP. */
    private void startup(String url, int rounds) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("tremplin-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-plain.jar")).findFirst().orElse(null);
        }
        if (jar == null) {
            row("start-up of the packaged jar", "(no target/tremplin-*.jar: run mvn -o package -DskipTests)");
            return;
        }
        System.setProperty("tremplin.jar", jar.toString());
        Path log = Path.of("target", "scale", "startup.log");
        List<Long> big = new ArrayList<>();
        List<Long> empty = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            int round = r;
            big.add(startOnce(log, url));
            Path emptyStore = Path.of("target", "scale", "empty-" + round).toAbsolutePath();
            empty.add(startOnce(log, "jdbc:h2:retry:file:" + emptyStore));
            try (Stream<Path> files = Files.list(emptyStore.getParent())) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith("empty-" + round)).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        row("start-up of the jar to health UP, big store", String.join(", ", big.stream().map(n -> seconds(n)).toList()));
        row("start-up of the jar to health UP, empty database", String.join(", ", empty.stream().map(n -> seconds(n)).toList()));
    }

    /**
     * Closes an H2 file database this JVM may still hold open after its context closed (a connection that outlived the
     * pool, or a URL with {@code DB_CLOSE_DELAY}): opens it once more and shuts it down, so that its file lock is released
     * for the packaged jar's JVM. The previous run of this benchmark could not start the jar on the store ("Database may
     * be already in use").
     */
    private static void closeH2(String url) {
        if (DefaultDatasource.h2FilePath(url) == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            System.out.println("[scale] could not shut the H2 store down before the jar rounds: " + e.getMessage());
        }
    }

    private static long startOnce(Path log, String url) {
        long start = System.nanoTime();
        try (PackagedApplication application = PackagedApplication.start(log, Duration.ofMinutes(5),
                "--spring.datasource.url=" + url, "--tremplin.demo.enabled=false")) {
            return System.nanoTime() - start;
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; its last cause: " + lastCause(log), e);
        }
    }

    /** The last "Caused by" line of a start-up log, to name why the jar did not start in the table itself. */
    private static String lastCause(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.startsWith("Caused by:")).reduce((first, second) -> second).orElse("(none)");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    // ------------------------------------------------------------------------------------------------ HTTP and output

    private JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    private JsonNode post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = client.send(request.header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json").timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private void row(String label, String value) {
        rows.put(label, value);
        System.out.println("[scale] " + label + ": " + value);
    }

    private void print() throws IOException {
        StringBuilder table = new StringBuilder("\n| measure | value |\n| --- | --- |\n");
        rows.forEach((label, value) -> table.append("| ").append(label).append(" | ").append(value).append(" |\n"));
        System.out.println("\n---- Tremplin scale benchmark ----" + table);
        Path out = Path.of("target", "scale", "benchmark-" + Instant.now().toString().replace(':', '-') + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        System.out.println("written to " + out);
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
    }
}
