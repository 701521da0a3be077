package org.tremplin.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;
import org.tremplin.support.EmbeddedPostgres;
import org.tremplin.support.OnEmbeddedPostgres;

/**
 * The node's database out of reach, then back, the application running through it: every request meanwhile is told
 * 503 with {@code Retry-After} and that nothing was stored, whether it met the database in signing in (credentials not
 * verified lately) or in its own work, and nothing of it is stored; once the database is back, the same request works.
 * The database is made unreachable as an outage does it: new connections refused, the open ones cut. The tracking
 * processors, which failed meanwhile, try again as soon as the first write after it commits, and that write is answered
 * once its read models have it.
 */
@OnEmbeddedPostgres
// a context of its own, hence a database of its own (made unreachable here); OnEmbeddedPostgres sets the pool's wait
// for a connection to 2 s
@TestPropertySource(properties = "tremplin.test.context=database-away")
class DatabaseAwayPostgresIT extends ApiTestSupport {

    @LocalServerPort
    private int port;

    @Autowired
    private EventProcessingConfiguration processing;

    private static final String AWAY = "The database is out of reach, so the request was not carried out and nothing was"
            + " stored. Try again in a few seconds.";
    /** What a request is told that took a pooled connection the outage had just cut. */
    private static final String CUT = "The connection to the database broke during the request, which may not have been"
            + " stored: look at the record once the database is back before sending it again.";

    @Test
    void requests_while_the_database_is_away_are_503_and_store_nothing_then_work_once_it_is_back() throws Exception {
        String neverSignedIn = newUser("newcomer", Roles.POLE_STAFF);
        assertThat(post(STAFF, "/api/organisations", organisation("Before the outage")).getStatusCode().value())
                .isEqualTo(201);
        String database = jdbc.queryForObject("SELECT current_database()", String.class);
        long events = events();

        ListAppender<ILoggingEvent> retries = new ListAppender<>();
        retries.list = new CopyOnWriteArrayList<>(); // appended to by the processors' threads while the test reads it
        Logger processors = (Logger) LoggerFactory.getLogger(TrackingEventProcessor.class);
        retries.start();
        processors.addAppender(retries);
        away(database, true);
        try {
            ResponseEntity<Map<String, Object>> write = post(STAFF, "/api/organisations", organisation("During the outage"));
            ResponseEntity<Map<String, Object>> signingIn = get(neverSignedIn, "/api/organisations");

            for (ResponseEntity<Map<String, Object>> answer : List.of(write, signingIn)) {
                assertOutOfReach(answer);
            }
            assertThat(signingIn.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE))
                    .as("not a refusal of the person's credentials").isFalse();
            // the console's sign-in form does not call the password wrong either
            assertThat(consoleSignIn(neverSignedIn)).isEqualTo("/login?unavailable");
            // once the pool has dropped the connections the outage cut, every request finds none (the first ones may
            // have taken one of them: they are told it broke)
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                ResponseEntity<Map<String, Object>> later = post(STAFF, "/api/organisations", organisation("During the outage"));
                assertOutOfReach(later);
                assertThat(later.getBody()).containsEntry("detail", AWAY);
            });
            // an outage long enough for Axon's wait between the organisations processor's tries to have grown to 8 s
            // (1, 2, 4, 8 s ...), ended as that wait begins: the processor is still waiting when the first write comes
            await().atMost(Duration.ofSeconds(60)).until(() -> retries.list.stream().anyMatch(retry ->
                    retry.getThreadName().contains("[organisations]") && retry.getFormattedMessage().endsWith("retry in 8s")));
        } finally {
            away(database, false);
            processors.detachAppender(retries);
        }
        // the pool connects again in its own time (its attempts back off while the database refused them)
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> events() >= 0);
        assertThat(events()).as("no event stored during the outage").isEqualTo(events);

        List<ResponseEntity<Map<String, Object>>> after = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            after.add(0, post(STAFF, "/api/organisations", organisation("After the outage")));
            return after.get(0).getStatusCode().value() == 201;
        });
        // the write's commit woke the processors waiting to try again after the outage, and the write waited for them
        assertThat(after.get(0).getHeaders().getFirst(ReadModels.HEADER)).as("read-your-writes after the outage").isNull();
        assertThat(names()).contains("Before the outage", "After the outage").doesNotContain("During the outage");
        assertThat(inError("organisations")).isFalse();
        assertThat(getList(neverSignedIn, "/api/organisations").getStatusCode().value()).isEqualTo(200);
    }

    /** Signs in through the console's form (its token first); where the answer sends the browser. */
    private String consoleSignIn(String user) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + port;
        String form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        assertThat(token.find()).as("the sign-in form's token in %s", form).isTrue();
        java.net.http.HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(
                        URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + PASSWORD
                        + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        return location.getPath() + "?" + location.getQuery();
    }

    private static void assertOutOfReach(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat((String) answer.getBody().get("detail")).isIn(AWAY, CUT);
    }

    private boolean inError(String processor) {
        return processing.eventProcessor(processor, StreamingEventProcessor.class).orElseThrow().processingStatus()
                .values().stream().anyMatch(EventTrackerStatus::isErrorState);
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private List<String> names() {
        return jdbc.queryForList("SELECT name FROM organisation", String.class);
    }

    private static Map<String, Object> organisation(String name) {
        return Map.of("name", name, "nationalIdScheme", "OTHER", "nationalId", "T" + System.nanoTime() % 10_000_000_000L,
                "kind", "SME", "headcount", 12, "region", "Occitanie", "competences", List.of("outages"));
    }

    /** New connections to the application's database refused and its open ones cut, or accepted again. */
    private void away(String database, boolean away) throws Exception {
        String url = ((HikariDataSource) jdbc.getDataSource()).getJdbcUrl().replaceFirst("/" + database + "(\\?|$)", "/postgres$1");
        try (Connection admin = DriverManager.getConnection(url, EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + !away);
            if (away) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");
            }
        }
    }
}
