package org.tremplin.audit;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.audit.query.ProjectHistoryService;
import org.tremplin.audit.query.TimelineEntry;
import org.tremplin.audit.query.TimelineFilter;
import org.tremplin.benchmark.scale.ScaleGenerator;
import org.tremplin.benchmark.scale.ScaleShape;
import org.tremplin.funding.command.FundingRules;
import org.tremplin.project.api.ReviewReminderSentEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A timeline merged from several streams (the project's own, its funding applications with their conventions and
 * payments, its partners' state-aid ledgers, its company's investment round), paged by the database: every page, filtered
 * or not, and the auditor page's overview, equal what the whole timeline read and summarised event by event gives. The
 * project comes from the scale generator's long project, in a context of its own (the generator's reference data
 * stay out of the shared one).
 */
@TestPropertySource(properties = "tremplin.test.context=merged-timeline")
abstract class MergedTimelineScenarios extends org.tremplin.support.ApiTestSupport {

    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private FundingRules fundingRules;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProjectHistoryService historyService;

    private static final java.util.Map<Class<?>, String> PROJECTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The long project of a small generated store, generated once per context (each subclass has its own). */
    private String project() {
        return PROJECTS.computeIfAbsent(getClass(), type -> {
            new ScaleGenerator(commandGateway, transactionManager, jdbc, fundingRules, processing)
                    .generate(new ScaleShape(3, 3, 20, 11L, 200, 2, false), System.out);
            // every processor past the last event generated (the timeline finds the round through the investment
            // read model): "caught up" alone only says a processor once reached the head, not this head
            long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .allMatch(p -> !p.processingStatus().isEmpty() && p.processingStatus().values().stream()
                            .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head)));
            return ScaleGenerator.projectId(0);
        });
    }

    @Test
    void every_page_of_a_merged_timeline_read_by_the_database_equals_the_whole_timeline_read_event_by_event() {
        String id = project();
        List<String> whole = historyService.timeline(id).stream().map(MergedTimelineScenarios::line).toList();
        assertThat(whole).as("several streams").hasSizeGreaterThan(150);
        assertThat(whole.stream().map(line -> line.split(" ")[1].replaceAll("-.*", "")).distinct())
                .contains("PRJ", "APP", "AID", "ROUND");

        assertThat(whole(id, "")).containsExactlyElementsOf(whole);
        List<String> paged = new ArrayList<>();
        for (int page = 0; page * 7 < whole.size(); page++) {
            ResponseEntity<Map<String, Object>> response = history(id, "?size=7&page=" + page);
            assertThat(response.getBody()).containsEntry("total", whole.size());
            paged.addAll(lines(response));
        }
        assertThat(paged).containsExactlyElementsOf(whole);
        for (int at = 0; at < whole.size(); at += 11) {
            assertThat(lines(history(id, "?size=1&page=" + at))).as("entry %d", at).containsExactly(whole.get(at));
        }
        assertThat(lines(history(id, "?size=7&page=" + (whole.size() / 7 + 1)))).isEmpty();
    }

    @Test
    void filtered_pages_and_the_overview_of_a_merged_timeline_equal_the_whole_timeline_filtered() {
        String id = project();
        List<TimelineEntry> whole = historyService.timeline(id);
        for (String types : List.of("ConventionSignedEvent", "PaymentMadeEvent,IdeaSubmittedEvent",
                "org.tremplin.funding.api.StateAidRecordedEvent,PartnerJoinedEvent", "RoundOpenedEvent", "NoSuchEvent")) {
            TimelineFilter filter = new TimelineFilter(null, null, Set.of(types.split(",")), null, null);
            List<String> expected = whole.stream().filter(filter::keeps).map(MergedTimelineScenarios::line).toList();
            assertThat(whole(id, "&type=" + types)).as(types).containsExactlyElementsOf(expected);
            for (int page = 0; page <= expected.size() / 3; page++) {
                ResponseEntity<Map<String, Object>> response = history(id, "?size=3&page=" + page + "&type=" + types);
                assertThat(response.getBody()).as(types).containsEntry("total", expected.size());
                assertThat(lines(response)).as(types + " page " + page)
                        .containsExactlyElementsOf(expected.subList(page * 3, Math.min(expected.size(), page * 3 + 3)));
            }
        }
        for (int at : new int[]{1, whole.size() / 3, whole.size() / 2, whole.size() - 2}) {
            Instant t = whole.get(at).time();
            for (Instant from : List.of(t, t.minusNanos(1), t.plusNanos(1), t.plusMillis(1))) {
                Instant to = whole.get(Math.min(whole.size() - 1, at + 40)).time().plusNanos(1);
                if (from.isAfter(to)) {
                    continue; // refused (400)
                }
                TimelineFilter filter = new TimelineFilter(from, to, Set.of(), null, null);
                List<String> expected = whole.stream().filter(filter::keeps).map(MergedTimelineScenarios::line).toList();
                ResponseEntity<Map<String, Object>> response = history(id, "?size=4&page=1&from=" + from + "&to=" + to);
                assertThat(response.getBody()).as(from + " " + to).containsEntry("total", expected.size());
                assertThat(lines(response)).as(from + " " + to)
                        .containsExactlyElementsOf(expected.subList(Math.min(4, expected.size()), Math.min(8, expected.size())));
            }
        }
        // the auditor page's selects and "as of" summary
        Set<String> types = new TreeSet<>();
        Set<String> funders = new TreeSet<>();
        whole.forEach(entry -> {
            types.add(entry.type());
            if (entry.funder() != null) {
                funders.add(entry.funder());
            }
        });
        for (int round = 0; round < 2; round++) { // the second from the funders kept per stream
            for (int at : new int[]{0, 5, whole.size() / 2, whole.size() - 1}) {
                Instant end = whole.get(at).time().plusNanos(1);
                ProjectHistoryService.Overview overview = historyService.overview(id, end);
                assertThat(overview.types()).isEqualTo(types);
                assertThat(overview.funders()).isNotEmpty().isEqualTo(funders);
                List<TimelineEntry> before = whole.stream().filter(entry -> entry.time().isBefore(end)).toList();
                assertThat(overview.asOfCount()).isEqualTo(before.size());
                assertThat(line(overview.asOfLast())).isEqualTo(line(before.get(before.size() - 1)));
            }
        }
    }

    /** Adds an event to the project; the other tests read their expectations from the timeline, whatever ran before. */
    @Test
    void a_project_stream_whose_times_go_back_is_merged_by_time_on_every_path() {
        String id = project();
        List<TimelineEntry> before = historyService.timeline(id);
        assertThat(whole(id, "")).hasSize(before.size()); // the order as it stands, kept for the next pages
        // a reminder stamped before the funding events (a node whose clock is behind), appended to the project's stream
        List<? extends DomainEventMessage<?>> own = eventStore.readEvents(id).asStream().toList();
        DomainEventMessage<?> last = own.get(own.size() - 1);
        Instant early = before.get(before.size() / 2).time().minusMillis(3);
        DomainEventMessage<?> late = new GenericDomainEventMessage<>(last.getType(), id, last.getSequenceNumber() + 1,
                new ReviewReminderSentEvent(id, "nobody", LocalDate.of(2027, 1, 1)), last.getMetaData(),
                UUID.randomUUID().toString(), early);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> eventStore.publish(late));
        List<String> whole = historyService.timeline(id).stream().map(MergedTimelineScenarios::line).toList();
        assertThat(whole).hasSize(before.size() + 1);
        assertThat(whole(id, "")).containsExactlyElementsOf(whole);
        int position = whole.indexOf(whole.stream().filter(line -> line.startsWith(late.getIdentifier())).findFirst()
                .orElseThrow());
        assertThat(position).as("in time order, not at the end").isLessThan(whole.size() - 1);
        assertThat(lines(history(id, "?size=1&page=" + position))).containsExactly(whole.get(position));
        List<String> paged = new ArrayList<>();
        for (int page = 0; page * 9 < whole.size(); page++) {
            paged.addAll(lines(history(id, "?size=9&page=" + page)));
        }
        assertThat(paged).containsExactlyElementsOf(whole);
    }

    /** Every entry, in pages of 500 (the largest page). */
    private List<String> whole(String id, String filter) {
        List<String> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<String> lines = lines(history(id, "?size=500&page=" + page + filter));
            all.addAll(lines);
            if (lines.size() < 500) {
                return all;
            }
        }
    }

    private ResponseEntity<Map<String, Object>> history(String id, String query) {
        ResponseEntity<Map<String, Object>> response = get(AUDITOR, "/api/projects/" + id + "/history" + query);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
        return response;
    }

    @SuppressWarnings("unchecked")
    private static List<String> lines(ResponseEntity<Map<String, Object>> page) {
        return ((List<Map<String, Object>>) page.getBody().get("entries")).stream()
                .map(e -> e.get("eventId") + " " + e.get("aggregateId") + " " + e.get("sequence") + " " + e.get("summary"))
                .toList();
    }

    private static String line(TimelineEntry entry) {
        return entry.eventId() + " " + entry.aggregateId() + " " + entry.sequence() + " " + Objects.toString(entry.summary());
    }
}
