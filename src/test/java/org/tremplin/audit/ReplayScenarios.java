package org.tremplin.audit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.tremplin.audit.replay.ReadModelReplay;
import org.tremplin.audit.replay.ReadModelResetMarks;
import org.tremplin.audit.replay.ReadModelTables;
import org.tremplin.audit.replay.ReplayReport;
import org.tremplin.audit.replay.ReplayCommandLine;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** POST /api/audit/replay end to end: a faithful replay verifies, a tampered read model is named and repaired. */
@SuppressWarnings("unchecked")
public abstract class ReplayScenarios extends ApiTestSupport {

    @Autowired
    private ApplicationContext context;
    @Autowired
    private ReadModelReplay readModelReplay;
    @Autowired
    private ReadModelResetMarks resetMarks;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private org.tremplin.platform.query.ReadModelRebuilds rebuilds;
    @Autowired
    private org.springframework.transaction.PlatformTransactionManager transactionManager;

    protected String projectWithConsortium() {
        return consortiumThroughApi("Replayable photonic sensor", "Replay Groupe SA").projectId();
    }

    /** Starts a replay, polls it to its end and returns every report seen (the 202 answer first). */
    private List<Map<String, Object>> replay(String user) {
        ResponseEntity<Map<String, Object>> started = post(user, "/api/audit/replay", null);
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(202);
        String id = (String) started.getBody().get("id");
        assertThat(started.getHeaders().getLocation()).hasToString("/api/audit/replay/" + id);
        List<Map<String, Object>> seen = new ArrayList<>();
        seen.add(started.getBody());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            ResponseEntity<Map<String, Object>> progress = get(AUDITOR, "/api/audit/replay/" + id);
            assertThat(progress.getStatusCode().value()).isEqualTo(200);
            seen.add(progress.getBody());
            return !"RUNNING".equals(progress.getBody().get("state"));
        });
        return seen;
    }

    private static Map<String, Object> processor(Map<String, Object> report, String name) {
        return ((List<Map<String, Object>>) report.get("processors")).stream()
                .filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    private static String sha(Map<String, Object> processor, String which) {
        return (String) ((Map<String, Object>) processor.get(which)).get("sha256");
    }

    @Test
    void a_replay_rebuilds_every_read_model_identically_and_repairs_a_tampered_one() {
        String projectId = projectWithConsortium();
        Map<String, Object> viewBefore = awaitProject(STAFF, projectId, p -> true);

        List<Map<String, Object>> reports = replay(AUDITOR);

        Map<String, Object> first = reports.get(0);
        assertThat(first.get("state")).isEqualTo("RUNNING");
        assertThat(((Number) ((Map<String, Object>) first.get("total")).get("total")).longValue()).isPositive();
        Map<String, Object> done = reports.get(reports.size() - 1);
        assertThat(done.get("state")).as("%s", done).isEqualTo("VERIFIED");
        assertThat((List<?>) done.get("differences")).isEmpty();
        Map<String, Object> total = (Map<String, Object>) done.get("total");
        assertThat(((Number) total.get("done")).longValue()).isEqualTo(((Number) total.get("total")).longValue())
                .isGreaterThanOrEqualTo(storedEventCount());
        assertThat(total.get("eventsPerSecond")).isNotNull();
        for (String model : ReadModelTables.BY_PROCESSING_GROUP.keySet()) {
            Map<String, Object> processor = processor(done, model);
            assertThat(processor.get("state")).as(model).isEqualTo("VERIFIED");
            assertThat(sha(processor, "before")).as(model).matches("[0-9a-f]{64}").isEqualTo(sha(processor, "after"));
            Map<String, Object> progress = (Map<String, Object>) processor.get("progress");
            assertThat(((Number) progress.get("total")).longValue()).as(model).isPositive();
            assertThat(progress.get("done")).isEqualTo(progress.get("total"));
            assertThat(progress.get("etaSeconds")).isEqualTo(0);
        }
        List<Map<String, Object>> projectTables = (List<Map<String, Object>>) ((Map<String, Object>)
                processor(done, "projects").get("after")).get("tables");
        assertThat(projectTables).extracting(t -> t.get("table")).containsExactly("project", "project_partner", "project_review",
                "co_label", "consortium_agreement", "consortium_agreement_signature", "model_agreement", "ip_pre_diagnosis", "pre_label");
        assertThat(projectTables).allSatisfy(t -> assertThat(t.get("rows")).isNotNull());
        assertThat(((Number) projectTables.get(1).get("rows")).longValue()).isGreaterThanOrEqualTo(3);
        assertThat(get(STAFF, "/api/projects/" + projectId).getBody()).isEqualTo(viewBefore);
        assertThat(resetMarks.pending()).as("no reset left marked").isEmpty();
        assertThat(rebuilds.current()).as("no model left being rebuilt").isEmpty();
        assertThat(get(STAFF, "/api/projects/PRJ-NO-SUCH-PROJECT").getBody().get("detail")).asString()
                .doesNotContain("being rebuilt");

        // Tampering with a read-model row: the replay names the model and repairs the row from the events.
        assertThat(jdbc.update("UPDATE project SET title = 'X' WHERE id = ?", projectId)).isEqualTo(1);
        assertThat(get(STAFF, "/api/projects/" + projectId).getBody().get("title")).isEqualTo("X");

        Map<String, Object> repaired = last(replay(STAFF));

        assertThat(repaired.get("state")).as("%s", repaired).isEqualTo("DIFFERENCES");
        assertThat((List<Map<String, Object>>) repaired.get("differences")).singleElement().satisfies(difference -> {
            assertThat(difference.get("model")).isEqualTo("projects");
            assertThat((String) difference.get("description")).contains("project (rows").contains("content differs")
                    .doesNotContain("project_partner");
        });
        Map<String, Object> projects = processor(repaired, "projects");
        assertThat(projects.get("state")).isEqualTo("DIFFERENCES");
        assertThat(sha(projects, "before")).isNotEqualTo(sha(projects, "after"));
        assertThat(sha(projects, "after")).isEqualTo(sha(processor(done, "projects"), "after"));
        assertThat(processor(repaired, "organisations").get("state")).isEqualTo("VERIFIED");
        assertThat(jdbc.queryForObject("SELECT title FROM project WHERE id = ?", String.class, projectId))
                .isEqualTo("Replayable photonic sensor");
        assertThat(get(STAFF, "/api/projects/" + projectId).getBody()).isEqualTo(viewBefore);
    }

    private static Map<String, Object> last(List<Map<String, Object>> reports) {
        return reports.get(reports.size() - 1);
    }

    @Test
    void a_replay_clears_the_dead_letters_of_the_models_it_rebuilds_and_handles_their_events_again() {
        String projectId = projectWithConsortium();
        Map<String, Object> viewBefore = awaitProject(STAFF, projectId, p -> ((List<?>) p.get("partners")).size() == 3);
        // as after a handler failed on the project's partners, its cause since mended: a letter waits, the rows are gone
        var letters = processing.deadLetterQueue("projects").orElseThrow();
        org.axonframework.eventhandling.EventMessage<?> first = context.getBean(
                org.axonframework.eventsourcing.eventstore.EventStore.class).readEvents(projectId).next();
        new org.springframework.transaction.support.TransactionTemplate(transactionManager).executeWithoutResult(status ->
                letters.enqueue(projectId, new org.axonframework.messaging.deadletter.GenericDeadLetter<>(projectId, first,
                        new IllegalStateException("a handler failure, since mended"))));
        jdbc.update("DELETE FROM project_partner WHERE project_id = ?", projectId);

        Map<String, Object> report = last(replay(STAFF));

        assertThat(report.get("state")).as("%s", report).isIn("VERIFIED", "DIFFERENCES");
        assertThat(letters.contains(projectId)).as("the letter, cleared with the model's reset").isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DeadLetterEntry WHERE processingGroup = 'projects'",
                Long.class)).isZero();
        // every event of the project handled again: its partners are back, as they were
        assertThat(get(STAFF, "/api/projects/" + projectId).getBody()).isEqualTo(viewBefore);
    }

    @Test
    void one_model_after_the_other_rebuilds_each_identically_and_leaves_the_processors_serving() throws Exception {
        String projectId = projectWithConsortium();
        Map<String, Object> viewBefore = awaitProject(STAFF, projectId, p -> true);

        ReplayReport report = readModelReplay.runAndWait(AUDITOR, false);

        assertThat(report.state()).as("%s", report).isEqualTo(ReplayReport.State.VERIFIED);
        assertThat(report.total().done()).isEqualTo(report.total().total()).isGreaterThanOrEqualTo(storedEventCount());
        for (String model : ReadModelTables.BY_PROCESSING_GROUP.keySet()) {
            ReplayReport.ProcessorReport processor = report.processors().stream().filter(p -> p.name().equals(model))
                    .findFirst().orElseThrow();
            assertThat(processor.state()).as(model).isEqualTo(ReplayReport.ProcessorState.VERIFIED);
            assertThat(processor.after().sha256()).as(model).isEqualTo(processor.before().sha256());
            assertThat(processor.positionAfter()).as(model).isEqualTo(processor.positionBefore());
        }
        assertThat(get(STAFF, "/api/projects/" + projectId).getBody()).isEqualTo(viewBefore);
        // The processors run again from the replay's tokens: a new event reaches the read model.
        String other = projectWithConsortium();
        assertThat(awaitProject(STAFF, other, p -> true).get("id")).isEqualTo(other);
    }

    /**
     * A funded project: two funders' applications granted, three partners' state-aid ledgers, conventions signed and
     * advances paid, so that the funding model's events come from several aggregates.
     */
    private String fundedProject() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String fuiUser = newUser("fui", Roles.FUNDER);
        String regionUser = newUser("region", Roles.FUNDER);
        String fui = ensureFunder("RFUI-" + suffix, "Fonds unique interministériel", "STATE_FUI", null, fuiUser);
        String region = ensureFunder("RREG-" + suffix, "Région Occitanie", "REGION", null, regionUser);
        String fuiCall = ensureCall(fui, "RFUI-" + suffix + "-C");
        String regionCall = ensureCall(region, "RREG-" + suffix + "-C");
        ApiConsortium c = labelledThroughApi("Segmented photonic lidar", "Grand Groupe Segments");
        String project = c.projectId();
        completeOk(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"),
                Map.of("targetCalls", fuiCall + ", " + regionCall));
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", fuiCall),
                Map.of("requests", c.carrierOrg() + "; 200000; 100000; 100000\n" + c.largeOrg() + "; 300000; 100000; 50000"));
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", regionCall),
                Map.of("requests", c.carrierOrg() + "; 200000; 100000; 60000\n" + c.labOrg() + "; 200000; 100000; 60000"));
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_record_funding_decision", "callId", fuiCall),
                Map.of("granted", true, "grants", c.carrierOrg() + "; 100000\n" + c.largeOrg() + "; 40000", "reasons", "Both."));
        completeOk(regionUser, awaitTask(regionUser, project, "user_record_funding_decision", "callId", regionCall),
                Map.of("granted", true, "grants", c.carrierOrg() + "; 20000\n" + c.labOrg() + "; 33333.33", "reasons", "SME and lab."));
        String fuiSme = GrantedAid.conventionId(SubmitFundingApplicationCommand.applicationId(project, fuiCall.substring(5)),
                c.carrierOrg());
        String regionLab = GrantedAid.conventionId(SubmitFundingApplicationCommand.applicationId(project,
                regionCall.substring(5)), c.labOrg());
        signConvention(fuiUser, project, fuiSme, "20");
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_pay_advance", "conventionId", fuiSme), Map.of());
        signConvention(regionUser, project, regionLab, "20");
        completeOk(regionUser, awaitTask(regionUser, project, "user_pay_advance", "conventionId", regionLab), Map.of());
        return project;
    }

    /** The funding processor's stored token position, read in a transaction rolled back (its claim left as it was). */
    private long storedFundingToken() {
        org.springframework.transaction.support.TransactionTemplate transaction =
                new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        return transaction.execute(status -> {
            status.setRollbackOnly();
            TrackingToken token = processing.tokenStore("funding").fetchToken("funding", 0);
            return token == null ? -1L : token.position().orElse(-1L);
        });
    }

    @Test
    void the_funding_model_replays_in_segments_identically_and_its_processor_stores_its_own_tokens_after() throws Exception {
        String project = fundedProject();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM funding_payment WHERE project_id = ?", Long.class, project) == 2);
        Map<String, Object> fundingBefore = get(STAFF, "/api/projects/" + project + "/funding").getBody();
        assertThat((List<?>) fundingBefore.get("funders")).hasSize(2);
        long fundingRows = jdbc.queryForObject("SELECT COUNT(*) FROM funding_payment", Long.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT aggregateIdentifier) FROM DomainEventEntry"
                + " WHERE payloadType LIKE 'org.tremplin.funding.api.%' AND aggregateIdentifier LIKE ?", Long.class,
                "%" + project + "%")).as("the project's funding aggregates").isGreaterThanOrEqualTo(4);

        // the models the replay says are being rebuilt (error answers name them meanwhile), sampled while it runs
        java.util.Set<String> rebuilding = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                rebuilds.current().forEach(rebuild -> rebuilding.add(rebuild.model()));
            }
        });
        sampler.start();
        ReplayReport report;
        try {
            report = readModelReplay.runAndWait(AUDITOR, 2);
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertThat(rebuilding).containsExactlyInAnyOrderElementsOf(ReadModelTables.BY_PROCESSING_GROUP.keySet());
        assertThat(rebuilds.current()).as("none left being rebuilt").isEmpty();

        assertThat(report.state()).as("%s", report).isEqualTo(ReplayReport.State.VERIFIED);
        for (ReplayReport.ProcessorReport processor : report.processors()) {
            assertThat(processor.state()).as(processor.name()).isEqualTo(ReplayReport.ProcessorState.VERIFIED);
            assertThat(processor.after().sha256()).as(processor.name()).isEqualTo(processor.before().sha256());
            assertThat(processor.segments()).as(processor.name())
                    .isEqualTo(ReadModelTables.BY_AGGREGATE.contains(processor.name()) ? 2 : 1);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM funding_payment", Long.class)).isEqualTo(fundingRows);
        assertThat(get(STAFF, "/api/projects/" + project + "/funding").getBody()).isEqualTo(fundingBefore);

        // After the replay the processor runs with its own token store again: its stored token follows new events.
        String other = projectWithConsortium();
        awaitProject(STAFF, other, p -> true);
        long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(storedFundingToken()).isGreaterThanOrEqualTo(head));
    }

    @Test
    void only_one_replay_runs_at_a_time() {
        ResponseEntity<Map<String, Object>> first = post(STAFF, "/api/audit/replay", null);
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        ResponseEntity<Map<String, Object>> second = post(AUDITOR, "/api/audit/replay", null);
        String firstState = (String) get(AUDITOR, "/api/audit/replay/" + first.getBody().get("id")).getBody().get("state");
        // 409 while the first runs; a 202 is only acceptable if the first had already finished.
        if (second.getStatusCode().value() == 202) {
            assertThat(firstState).isNotEqualTo("RUNNING");
        } else {
            assertThat(second.getStatusCode().value()).isEqualTo(409);
            assertThat(second.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat((String) second.getBody().get("detail")).contains("already running")
                    .contains((String) first.getBody().get("id"));
        }
        for (ResponseEntity<Map<String, Object>> started : List.of(first, second)) {
            if (started.getStatusCode().value() == 202) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(
                        get(AUDITOR, "/api/audit/replay/" + started.getBody().get("id")).getBody().get("state")));
            }
        }
    }

    @Test
    void only_auditors_and_staff_replay_and_the_command_line_runner_is_off_by_default() {
        String carrier = newUser("carrier", Roles.CARRIER);
        assertThat(post(carrier, "/api/audit/replay", null).getStatusCode().value()).isEqualTo(403);
        assertThat(get(carrier, "/api/audit/replay/whatever").getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map<String, Object>> unknown = get(AUDITOR, "/api/audit/replay/no-such-replay");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(context.getBeansOfType(ReplayCommandLine.class)).isEmpty();
    }
}
