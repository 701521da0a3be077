package org.tremplin.audit;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.tremplin.audit.query.HistoryExport;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project timeline, its CloudEvents and CSV exports and the access log, after the whole labelling slice;
 * on H2 here, on PostgreSQL in {@link PostgresProjectHistoryIT}.
 */
class ProjectHistoryApiTest extends ApiTestSupport {

    /** The events of the slice stored at revision 2 (every other one is at revision 1). */
    static final java.util.Set<String> REVISION_2 = java.util.Set.of("LabelGrantedEvent", "ReviewersAssignedEvent");

    static final List<String> SLICE = List.of(
            "IdeaSubmittedEvent", "PartnerInvitedEvent", "PartnerInvitedEvent",
            "PartnerJoinedEvent", "NdaSignedEvent", "PartnerJoinedEvent", "NdaSignedEvent",
            "ProjectSubmittedForLabellingEvent", "ReviewersAssignedEvent", "ReviewRecordedEvent", "ReviewRecordedEvent",
            "LabelGrantedEvent", "ConclusionsCommunicatedEvent");

    record Labelled(String projectId, String processInstanceId, String carrierUser, String largeUser, String labUser,
                    String reviewerA, String reviewerB) {
    }

    /** One project taken from idea to delivered conclusions, shared by the tests of a class (same context). */
    private static final Map<Class<?>, Labelled> LABELLED = new java.util.concurrent.ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    private org.tremplin.audit.query.ProjectHistoryService historyService;

    private Labelled labelled() {
        return LABELLED.computeIfAbsent(getClass(), c -> labelProject());
    }

