package org.tremplin.audit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tremplin.audit.seal.EventSealer;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.ResponseEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The auditors' console pages through the whole application: the timeline with its filters and "as of" date, the
 * exports as downloads, the seals, the access log and the replay; what other roles get (404, nothing stored); French.
 */
class AuditPagesTest extends ConsolePageTestSupport {

    private static final ZoneId PARIS = ParisTime.ZONE;
    /**
     * The checkpoints taken on request. The background sealer also adds one each time the chain reaches a multiple of
     * checkpoint-every, stamped with that seal's own time: counting every row made these tests fail when the chain
     * crossed one meanwhile (a CI run).
     */
    private static final String ON_REQUEST = " FROM seal_checkpoint c WHERE NOT EXISTS (SELECT 1 FROM event_seal s"
            + " WHERE s.global_index = c.global_index AND s.sealed_at = c.created_at)";
    private static final Pattern ROW = Pattern.compile("data-event-id=\"([^\"]+)\"");
    private static final Map<Class<?>, ApiConsortium> LABELLED = new ConcurrentHashMap<>();

    @Autowired
    private EventSealer sealer;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    /** One project from idea to delivered conclusions (13 events), shared by the tests of this class. */
    private ApiConsortium labelled() {
        return LABELLED.computeIfAbsent(getClass(), c -> labelledThroughApi("Audited lidar " + java.util.UUID.randomUUID()
                .toString().substring(0, 6), "Grand Groupe SA"));
    }

    private record Funded(ApiConsortium c, String funderId, String funderName) {
    }

    private static final Map<Class<?>, Funded> FUNDED = new ConcurrentHashMap<>();

