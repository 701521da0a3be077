package org.tremplin.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tremplin.support.PackagedApplication;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test shared by the H2 and PostgreSQL twins: the packaged application as a separate process, four clients
 * submitting ideas, {@code kill -9} while they run, a restart on the same database, then every idea that was answered
 * 201 must be there with its event, no (aggregate, sequence) twice, the read models equal to a replay and the seal
 * chain verified.
 *
 * <p>{@code -Dtremplin.soak=N} repeats load, crash and checks N times on the same database.
 */
final class CrashRecoveryScenario {

    static final String STAFF = "crash-staff";
    static final String STAFF_PASSWORD = "crash-test-password";
    static final int CLIENTS = 4;
    static final Duration LOAD = Duration.ofSeconds(5);
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String IDEA_SUBMITTED = "org.tremplin.project.api.IdeaSubmittedEvent";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the test reads the event store once the application is stopped. */
    record Database(String jdbcUrl, String user, String password) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }
    }

    /** The figures of one crash. */
    record CrashFigures(int crash, int acknowledged, int unanswered, int refused, int lost, int unreadable) {
        @Override
        public String toString() {
            return "crash " + crash + ": acknowledged " + acknowledged + ", lost " + lost + " (not readable " + unreadable
                    + "); unanswered at the kill " + unanswered + ", refused " + refused;
        }
    }

    /** One crash and what the restarted application answered. */
    private record Round(int crash, Load load, int unreadable, JsonNode replay, JsonNode verification) {
    }

    /** What the event store holds once the application is stopped. */
    private record Stored(Set<String> ideas, long duplicated, long events) {
    }

    private final String label;
    private final Path log;
    private final Database database;
    private final List<String> arguments;
    /** Renewed after each start: pooled connections to a killed process would fail the first requests. */
    private HttpClient http = newClient();
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString((STAFF + ":" + STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8));

    CrashRecoveryScenario(String label, Path log, Database database, List<String> applicationArguments) {
        this.label = label;
        this.log = log;
        this.database = database;
        List<String> all = new ArrayList<>(applicationArguments);
        all.add("--tremplin.demo.enabled=false");
        all.add("--tremplin.admin.user=" + STAFF);
        all.add("--tremplin.admin.password=" + STAFF_PASSWORD);
        // Holes left by the crash are sealed as gaps after this long (the default minute would outlast the test).
        all.add("--tremplin.audit.seal.gap-timeout=PT3S");
        this.arguments = all;
    }

    /** {@code -Dtremplin.soak=N}, else the given number. */
    static int crashes(int byDefault) {
        return Integer.getInteger("tremplin.soak", byDefault);
    }

    /**
     * Load, {@code kill -9} and restart {@code crashes} times in a row, checking through the API after each restart;
     * then stops the application and reads the event store (H2's file is locked while it runs).
     */
    List<CrashFigures> run(int crashes) throws Exception {
        List<Round> rounds = new ArrayList<>();
        Stored stored;
        try (PackagedApplication application = PackagedApplication.start(log, START_TIMEOUT, arguments.toArray(String[]::new))) {
            String carrier = registerCarrier(application);
            for (int crash = 1; crash <= crashes; crash++) {
                http = newClient();
                Load load = loadThenKill(application, carrier, crash);
                application.restart(START_TIMEOUT);
                http = newClient();

                int unreadable = awaitReadable(application, load.acknowledged());
                JsonNode replay = replay(application);
                JsonNode verification = awaitSealChainVerified(application);
                Round round = new Round(crash, load, unreadable, replay, verification);
                rounds.add(round);
                System.out.println("[" + label + "] crash " + crash + ": acknowledged " + load.acknowledged().size()
                        + ", not readable after the restart " + unreadable + "; replay " + replay.path("state").asText()
                        + "; verify " + verification);
                if (unreadable > 0 || !cleanReplay(replay)) {
                    break; // a seal chain still catching up does not stop the next crash: its assertion comes at the end
                }
            }
            application.close();
            stored = readEventStore();
        }

        List<CrashFigures> figures = new ArrayList<>();
        for (Round round : rounds) {
            Set<String> lost = new LinkedHashSet<>(round.load().acknowledged());
            lost.removeAll(stored.ideas());
            if (!lost.isEmpty()) {
                System.out.println("[" + label + "] crash " + round.crash() + ": acknowledged, no IdeaSubmittedEvent: " + lost);
            }
            CrashFigures crashFigures = new CrashFigures(round.crash(), round.load().acknowledged().size(),
                    round.load().unanswered(), round.load().refused(), lost.size(), round.unreadable());
            figures.add(crashFigures);
            System.out.println("[" + label + "] " + crashFigures);
        }
        System.out.println("[" + label + "] " + figures.size() + " crash(es): acknowledged "
                + figures.stream().mapToInt(CrashFigures::acknowledged).sum() + ", lost "
                + figures.stream().mapToInt(CrashFigures::lost).sum() + ", duplicated (aggregate, sequence) "
                + stored.duplicated() + "; events stored " + stored.events());

        for (Round round : rounds) {
            CrashFigures crashFigures = figures.get(round.crash() - 1);
            int crash = round.crash();
            assertThat(crashFigures.lost()).as("[%s] crash %d: ideas answered 201 whose event is gone", label, crash).isZero();
            assertThat(round.unreadable()).as("[%s] crash %d: ideas answered 201 that GET /api/projects/{id} does not find", label, crash).isZero();
            assertThat(round.replay().path("differences").isArray() ? round.replay().path("differences").size() : -1)
                    .as("[%s] crash %d: read models that differed from a replay: %s", label, crash, round.replay().path("differences"))
                    .isZero();
            assertThat(round.replay().path("state").asText()).as("[%s] crash %d: replay report: %s", label, crash, round.replay())
                    .isEqualTo("VERIFIED");
            assertThat(round.verification().path("verified").asBoolean(false))
                    .as("[%s] crash %d: verify after the crash: %s", label, crash, round.verification()).isTrue();
            if (round.verification().has("unsealedEvents")) {
                assertThat(round.verification().get("unsealedEvents").asLong())
                        .as("[%s] crash %d: unsealed events 60 s after the restart: %s", label, crash, round.verification()).isZero();
            }
        }
        assertThat(stored.duplicated()).as("[%s] (aggregate, sequence) stored twice", label).isZero();
        return figures;
    }

    private static boolean cleanReplay(JsonNode replay) {
        return "VERIFIED".equals(replay.path("state").asText()) && replay.path("differences").isArray()
                && replay.path("differences").isEmpty();
    }

    private static boolean cleanSeals(JsonNode verification) {
        return verification.path("verified").asBoolean(false)
                && (!verification.has("unsealedEvents") || verification.get("unsealedEvents").asLong() == 0);
    }

    /** What the clients saw before and during the kill. */
    record Load(Set<String> acknowledged, int unanswered, int refused) {
    }

    private Load loadThenKill(PackagedApplication application, String carrier, int crash) throws Exception {
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int clientNumber = client;
            running.add(clients.submit(() -> {
                for (int idea = 1; !stop.get(); idea++) {
                    String body = """
                            {"title": "Crash %d client %d idea %d", "summary": "Submitted while the JVM is killed.",
                             "thematicAxis": "Resilience", "confidentiality": "CONSORTIUM",
                             "carrierOrganisationId": "%s", "plannedBudget": 1000.00}"""
                            .formatted(crash, clientNumber, idea, carrier);
                    try {
                        HttpResponse<String> response = http.send(post(application, "/api/projects", body),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201) {
                            acknowledged.add(JSON.readTree(response.body()).get("id").asText());
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // the process is gone (or going): this request was never acknowledged
                        unanswered.incrementAndGet();
                        if (!application.isAlive() || stop.get()) {
                            return;
                        }
                        pause(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        Thread.sleep(LOAD.toMillis());
        boolean clientsStillRunning = running.stream().noneMatch(Future::isDone);
        application.kill();
        stop.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).as("the clients end once the process is gone").isTrue();
        for (Future<?> client : running) {
            client.get();
        }
        assertThat(clientsStillRunning).as("[%s] the kill must come while the clients are still submitting", label).isTrue();
        assertThat(acknowledged).as("[%s] crash %d: ideas answered 201 before the kill", label, crash).isNotEmpty();
        return new Load(new LinkedHashSet<>(acknowledged), unanswered.get(), refused.get());
    }

    /**
     * Waits until every acknowledged idea is readable (the read model may still be catching up after the restart),
     * at most 30 s; returns how many are still not.
     */
    private int awaitReadable(PackagedApplication application, Set<String> acknowledged) throws Exception {
        Set<String> missing = new LinkedHashSet<>(acknowledged);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            missing.removeIf(id -> status(application, "/api/projects/" + id) == 200);
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                if (!missing.isEmpty()) {
                    System.out.println("[" + label + "] not readable after the restart: " + missing);
                }
                return missing.size();
            }
            Thread.sleep(500);
        }
    }

    /** Rebuilds every read model from the events (POST /api/audit/replay) and returns the final report. */
    private JsonNode replay(PackagedApplication application) throws Exception {
        HttpResponse<String> started = http.send(post(application, "/api/audit/replay", null), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as("[%s] replay started: %s", label, started.body()).isEqualTo(202);
        String id = JSON.readTree(started.body()).get("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode report;
        do {
            Thread.sleep(250);
            HttpResponse<String> progress = http.send(get(application, "/api/audit/replay/" + id), HttpResponse.BodyHandlers.ofString());
            assertThat(progress.statusCode()).as("[%s] replay report: %s", label, progress.body()).isEqualTo(200);
            report = JSON.readTree(progress.body());
        } while ("RUNNING".equals(report.path("state").asText()) && System.nanoTime() < deadline);
        return report;
    }

    /**
     * {@code verify} must come back clean once the sealer has caught up with the restart: verified, and nothing left
     * unsealed where the answer says so. Polls for up to 60 s and returns the last answer.
     */
    private JsonNode awaitSealChainVerified(PackagedApplication application) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = http.send(post(application, "/api/audit/verify", null), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("[%s] verify: %s", label, response.body()).isEqualTo(200);
            JsonNode verification = JSON.readTree(response.body());
            if (cleanSeals(verification) || System.nanoTime() > deadline) {
                return verification;
            }
            Thread.sleep(1000);
        }
    }

    private Stored readEventStore() throws SQLException {
        Set<String> ideas = new HashSet<>();
        try (Connection connection = database.connect()) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT aggregateIdentifier FROM DomainEventEntry WHERE payloadType = ? AND sequenceNumber = 0")) {
                query.setString(1, IDEA_SUBMITTED);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ideas.add(rows.getString(1));
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                long duplicated;
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM (SELECT aggregateIdentifier, sequenceNumber"
                        + " FROM DomainEventEntry GROUP BY aggregateIdentifier, sequenceNumber HAVING COUNT(*) > 1) twice")) {
                    rows.next();
                    duplicated = rows.getLong(1);
                }
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
                    rows.next();
                    return new Stored(ideas, duplicated, rows.getLong(1));
                }
            }
        }
    }

    /** A member organisation to carry the ideas, registered through the API as pole staff. */
    private String registerCarrier(PackagedApplication application) throws Exception {
        HttpResponse<String> response = http.send(post(application, "/api/organisations", """
                {"name": "Crash Test SME", "nationalIdScheme": "OTHER", "nationalId": "CRASH-TEST-1", "kind": "SME",
                 "headcount": 12, "region": "Auvergne-Rhône-Alpes", "competences": ["resilience"]}"""),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("[%s] organisation registered: %s", label, response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    private int status(PackagedApplication application, String path) {
        try {
            return http.send(get(application, path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpRequest get(PackagedApplication application, String path) {
        return HttpRequest.newBuilder(URI.create(application.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).GET().build();
    }

    private HttpRequest post(PackagedApplication application, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(application.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization);
        if (json == null) {
            return request.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