    private Labelled labelProject() {
        ApiConsortium consortium = consortiumThroughApi("Quantum lidar for autonomous trains", "Grand Groupe, \"SA\"");
        String projectId = consortium.projectId();
        String carrierUser = consortium.carrierUser();
        String largeUser = consortium.largeUser();
        String labUser = consortium.labUser();
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        assertThat(complete(carrierUser, awaitTask(carrierUser, projectId,
                ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM), Map.of("consortiumComplete", true))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(complete(STAFF, awaitTask(STAFF, projectId, LabellingProcess.Elements.USER_ASSIGN_REVIEWERS),
                Map.of("reviewers", reviewerA + ", " + reviewerB,
                        "reviewDeadline", LocalDate.now().plusDays(10).toString())).getStatusCode().value()).isEqualTo(204);
        assertThat(complete(reviewerA, awaitTask(reviewerA, projectId, LabellingProcess.Elements.USER_REVIEW_FILE),
                Map.of("score", 16, "recommendation", "GRANT", "conclusions", "=Solid team, \"clear\" market.\nFundable."))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(complete(reviewerB, awaitTask(reviewerB, projectId, LabellingProcess.Elements.USER_REVIEW_FILE),
                Map.of("score", 15, "recommendation", "GRANT", "conclusions", "Budget of the lab is high."))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(complete(STAFF, awaitTask(STAFF, projectId, LabellingProcess.Elements.USER_DECIDE_LABEL),
                Map.of("granted", true, "reasons", "Innovative and well balanced consortium."))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(complete(STAFF, awaitTask(STAFF, projectId, LabellingProcess.Elements.USER_COMMUNICATE_CONCLUSIONS),
                Map.of("message", "Well done.")).getStatusCode().value()).isEqualTo(204);
        assertThat(eventTypes(projectId)).containsExactlyElementsOf(SLICE);
        return new Labelled(projectId, consortium.processInstanceId(), carrierUser, largeUser,
                labUser, reviewerA, reviewerB);
    }

    private String history(Labelled p) {
        return "/api/projects/" + p.projectId() + "/history";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(ResponseEntity<Map<String, Object>> page) {
        return (List<Map<String, Object>>) page.getBody().get("entries");
    }

    private ResponseEntity<String> text(String user, String path) {
        return http.withBasicAuth(user, PASSWORD).exchange(path, HttpMethod.GET, null, String.class);
    }

    @Test
    void the_timeline_holds_every_event_once_in_order_with_its_actor_process_context_and_summary() {
        Labelled p = labelled();
        ResponseEntity<Map<String, Object>> response = get(AUDITOR, history(p) + "?size=500");

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("page", 0).containsEntry("size", 500).containsEntry("total", 13);
        List<Map<String, Object>> entries = entries(response);
        List<? extends DomainEventMessage<?>> stored = events(p.projectId());
        assertThat(entries).extracting(e -> e.get("eventId"))
                .containsExactlyElementsOf(stored.stream().map(DomainEventMessage::getIdentifier).toList())
                .doesNotHaveDuplicates();
        assertThat(entries).extracting(e -> e.get("type")).containsExactlyElementsOf(SLICE);
        assertThat(entries).extracting(e -> ((Number) e.get("sequence")).intValue())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        List<Instant> times = entries.stream().map(e -> Instant.parse((String) e.get("time"))).toList();
        assertThat(times).isSorted();
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("actor")).isNotNull();
            assertThat((List<?>) e.get("roles")).isNotEmpty();
            assertThat(e.get("processInstanceId")).isNotNull();
            assertThat(e.get("correlationId")).isNotNull();
            // every event of the slice is at revision 1 but the label decision (revision 2 added capacityShown) and
            // the reviewers' assignment (revision 2 added the panel's backgrounds and the required mix)
            assertThat(e.get("revision")).isEqualTo(REVISION_2.contains((String) e.get("type")) ? "2" : "1");
            assertThat((String) e.get("summary")).isNotBlank().doesNotContain("\n");
            assertThat(e).containsKey("funder");
            assertThat(e.get("funder")).isNull();
            assertThat((Map<String, Object>) e.get("payload")).containsEntry("projectId", p.projectId());
        });
        assertThat(entries.get(0)).containsEntry("actor", p.carrierUser())
                .containsEntry("processInstanceId", p.processInstanceId())
                .containsEntry("activityId", ProjectLifecycleProcess.Elements.SERVICE_SUBMIT_IDEA);
        assertThat((List<String>) entries.get(0).get("roles")).contains(Roles.CARRIER);
        assertThat(entries.get(0).get("summary")).isEqualTo("Idea 'Quantum lidar for autonomous trains' submitted for "
                + "Photonique SME (SME) on the axis 'Mobility', CONSORTIUM confidentiality, 250,000.50 € planned by the carrier");
        assertThat(entries.get(3)).containsEntry("actor", p.largeUser()).containsEntry("summary",
                "Grand Groupe, \"SA\" joined the consortium as 'System integration' with 400,000.00 €");
        assertThat(entries.get(9)).containsEntry("actor", p.reviewerA())
                .containsEntry("activityId", LabellingProcess.Elements.USER_REVIEW_FILE);
        assertThat(entries.get(11)).containsEntry("actor", STAFF)
                .containsEntry("activityId", LabellingProcess.Elements.USER_DECIDE_LABEL)
                .containsEntry("summary", "Label granted (average 15.50/20): Innovative and well balanced consortium."
                        + " — capacity shown: Photonique SME comfortable, Grand Groupe, \"SA\" comfortable,"
                        + " Laboratoire Photonique comfortable");
        assertThat((List<String>) entries.get(11).get("roles")).contains(Roles.POLE_STAFF);

        assertThat(get(STAFF, history(p)).getStatusCode().value()).isEqualTo(200);
        assertThat(get(AUDITOR, "/api/projects/PRJ-NOPE/history").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void the_timeline_filters_by_type_actor_and_time_and_pages() {
        Labelled p = labelled();
        List<Map<String, Object>> all = entries(get(AUDITOR, history(p) + "?size=500"));

        ResponseEntity<Map<String, Object>> byType = get(AUDITOR, history(p) + "?type=PartnerJoinedEvent&type=NdaSignedEvent");
        assertThat(byType.getBody()).containsEntry("total", 4);
        assertThat(entries(byType)).extracting(e -> e.get("type"))
                .containsExactly("PartnerJoinedEvent", "NdaSignedEvent", "PartnerJoinedEvent", "NdaSignedEvent");
        assertThat(get(AUDITOR, history(p) + "?type=org.tremplin.project.api.LabelGrantedEvent").getBody())
                .containsEntry("total", 1);
        assertThat(get(AUDITOR, history(p) + "?type=LabelGrantedEvent,ReviewRecordedEvent").getBody())
                .containsEntry("total", 3);

        ResponseEntity<Map<String, Object>> byActor = get(AUDITOR, history(p) + "?actor=" + p.reviewerA());
        assertThat(entries(byActor)).extracting(e -> e.get("type")).containsExactly("ReviewRecordedEvent");
        assertThat(get(AUDITOR, history(p) + "?actor=" + STAFF + "&type=LabelGrantedEvent").getBody())
                .containsEntry("total", 1);

        Instant from = Instant.parse((String) all.get(4).get("time"));
        Instant to = Instant.parse((String) all.get(10).get("time"));
        List<Object> expected = all.stream().filter(e -> {
            Instant t = Instant.parse((String) e.get("time"));
            return !t.isBefore(from) && t.isBefore(to);
        }).map(e -> e.get("eventId")).toList();
        ResponseEntity<Map<String, Object>> window = get(AUDITOR, history(p) + "?from=" + from + "&to=" + to);
        assertThat(window.getStatusCode().value()).isEqualTo(200);
        assertThat(entries(window)).extracting(e -> e.get("eventId")).containsExactlyElementsOf(expected).isNotEmpty();
        assertThat(get(AUDITOR, history(p) + "?to=" + Instant.parse((String) all.get(0).get("time"))).getBody())
                .containsEntry("total", 0);

        List<Object> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            ResponseEntity<Map<String, Object>> response = get(AUDITOR, history(p) + "?size=5&page=" + page);
            assertThat(response.getBody()).containsEntry("page", page).containsEntry("size", 5).containsEntry("total", 13);
            assertThat(entries(response)).hasSize(page < 2 ? 5 : 3);
            entries(response).forEach(e -> paged.add(e.get("eventId")));
        }
        assertThat(paged).containsExactlyElementsOf(all.stream().map(e -> e.get("eventId")).toList());
        assertThat(entries(get(AUDITOR, history(p) + "?size=5&page=3"))).isEmpty();
        assertThat(get(AUDITOR, history(p)).getBody()).containsEntry("size", 50);
    }

    @Test
    void every_page_and_filtered_page_carries_the_entries_of_the_whole_timeline_summaries_included() {
        Labelled p = labelled();
        List<Map<String, Object>> all = entries(get(AUDITOR, history(p) + "?size=500"));
        // one entry per page: each summary (which may name an organisation met earlier) as in the whole timeline
        for (int page = 0; page < all.size(); page++) {
            assertThat(entries(get(AUDITOR, history(p) + "?size=1&page=" + page))).containsExactly(all.get(page));
        }
        List<Map<String, Object>> joined = all.stream().filter(e -> "PartnerJoinedEvent".equals(e.get("type"))).toList();
        assertThat(joined).hasSize(2);
        assertThat(entries(get(AUDITOR, history(p) + "?type=PartnerJoinedEvent&size=1&page=1"))).containsExactly(joined.get(1));
        // the page read from the stored rows' keys equals the whole timeline read and summarised event by event
        assertThat(all).extracting(e -> e.get("eventId") + " " + e.get("summary")).containsExactlyElementsOf(
                historyService.timeline(p.projectId()).stream().map(e -> e.eventId() + " " + e.summary()).toList());
        // named from its invitation, an event not on that page
        assertThat(joined.get(1).get("summary").toString()).containsAnyOf("Laboratoire Photonique", "Grand Groupe");
    }

    @Test
    void pages_filtered_by_type_or_period_read_by_the_database_carry_the_entries_of_the_whole_timeline() {
        Labelled p = labelled();
        List<org.tremplin.audit.query.TimelineEntry> whole = historyService.timeline(p.projectId());
        // types, simple or qualified, one entry per page and all at once: entries, summaries and totals as filtered whole
        for (String types : List.of("PartnerJoinedEvent", "org.tremplin.project.api.NdaSignedEvent",
                "PartnerInvitedEvent,ReviewRecordedEvent", "LabelGrantedEvent,org.tremplin.project.api.PartnerJoinedEvent",
                "IdeaSubmittedEvent", "ProjectEvent", "api.LabelGrantedEvent")) {
            org.tremplin.audit.query.TimelineFilter filter = new org.tremplin.audit.query.TimelineFilter(null, null,
                    java.util.Set.of(types.split(",")), null, null);
            List<String> expected = whole.stream().filter(filter::keeps).map(e -> e.eventId() + " " + e.summary()).toList();
            ResponseEntity<Map<String, Object>> all = get(AUDITOR, history(p) + "?size=500&type=" + types);
            assertThat(all.getBody()).as(types).containsEntry("total", expected.size());
            assertThat(entries(all)).extracting(e -> e.get("eventId") + " " + e.get("summary")).as(types)
                    .containsExactlyElementsOf(expected);
            for (int page = 0; page <= expected.size(); page++) {
                assertThat(entries(get(AUDITOR, history(p) + "?size=1&page=" + page + "&type=" + types)))
                        .extracting(e -> e.get("eventId") + " " + e.get("summary")).as(types + " page " + page)
                        .containsExactlyElementsOf(page < expected.size() ? List.of(expected.get(page)) : List.of());
            }
        }
        // periods whose bounds fall on, just before, just after and inside an event's millisecond
        for (int at : new int[]{3, 6, 9}) {
            Instant t = whole.get(at).time();
            for (Instant from : List.of(t, t.minusNanos(1), t.plusNanos(1), t.plusNanos(999_999), t.plusMillis(1))) {
                for (Instant to : List.of(whole.get(11).time(), whole.get(11).time().plusNanos(1), t, t.plusNanos(1))) {
                    if (from.isAfter(to)) {
                        continue; // refused (400), see bad_filter_values_are_refused_with_400_problem_json
                    }
                    org.tremplin.audit.query.TimelineFilter filter = new org.tremplin.audit.query.TimelineFilter(from, to,
                            java.util.Set.of(), null, null);
                    List<String> expected = whole.stream().filter(filter::keeps).map(e -> e.eventId() + " " + e.summary())
                            .toList();
                    ResponseEntity<Map<String, Object>> window = get(AUDITOR, history(p) + "?size=2&page=1&from=" + from
                            + "&to=" + to);
                    assertThat(window.getBody()).as(from + " " + to).containsEntry("total", expected.size());
                    assertThat(entries(window)).extracting(e -> e.get("eventId") + " " + e.get("summary"))
                            .as(from + " " + to).containsExactlyElementsOf(expected.subList(Math.min(2, expected.size()),
                                    Math.min(4, expected.size())));
                }
            }
        }
    }

    @Test
    void bad_filter_values_are_refused_with_400_problem_json() {
        Labelled p = labelled();
        long logged = jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log", Long.class);
        for (String query : List.of("from=yesterday", "to=2027-13-01T00:00:00Z", "from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z",
                "from=", "page=-1", "page=x", "size=0", "size=501", "size=1.5", "type=", "type=A,", "type=not-a-type",
                "actor=a%20b", "actor=")) {
            ResponseEntity<Map<String, Object>> refused = get(AUDITOR, history(p) + "?" + query);
            assertThat(refused.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType().toString()).as(query).startsWith("application/problem+json");
            assertThat((String) refused.getBody().get("detail")).as(query).isNotBlank();
        }
        for (String query : List.of("", "format=xml", "format=csv&from=nope")) {
            ResponseEntity<Map<String, Object>> refused = get(AUDITOR, history(p) + "/export?" + query);
            assertThat(refused.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        }
        assertThat(get(AUDITOR, "/api/audit/access-log?size=9999").getStatusCode().value()).isEqualTo(400);
        assertThat(get(AUDITOR, "/api/audit/access-log?userId=%27%3B--").getStatusCode().value()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log", Long.class)).isEqualTo(logged);
    }

    @Test
    void only_pole_staff_and_auditors_read_history_exports_and_the_access_log() {
        Labelled p = labelled();
        String reviewer = p.reviewerA();
        for (String user : List.of(p.carrierUser(), reviewer)) {
            for (String path : List.of(history(p), history(p) + "?size=0", history(p) + "/export?format=csv",
                    history(p) + "/export?format=cloudevents", "/api/audit/access-log")) {
                ResponseEntity<Map<String, Object>> denied = get(user, path);
                assertThat(denied.getStatusCode().value()).as("%s %s", user, path).isEqualTo(403);
                assertThat(denied.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            }
        }
        assertThat(http.exchange(history(p), HttpMethod.GET, null, String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log WHERE user_id IN (?, ?)", Long.class,
                p.carrierUser(), reviewer)).isZero();
    }

    @Test
    void the_cloudevents_export_is_valid_cloudevents_json_one_per_line() throws Exception {
        Labelled p = labelled();
        ResponseEntity<String> export = text(AUDITOR, history(p) + "/export?format=cloudevents");

        assertThat(export.getStatusCode().value()).as("%s", export.getBody()).isEqualTo(200);
        assertThat(export.getHeaders().getContentType().toString()).startsWith("application/x-ndjson");
        assertThat(export.getHeaders().getContentDisposition().getFilename()).isEqualTo(p.projectId() + "-history.ndjson");
        String[] lines = export.getBody().split("\n");
        List<? extends DomainEventMessage<?>> stored = events(p.projectId());
        assertThat(lines).hasSize(stored.size());
        EventFormat format = new JsonFormat();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.length; i++) {
            CloudEvent event = format.deserialize(lines[i].getBytes(StandardCharsets.UTF_8));
            DomainEventMessage<?> source = stored.get(i);
            assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
            assertThat(event.getId()).isEqualTo(source.getIdentifier());
            assertThat(event.getType()).isEqualTo("org.tremplin.project." + SLICE.get(i)
                    + (REVISION_2.contains(SLICE.get(i)) ? ".v2" : ".v1"));
            assertThat(event.getSource()).isEqualTo(URI.create("/tremplin/projects/" + p.projectId()));
            assertThat(event.getSubject()).isEqualTo(p.projectId());
            assertThat(event.getTime().toInstant()).isEqualTo(source.getTimestamp());
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            assertThat(event.getExtension("actor")).isEqualTo(source.getMetaData().get("actor"));
            assertThat(event.getExtension("correlationid")).isEqualTo(source.getMetaData().get("correlationId"));
            assertThat(event.getExtension("processinstanceid")).isEqualTo(source.getMetaData().get("processInstanceId"));
            assertThat(event.getExtension("activityid")).isEqualTo(source.getMetaData().get("activityId"));
            assertThat(event.getExtensionNames()).allSatisfy(name -> assertThat(name).matches("[a-z0-9]+"));
            assertThat(event.getData()).isNotNull();
            JsonNode data = json.readTree(event.getData().toBytes());
            assertThat(data.get("projectId").asText()).isEqualTo(p.projectId());
        }
        JsonNode granted = json.readTree(format.deserialize(lines[11].getBytes(StandardCharsets.UTF_8)).getData().toBytes());
        assertThat(granted.get("averageScore").decimalValue()).isEqualByComparingTo("15.50");
        assertThat(granted.get("reasons").asText()).isEqualTo("Innovative and well balanced consortium.");

        ResponseEntity<String> filtered = text(AUDITOR, history(p) + "/export?format=cloudevents&type=ReviewRecordedEvent");
        assertThat(filtered.getBody().split("\n")).hasSize(2);
    }

    @Test
    void the_csv_export_has_a_header_and_one_properly_quoted_row_per_event() throws Exception {
        Labelled p = labelled();
        ResponseEntity<String> export = text(STAFF, history(p) + "/export?format=csv");

        assertThat(export.getStatusCode().value()).as("%s", export.getBody()).isEqualTo(200);
        assertThat(export.getHeaders().getContentType().toString()).startsWith("text/csv");
        List<Map<String, Object>> timeline = entries(get(AUDITOR, history(p) + "?size=500"));
        try (CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(export.getBody()))) {
            assertThat(csv.getHeaderNames()).containsExactlyElementsOf(HistoryExport.CSV_COLUMNS)
                    .containsExactly("time", "sequence", "type", "summary", "actor", "roles", "processInstanceId",
                            "activityId", "correlationId");
            List<CSVRecord> rows = csv.getRecords();
            assertThat(rows).hasSize(13);
            for (int i = 0; i < rows.size(); i++) {
                CSVRecord row = rows.get(i);
                Map<String, Object> entry = timeline.get(i);
                assertThat(row.size()).isEqualTo(9);
                assertThat(Instant.parse(row.get("time"))).isEqualTo(Instant.parse((String) entry.get("time")));
                assertThat(row.get("sequence")).isEqualTo(String.valueOf(i));
                assertThat(row.get("type")).isEqualTo(SLICE.get(i));
                assertThat(row.get("actor")).isEqualTo(entry.get("actor"));
                assertThat(row.get("processInstanceId")).isEqualTo(entry.get("processInstanceId"));
                assertThat(row.get("correlationId")).isEqualTo(entry.get("correlationId"));
            }
            assertThat(rows.get(3).get("summary"))
                    .isEqualTo("Grand Groupe, \"SA\" joined the consortium as 'System integration' with 400,000.00 €");
            assertThat(rows.get(9).get("summary")).startsWith("Review recorded by " + p.reviewerA() + ": 16/20")
                    .contains("\"clear\" market. Fundable.");
            assertThat(rows.get(11).get("roles")).contains(Roles.POLE_STAFF);
        }
    }

    @Test
    void every_audit_read_is_in_the_access_log_with_its_user() {
        Labelled p = labelled();
        String auditor = newUser("auditor", Roles.AUDITOR);
        Instant before = Instant.now().minusSeconds(1);

        assertThat(get(auditor, history(p) + "?type=LabelGrantedEvent&size=10").getStatusCode().value()).isEqualTo(200);
        assertThat(text(auditor, history(p) + "/export?format=csv").getStatusCode().value()).isEqualTo(200);
        assertThat(text(auditor, history(p) + "/export?format=cloudevents&actor=" + STAFF).getStatusCode().value())
                .isEqualTo(200);
        assertThat(get(auditor, history(p) + "?page=x").getStatusCode().value()).isEqualTo(400);

        ResponseEntity<Map<String, Object>> log = get(AUDITOR, "/api/audit/access-log?userId=" + auditor);
        assertThat(log.getStatusCode().value()).as("%s", log.getBody()).isEqualTo(200);
        assertThat(log.getBody()).containsEntry("total", 3).containsEntry("page", 0).containsEntry("size", 50);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) log.getBody().get("entries");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line).containsEntry("userId", auditor);
            assertThat((List<String>) line.get("roles")).containsExactly(Roles.AUDITOR);
            assertThat(Instant.parse((String) line.get("accessedAt"))).isAfter(before);
        });
        // newest first
        assertThat(lines).extracting(line -> line.get("resource"), line -> line.get("query")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/api/projects/" + p.projectId() + "/history/export",
                        "format=cloudevents&actor=" + STAFF),
                org.assertj.core.groups.Tuple.tuple("/api/projects/" + p.projectId() + "/history/export", "format=csv"),
                org.assertj.core.groups.Tuple.tuple("/api/projects/" + p.projectId() + "/history",
                        "type=LabelGrantedEvent&page=0&size=10"));

        // reading the log is itself logged, and a page of it is paged
        ResponseEntity<Map<String, Object>> ownReads = get(STAFF, "/api/audit/access-log?userId=" + AUDITOR + "&size=1");
        assertThat(ownReads.getStatusCode().value()).isEqualTo(200);
        assertThat(((Number) ownReads.getBody().get("total")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat((List<?>) ownReads.getBody().get("entries")).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log WHERE user_id = ? AND resource = ?",
                Long.class, STAFF, "/api/audit/access-log")).isGreaterThanOrEqualTo(1);
        assertThat(get(p.carrierUser(), "/api/audit/access-log?userId=" + auditor).getStatusCode().value()).isEqualTo(403);
    }
}