    /** A labelled project with one call chosen, its application filed and granted by a funder (funding events). */
    private Funded funded() {
        return FUNDED.computeIfAbsent(getClass(), k -> {
            String suffix = java.util.UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT)
                    .replaceAll("[^A-Z0-9]", "X");
            String funderUser = newUser("fui", Roles.FUNDER);
            String name = "Fonds audit " + suffix;
            String funder = ensureFunder("PFUI-" + suffix, name, "STATE_FUI", null, funderUser);
            String call = ensureCall(funder, "PFUI-" + suffix + "-C");
            ApiConsortium c = labelledThroughApi("Funded lidar " + suffix, "Grand Groupe SA");
            completeOk(STAFF, awaitTask(STAFF, c.projectId(), "user_choose_target_calls"), Map.of("targetCalls", call));
            awaitProject(STAFF, c.projectId(), p -> "FUNDING".equals(p.get("status")));
            completeOk(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(), "user_file_application", "callId", call),
                    Map.of("requests", c.carrierOrg() + "; 200000; 100000; 100000"));
            completeOk(funderUser, awaitTask(funderUser, c.projectId(), "user_record_funding_decision", "callId", call),
                    Map.of("granted", true, "grants", c.carrierOrg() + "; 100000", "reasons", "The SME's work package."));
            return new Funded(c, funder, name);
        });
    }

    private String timeline(ApiConsortium p) {
        return "/audit/projects/" + p.projectId();
    }

    private String html(String path, String user, String... groups) throws Exception {
        MockHttpServletResponse response = page(path, user, groups).andReturn().getResponse();
        assertThat(response.getStatus()).as("%s: %s", path, response.getContentAsString()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static List<String> rows(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String paris(Instant time) {
        // always with its seconds (LocalDateTime.toString() drops ":00", and a time to the minute means the whole minute)
        return LocalDateTime.ofInstant(time, PARIS).truncatedTo(ChronoUnit.SECONDS)
                .format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    @Test
    void an_auditor_sees_the_projects_and_a_project_timeline_with_its_events_in_order() throws Exception {
        ApiConsortium p = labelled();
        List<? extends DomainEventMessage<?>> stored = events(p.projectId());
        assertThat(stored).hasSize(13);

        String home = html("/audit", AUDITOR, Roles.AUDITOR);
        assertThat(home).contains("href=\"/audit/projects/" + p.projectId() + "\"").contains("seal-status")
                .contains("href=\"/audit/seals\"").contains("href=\"/audit/access-log\"").contains("href=\"/audit/exports\"")
                .contains("href=\"/audit/replay\"").contains("<label for=\"pick-project\"")
                .contains("<option value=\"" + p.projectId() + "\">");
        assertThat(page("/audit/projects?projectId=" + p.projectId(), AUDITOR, Roles.AUDITOR).andReturn().getResponse()
                .getRedirectedUrl()).isEqualTo(timeline(p));

        String page = html(timeline(p), AUDITOR, Roles.AUDITOR);
        assertThat(rows(page)).containsExactlyElementsOf(stored.stream().map(DomainEventMessage::getIdentifier).toList());
        assertThat(page).contains("13 events").contains("Label granted (average 15.00/20): Innovative.")
                .contains("<small class=\"type\">NDA signed</small>")
                .contains(p.carrierUser()).contains(STAFF)
                .contains("<label for=\"f-type\"").contains("<label for=\"f-asOf\"").contains("<label for=\"f-funder\"")
                .contains("hx-get=\"/audit/projects/" + p.projectId() + "\"")
                .contains("href=\"/audit/projects/" + p.projectId() + "/export?format=csv\"");
        assertThat(page).contains(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.UK).format(stored.get(0).getTimestamp().atZone(PARIS)));
        // pole staff use the same pages, as the API lets them
        assertThat(rows(html(timeline(p), STAFF, Roles.POLE_STAFF))).hasSize(13);
        assertThat(page(timeline(p).replace(p.projectId(), "PRJ-NOPE"), AUDITOR, Roles.AUDITOR).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
    }

    @Test
    void filters_by_event_type_and_period_narrow_the_rows() throws Exception {
        ApiConsortium p = labelled();
        List<? extends DomainEventMessage<?>> stored = events(p.projectId());

        assertThat(rows(html(timeline(p) + "?type=LabelGrantedEvent", AUDITOR, Roles.AUDITOR)))
                .containsExactly(stored.get(11).getIdentifier());
        assertThat(rows(html(timeline(p) + "?type=PartnerJoinedEvent&type=", AUDITOR, Roles.AUDITOR)))
                .containsExactly(stored.get(3).getIdentifier(), stored.get(5).getIdentifier());
        assertThat(html(timeline(p) + "?type=LabelGrantedEvent", AUDITOR, Roles.AUDITOR)).contains("1 event<")
                .contains("<option value=\"LabelGrantedEvent\" selected=\"selected\">Label granted</option>")
                .contains("export?format=csv&amp;type=LabelGrantedEvent");

        LocalDate today = LocalDate.ofInstant(stored.get(0).getTimestamp(), PARIS);
        assertThat(rows(html(timeline(p) + "?from=" + today.plusDays(1), AUDITOR, Roles.AUDITOR))).isEmpty();
        assertThat(rows(html(timeline(p) + "?to=" + today.minusDays(1), AUDITOR, Roles.AUDITOR))).isEmpty();
        assertThat(rows(html(timeline(p) + "?from=" + today + "&to=" + today, AUDITOR, Roles.AUDITOR))).hasSize(13);

        // to the second (a link may carry a Paris time): from inclusive, to included up to the end of its second
        Instant from = stored.get(4).getTimestamp().truncatedTo(ChronoUnit.SECONDS);
        Instant toEnd = stored.get(9).getTimestamp().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        List<String> expected = stored.stream().filter(e -> !e.getTimestamp().isBefore(from) && e.getTimestamp().isBefore(toEnd))
                .map(DomainEventMessage::getIdentifier).toList();
        // (how many depends on how fast the machine ran the labelling: at least events 4 to 9)
        assertThat(expected).hasSizeGreaterThanOrEqualTo(6);
        assertThat(rows(html(timeline(p) + "?from=" + paris(stored.get(4).getTimestamp()) + "&to="
                + paris(stored.get(9).getTimestamp()), AUDITOR, Roles.AUDITOR))).containsExactlyElementsOf(expected);

        // a date that is not one, or a period backwards: 400, said next to the field or above the table, no rows
        MockHttpServletResponse bad = page(timeline(p) + "?from=yesterday", AUDITOR, Roles.AUDITOR).andReturn().getResponse();
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString(StandardCharsets.UTF_8)).contains("id=\"p-from\"").contains("is not a date")
                .contains("aria-describedby=\"p-from\"");
        assertThat(rows(bad.getContentAsString(StandardCharsets.UTF_8))).isEmpty();
        MockHttpServletResponse backwards = page(timeline(p) + "?from=" + today + "&to=" + today.minusDays(2), AUDITOR,
                Roles.AUDITOR).andReturn().getResponse();
        assertThat(backwards.getStatus()).isEqualTo(400);
        assertThat(backwards.getContentAsString(StandardCharsets.UTF_8)).contains("must not be after");
    }

    @Test
    void the_funder_filter_keeps_the_events_of_that_funder() throws Exception {
        Funded f = funded();
        String page = html(timeline(f.c()), AUDITOR, Roles.AUDITOR);
        assertThat(page).contains("<option value=\"" + f.funderId() + "\">" + f.funderName() + "</option>");
        Map<String, Object> api = get(AUDITOR, "/api/projects/" + f.c().projectId() + "/history?size=500&funder=" + f.funderId())
                .getBody();
        @SuppressWarnings("unchecked")
        List<String> expected = ((List<Map<String, Object>>) api.get("entries")).stream().map(e -> (String) e.get("eventId"))
                .toList();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(2);
        String filtered = html(timeline(f.c()) + "?funder=" + f.funderId(), AUDITOR, Roles.AUDITOR);
        assertThat(rows(filtered)).containsExactlyElementsOf(expected);
        assertThat(rows(page).size()).isGreaterThan(expected.size());
        assertThat(filtered).contains("FundingGranted".isEmpty() ? "" : "Funding granted");
    }

    @Test
    void as_of_a_date_shows_the_timeline_and_the_state_at_that_date() throws Exception {
        ApiConsortium p = labelled();
        List<? extends DomainEventMessage<?>> stored = events(p.projectId());
        LocalDate today = LocalDate.ofInstant(stored.get(0).getTimestamp(), PARIS);

        String before = html(timeline(p) + "?asOf=" + today.minusDays(1), AUDITOR, Roles.AUDITOR);
        assertThat(rows(before)).isEmpty();
        assertThat(before).contains("The project did not exist yet on that day.");

        String now = html(timeline(p) + "?asOf=" + today, AUDITOR, Roles.AUDITOR);
        assertThat(rows(now)).hasSize(13);
        assertThat(now).contains("13 events by the end of that day.").contains("Conclusions");

        Instant labelled = stored.get(11).getTimestamp();
        Instant end = labelled.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        List<? extends DomainEventMessage<?>> byThen = stored.stream().filter(e -> e.getTimestamp().isBefore(end)).toList();
        String then = html(timeline(p) + "?asOf=" + paris(labelled), AUDITOR, Roles.AUDITOR);
        assertThat(rows(then)).containsExactlyElementsOf(byThen.stream().map(DomainEventMessage::getIdentifier).toList());
        assertThat(then).contains(byThen.size() + " events by the end of that day.");
        assertThat(then).contains("class=\"as-of-last\"");
    }

    @Test
    void carriers_funders_investors_and_reviewers_get_404_on_every_audit_page_and_change_nothing() throws Exception {
        ApiConsortium p = labelled();
        long checkpoints = jdbc.queryForObject("SELECT COUNT(*)" + ON_REQUEST, Long.class);
        List<String[]> others = List.of(new String[] {p.carrierUser(), Roles.CARRIER},
                new String[] {newUser("funder", Roles.FUNDER), Roles.FUNDER},
                new String[] {newUser("investor", Roles.INVESTOR), Roles.INVESTOR},
                new String[] {newUser("reviewer", Roles.REVIEWER), Roles.REVIEWER});
        for (String[] other : others) {
            for (String path : List.of("/audit", "/audit/projects?projectId=" + p.projectId(), timeline(p), timeline(p) + "?asOf=2026-01-01",
                    timeline(p) + "/export?format=csv", timeline(p) + "/export?format=cloudevents", "/audit/seals",
                    "/audit/access-log", "/audit/exports", "/audit/exports/360giving", "/audit/replay",
                    "/audit/replay/nope/progress")) {
                MockHttpServletResponse response = page(path, other[0], other[1]).andReturn().getResponse();
                assertThat(response.getStatus()).as("%s %s", other[1], path).isEqualTo(404);
                assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(path).doesNotContain(p.projectId() + "-history")
                        .doesNotContain("Label granted (average");
            }
            for (String path : List.of("/audit/seals/verify", "/audit/seals/checkpoints", "/audit/replay")) {
                assertThat(submit(MockMvcRequestBuilders.post(path), other[0], other[1]).andReturn().getResponse().getStatus())
                        .as("POST %s as %s", path, other[1]).isEqualTo(404);
            }
        }
        sealer.sealPending();
        assertThat(jdbc.queryForObject("SELECT COUNT(*)" + ON_REQUEST, Long.class)).isEqualTo(checkpoints);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log WHERE user_id IN (?, ?, ?, ?)", Long.class,
                others.get(0)[0], others.get(1)[0], others.get(2)[0], others.get(3)[0])).isZero();
    }

    @Autowired
    private GrantsExportController grantsExports;

    @Test
    void a_360giving_export_while_the_nodes_slot_is_taken_waits_then_gets_a_409_and_the_next_one_its_package() throws Exception {
        Funded f = funded();
        String path = "/api/audit/grants/360giving?projectId=" + f.c().projectId();
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Object> running = other.submit(() -> grantsExports.inSlot(() -> {
                holding.countDown();
                try {
                    release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long logged = jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log WHERE resource = ?", Long.class,
                    "/api/audit/grants/360giving");
            long waited = System.nanoTime();

            assertProblem(get(AUDITOR, path), 409, "360Giving export", "try again");

            assertThat(Duration.ofNanos(System.nanoTime() - waited)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log WHERE resource = ?", Long.class,
                    "/api/audit/grants/360giving")).as("a refused export is not logged as read").isEqualTo(logged);
            // the console's download: the exports page again, with the same advice
            String page = page("/audit/exports/360giving?projectId=" + f.c().projectId(), AUDITOR, Roles.AUDITOR)
                    .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(page).contains("id=\"download-360giving\"").contains("class=\"problem\"").contains("try again");
            release.countDown();
            running.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            release.countDown();
            other.shutdownNow();
        }
        ResponseEntity<Map<String, Object>> pack = get(AUDITOR, path);
        assertThat(pack.getStatusCode().value()).isEqualTo(200);
        assertThat((List<?>) pack.getBody().get("grants")).hasSize(1);
    }

    @Autowired
    private org.tremplin.audit.seal.SealVerifier verifier;

    @Test
    void a_seal_verification_asked_while_another_runs_past_the_bound_gets_a_409_and_the_home_says_one_is_running()
            throws Exception {
        labelled();
        sealer.sealPending();
        assertThat(post(AUDITOR, "/api/audit/verify", null).getStatusCode().value()).isEqualTo(200);
        labelled();
        sealer.sealPending();
        // a verification held at its start, as a first one recomputing a national store's chain would be
        try (org.tremplin.audit.seal.HeldVerification held = org.tremplin.audit.seal.HeldVerification.start(verifier)) {
            long records = jdbc.queryForObject("SELECT COUNT(*) FROM seal_verification", Long.class);
            long waited = System.nanoTime();

            assertProblem(post(AUDITOR, "/api/audit/verify", null), 409, "seal verification", "try again");

            assertThat(Duration.ofNanos(System.nanoTime() - waited)).as("waited for the bound (test: 5 s)")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(4_500));
            String pressed = submit(MockMvcRequestBuilders.post("/audit/seals/verify"), AUDITOR, Roles.AUDITOR).andExpect(
                    status().isConflict()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(pressed).contains("verify-problem").contains("try again");
            assertThat(html("/audit", AUDITOR, Roles.AUDITOR)).contains("seal-busy")
                    .contains("Another seal verification is running on this node");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seal_verification", Long.class))
                    .as("nothing recorded by the refused ones").isEqualTo(records);

            assertThat(held.release().verified()).isTrue();
        }
        assertThat(post(AUDITOR, "/api/audit/verify", null).getBody().get("verified")).isEqualTo(true);
        assertThat(html("/audit", AUDITOR, Roles.AUDITOR)).doesNotContain("seal-busy").contains("data-status=\"VERIFIED\"");
    }

    @Test
    void a_checkpoint_asked_while_the_node_seals_past_the_bound_gets_a_409_on_the_api_and_the_seals_page() throws Exception {
        labelled();
        sealer.sealPending();
        long checkpoints = jdbc.queryForObject("SELECT COUNT(*)" + ON_REQUEST, Long.class);
        // the node's sealer at work on a long backlog (a store loaded or restored): its lock held from another thread
        java.lang.reflect.Field field = EventSealer.class.getDeclaredField("work");
        field.setAccessible(true);
        java.util.concurrent.locks.ReentrantLock work = (java.util.concurrent.locks.ReentrantLock) field.get(sealer);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread sealing = new Thread(() -> {
            work.lock();
            try {
                held.countDown();
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                work.unlock();
            }
        });
        sealing.start();
        try {
            assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long waited = System.nanoTime();
            assertProblem(post(AUDITOR, "/api/audit/checkpoints", null), 409, "sealing a backlog", "no checkpoint recorded");
            assertThat(Duration.ofNanos(System.nanoTime() - waited)).as("waited for the bound (test: 5 s)")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(4_500));
            String pressed = submit(MockMvcRequestBuilders.post("/audit/seals/checkpoints"), AUDITOR, Roles.AUDITOR)
                    .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(pressed).contains("sealing a backlog on this node for more than 5 s").contains("try again");
            assertThat(jdbc.queryForObject("SELECT COUNT(*)" + ON_REQUEST, Long.class)).as("nothing recorded")
                    .isEqualTo(checkpoints);
        } finally {
            release.countDown();
            sealing.join(10_000);
        }
        assertThat(submit(MockMvcRequestBuilders.post("/audit/seals/checkpoints"), AUDITOR, Roles.AUDITOR).andReturn()
                .getResponse().getStatus()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT COUNT(*)" + ON_REQUEST, Long.class)).isEqualTo(checkpoints + 1);
    }

    @Test
    void the_seals_page_lists_the_latest_checkpoints_and_says_how_many_there_are() throws Exception {
        labelled();
        sealer.sealPending();
        while (jdbc.queryForObject("SELECT COUNT(*) FROM seal_checkpoint", Long.class) <= AuditPages.CHECKPOINTS_SHOWN) {
            assertThat(submit(MockMvcRequestBuilders.post("/audit/seals/checkpoints"), AUDITOR, Roles.AUDITOR).andReturn()
                    .getResponse().getStatus()).isEqualTo(302);
        }
        long all = jdbc.queryForObject("SELECT COUNT(*) FROM seal_checkpoint", Long.class);
        List<Long> newest = jdbc.queryForList("SELECT id FROM seal_checkpoint ORDER BY id DESC LIMIT "
                + AuditPages.CHECKPOINTS_SHOWN, Long.class);

        String html = html("/audit/seals", AUDITOR, Roles.AUDITOR);

        String table = html.substring(html.indexOf("<table class=\"checkpoints\""));
        List<String> ids = java.util.regex.Pattern.compile("<tr>\\s*<td class=\"num\">(\\d+)</td>").matcher(table).results()
                .map(m -> m.group(1)).toList();
        assertThat(ids).containsExactlyElementsOf(newest.stream().map(String::valueOf).toList());
        assertThat(html).contains("The latest " + AuditPages.CHECKPOINTS_SHOWN + " of "
                + String.format(Locale.ENGLISH, "%,d", all) + " checkpoints, newest first");
        // the API still gives them all, oldest first
        List<Map<String, Object>> api = http.withBasicAuth(AUDITOR, PASSWORD).exchange("/api/audit/checkpoints",
                org.springframework.http.HttpMethod.GET, null,
                new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).getBody();
        assertThat(api).hasSize((int) all);
        assertThat(((Number) api.get(api.size() - 1).get("id")).longValue()).isEqualTo(newest.get(0));
    }

    @Test
    void verifying_shows_verified_once_sealed_and_a_checkpoint_is_recorded_by_the_button() throws Exception {
        labelled();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            sealer.sealPending();
            MockHttpServletResponse verified = submit(MockMvcRequestBuilders.post("/audit/seals/verify").param("mode", "full"),
                    AUDITOR, Roles.AUDITOR).andReturn().getResponse();
            assertThat(verified.getStatus()).isEqualTo(200);
            String html = verified.getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).contains("data-status=\"VERIFIED\"").contains(">Verified<")
                    .contains("<dd class=\"checked\">" + String.format(Locale.ENGLISH, "%,d", storedEventCount()) + "</dd>")
                    .contains("<dd class=\"unsealed\">0</dd>").doesNotContain("first-problem");
        });
        assertThat(html("/audit", AUDITOR, Roles.AUDITOR)).contains("data-status=\"VERIFIED\"");
        // the button's default: only what is new since the full run just made, and the page says so
        String incremental = submit(MockMvcRequestBuilders.post("/audit/seals/verify"), AUDITOR, Roles.AUDITOR).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(incremental).contains("data-status=\"VERIFIED\"").contains("<dd class=\"coverage\">incremental: ");

        long checkpoints = jdbc.queryForObject("SELECT COUNT(*)" + ON_REQUEST, Long.class);
        org.springframework.test.web.servlet.MvcResult result = submit(MockMvcRequestBuilders.post("/audit/seals/checkpoints"),
                AUDITOR, Roles.AUDITOR).andReturn();
        MockHttpServletResponse recorded = result.getResponse();
        assertThat(recorded.getStatus()).isEqualTo(302);
        assertThat((String) result.getFlashMap().get("done")).startsWith("checkpoint recorded at global index ");
        assertThat(recorded.getRedirectedUrl()).isEqualTo("/audit/seals");
        assertThat(jdbc.queryForObject("SELECT COUNT(*)" + ON_REQUEST, Long.class)).isEqualTo(checkpoints + 1);
        String seal = jdbc.queryForObject("SELECT seal" + ON_REQUEST + " ORDER BY id DESC LIMIT 1", String.class);
        assertThat(html("/audit/seals", AUDITOR, Roles.AUDITOR)).contains(seal);

        // every row of the timeline is sealed by now
        String timeline = html(timeline(labelled()), AUDITOR, Roles.AUDITOR);
        assertThat(timeline).contains("Sealed").doesNotContain("Not sealed yet");
    }

    @Test
    void the_exports_download_as_attachments_with_the_projects_events() throws Exception {
        ApiConsortium p = labelled();
        List<? extends DomainEventMessage<?>> stored = events(p.projectId());

        MockHttpServletResponse csv = page(timeline(p) + "/export?format=csv", AUDITOR, Roles.AUDITOR).andReturn().getResponse();
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).startsWith("text/csv");
        assertThat(csv.getHeader("Content-Disposition")).startsWith("attachment").contains(p.projectId() + "-history.csv");
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.getContentAsString(StandardCharsets.UTF_8))).getRecords();
        assertThat(records).extracting(r -> r.get("type")).containsExactlyElementsOf(eventTypes(p.projectId()));
        assertThat(records).extracting(r -> r.get("time"))
                .containsExactlyElementsOf(stored.stream().map(e -> e.getTimestamp().toString()).toList());

        MockHttpServletResponse cloud = page(timeline(p) + "/export?format=cloudevents", AUDITOR, Roles.AUDITOR).andReturn().getResponse();
        assertThat(cloud.getStatus()).isEqualTo(200);
        assertThat(cloud.getContentType()).startsWith("application/x-ndjson");
        assertThat(cloud.getHeader("Content-Disposition")).startsWith("attachment").contains(p.projectId() + "-history.ndjson");
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (String line : cloud.getContentAsString(StandardCharsets.UTF_8).split("\n")) {
            ids.add(json.readTree(line).get("id").asText());
        }
        assertThat(ids).containsExactlyElementsOf(stored.stream().map(DomainEventMessage::getIdentifier).toList());

        // the same filters as the page
        MockHttpServletResponse filtered = page(timeline(p) + "/export?format=csv&type=ReviewRecordedEvent", AUDITOR,
                Roles.AUDITOR).andReturn().getResponse();
        assertThat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(filtered.getContentAsString(StandardCharsets.UTF_8))).getRecords())
                .extracting(r -> r.get("type")).containsExactly("ReviewRecordedEvent", "ReviewRecordedEvent");
        assertThat(page(timeline(p) + "/export?format=xml", AUDITOR, Roles.AUDITOR).andReturn().getResponse().getStatus())
                .isEqualTo(400);

        // 360Giving: a project without a grant answers the exports page with the API's reason; a funded one, the package
        MockHttpServletResponse none = page("/audit/exports/360giving?projectId=" + p.projectId(), AUDITOR, Roles.AUDITOR)
                .andReturn().getResponse();
        assertThat(none.getStatus()).isEqualTo(404);
        assertThat(none.getContentAsString(StandardCharsets.UTF_8)).contains("No grant was decided for project " + p.projectId())
                .contains("<option value=\"" + p.projectId() + "\" selected=\"selected\"");
        Funded f = funded();
        MockHttpServletResponse grants = page("/audit/exports/360giving?projectId=" + f.c().projectId(), AUDITOR, Roles.AUDITOR)
                .andReturn().getResponse();
        assertThat(grants.getStatus()).isEqualTo(200);
        assertThat(grants.getContentType()).startsWith("application/json");
        assertThat(grants.getHeader("Content-Disposition")).startsWith("attachment")
                .contains("360giving-grants-" + f.c().projectId() + ".json");
        JsonNode pack = json.readTree(grants.getContentAsString(StandardCharsets.UTF_8));
        assertThat(pack.get("grants")).as("%s", pack).hasSize(1);
        assertThat(pack.get("grants").get(0).get("amountAwarded").decimalValue()).isEqualByComparingTo("100000");

        String exports = html("/audit/exports", AUDITOR, Roles.AUDITOR);
        assertThat(exports).contains("action=\"/audit/exports/360giving\"").contains("<label for=\"g-project\"")
                .contains("href=\"/audit/projects/" + p.projectId() + "/export?format=cloudevents\"");
    }

    @Test
    void the_access_log_lists_the_auditors_own_reads() throws Exception {
        ApiConsortium p = labelled();
        String auditor = newUser("auditor", Roles.AUDITOR);
        html(timeline(p) + "?type=LabelGrantedEvent", auditor, Roles.AUDITOR);
        page(timeline(p) + "/export?format=csv", auditor, Roles.AUDITOR);

        String log = html("/audit/access-log?userId=" + auditor, auditor, Roles.AUDITOR);
        assertThat(log).contains("/api/projects/" + p.projectId() + "/history</code>")
                .contains("/api/projects/" + p.projectId() + "/history/export</code>")
                .contains("type=LabelGrantedEvent&amp;page=0&amp;size=50").contains("format=csv")
                .contains("2 reads").contains("<label for=\"f-user\"");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log WHERE user_id = ?", Long.class, auditor))
                .isEqualTo(3);
        // a user id that cannot be one is refused next to the field
        MockHttpServletResponse bad = page("/audit/access-log?userId=a%20b", auditor, Roles.AUDITOR).andReturn().getResponse();
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString(StandardCharsets.UTF_8)).contains("id=\"p-user\"");
    }

    @Test
    void the_timeline_in_french_with_dates_in_the_french_format() throws Exception {
        ApiConsortium p = labelled();
        List<? extends DomainEventMessage<?>> stored = events(p.projectId());
        String fr = mvc.perform(as(MockMvcRequestBuilders.get(timeline(p)).header("Accept-Language", "fr"), AUDITOR, Roles.AUDITOR))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(fr).contains("lang=\"fr\"").contains("Chronologie").contains("13 événements").contains("Type d&#39;événement")
                .contains("Heures de Paris.").contains("Tous les financeurs")
                .contains("<option value=\"LabelGrantedEvent\">Label accordé</option>").contains("NDA signé");
        String french = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(Locale.FRENCH)
                .format(stored.get(0).getTimestamp().atZone(PARIS));
        assertThat(fr).contains(french);
        String asOf = html(timeline(p) + "?lang=fr&asOf=" + LocalDate.ofInstant(stored.get(0).getTimestamp(), PARIS).minusDays(1),
                AUDITOR, Roles.AUDITOR);
        assertThat(asOf).contains("n&#39;existait pas encore").contains(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(Locale.FRENCH).format(LocalDate.ofInstant(stored.get(0).getTimestamp(), PARIS).minusDays(1)));
        assertThat(html("/audit/seals?lang=fr", AUDITOR, Roles.AUDITOR)).contains("Vérifier les sceaux");
    }

    @Test
    void an_auditor_posting_a_change_outside_the_audit_tools_is_refused_and_nothing_is_stored() throws Exception {
        ApiConsortium p = labelled();
        Map<String, Object> task = awaitTask(STAFF, p.projectId(), "user_choose_target_calls");
        long events = storedEventCount();

        MockHttpServletResponse refused = submit(MockMvcRequestBuilders.post("/tasks/" + task.get("id")).param("targetCalls", "CALL-X"), AUDITOR,
                Roles.AUDITOR).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(404);
        // every other console form (whatever its page) refuses an auditor too
        List<String[]> writes = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(path -> !path.startsWith("/api/") && !path.startsWith("/audit") && !path.startsWith("/engine-rest")
                        && !path.equals("/login") && !path.equals("/logout"))
                .forEach(path -> info.getMethodsCondition().getMethods().stream()
                        .filter(method -> method != RequestMethod.GET && method != RequestMethod.HEAD)
                        .forEach(method -> writes.add(new String[] {method.name(), path}))));
        assertThat(writes).as("console forms").isNotEmpty();
        for (String[] write : writes) {
            String path = write[1].replaceAll("\\{taskId}", String.valueOf(task.get("id"))).replaceAll("\\{projectId}|\\{id}",
                    p.projectId()).replaceAll("\\{[^}]+}", "X-1");
            int status = mvc.perform(as(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .request(org.springframework.http.HttpMethod.valueOf(write[0]), path)
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()),
                    AUDITOR, Roles.AUDITOR)).andReturn().getResponse().getStatus();
            assertThat(status).as("%s %s", write[0], path).isBetween(400, 499);
        }
        assertThat(storedEventCount()).isEqualTo(events);
        assertThat(getList(STAFF, "/api/tasks?projectId=" + p.projectId()).getBody())
                .anyMatch(t -> task.get("id").equals(t.get("id")));
    }

    @Test
    void the_replay_page_starts_a_replay_and_its_progress_fragment_polls_until_done() throws Exception {
        assertThat(html("/audit/replay", AUDITOR, Roles.AUDITOR)).contains("id=\"start-replay\"").doesNotContain("hx-trigger");
        MockHttpServletResponse started = submit(MockMvcRequestBuilders.post("/audit/replay"), AUDITOR, Roles.AUDITOR).andReturn().getResponse();
        assertThat(started.getStatus()).isEqualTo(302);
        String id = started.getRedirectedUrl().substring(started.getRedirectedUrl().indexOf("id=") + 3);
        String page = html("/audit/replay?id=" + id, AUDITOR, Roles.AUDITOR);
        assertThat(page).contains("id=\"replay-progress\"").contains("<progress id=\"replay-total\"");
        String done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(
                () -> html("/audit/replay/" + id + "/progress", AUDITOR, Roles.AUDITOR), html -> !html.contains("data-state=\"RUNNING\""));
        assertThat(done).contains("data-state=\"VERIFIED\"").doesNotContain("hx-trigger").contains("Verified: every model came out identical")
                .doesNotContain("<html");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log WHERE resource = ? AND query = ?", Long.class,
                "/api/audit/replay", "replay " + id)).isEqualTo(1);
    }
}
