package org.tremplin.platform.observability;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.eventhandling.EventMessage;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.funding.process.FundingApplicationProcess;
import org.tremplin.platform.observability.process.JobExecutorMonitor;
import org.tremplin.platform.web.CorrelationIdFilter;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator scrapes and checks, through the whole application: the Prometheus endpoint (secured like the other
 * metrics), the step counter fed by the engine, Axon's command timings, the processor lag, dead-letter, overdue-stage
 * and job-backlog gauges, the health components, and the user in the log lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends ApiTestSupport {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)");

    @Autowired
    private OperationalReadings readings;
    @Autowired
    private JobExecutorMonitor jobs;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private LoggingSystem loggingSystem;

    @Test
    void prometheus_is_for_pole_staff_auditors_and_administrators() {
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(401);
        String carrier = newUser("carrier", Roles.CARRIER);
        assertThat(scrape(carrier).getStatusCode().value()).isEqualTo(403);

        for (String reader : List.of(STAFF, AUDITOR)) {
            ResponseEntity<String> scraped = scrape(reader);
            assertThat(scraped.getStatusCode().value()).as(reader).isEqualTo(200);
            assertThat(scraped.getHeaders().getContentType().toString()).startsWith("text/plain");
            assertThat(scraped.getBody()).contains("# TYPE tremplin_process_steps_total counter",
                    "# TYPE tremplin_seal_unsealed_events gauge", "application=\"tremplin\"");
        }
    }

    /** One labelling for the class (the context, hence its data, is shared): the figures before it, and its consortium. */
    private record Labelled(ApiConsortium consortium, double decided, double reviewed, double built, double ended) {
    }

    private static Labelled labelled;

    private Labelled labelled() {
        if (labelled == null) {
            double decided = value("tremplin_process_steps_total", "process", "labelling", "activity", "user_decide_label");
            double reviewed = value("tremplin_process_steps_total", "process", "labelling", "activity", "user_review_file");
            double built = value("tremplin_process_steps_total", "process", "project-lifecycle", "activity", "user_build_consortium");
            double ended = value("camunda_engine_metrics_total", "metric", "activity-instance-end");
            ApiConsortium c = labelledThroughApi("Observed lidar " + UUID.randomUUID().toString().substring(0, 6),
                    "Grand Groupe Obs");
            labelled = new Labelled(c, decided, reviewed, built, ended);
        }
        return labelled;
    }

    @Test
    void a_labelling_counts_its_steps_per_process_and_activity_and_axon_and_camunda_count_theirs() {
        Labelled before = labelled();

        // one decision, two reviews (one per reviewer), one consortium built
        assertThat(value("tremplin_process_steps_total", "process", "labelling", "activity", "user_decide_label"))
                .isEqualTo(before.decided() + 1);
        assertThat(value("tremplin_process_steps_total", "process", "labelling", "activity", "user_review_file"))
                .isEqualTo(before.reviewed() + 2);
        assertThat(value("tremplin_process_steps_total", "process", "project-lifecycle", "activity", "user_build_consortium"))
                .isEqualTo(before.built() + 1);
        // Camunda's own metrics, counted as the engine records them
        assertThat(value("camunda_engine_metrics_total", "metric", "activity-instance-end"))
                .isGreaterThanOrEqualTo(before.ended() + 4);
        // Axon's command bus timings, per command type, and its event processor metrics
        List<Sample> axon = samples(scrape(STAFF).getBody()).stream()
                .filter(s -> s.name().startsWith("commandBus") || s.name().startsWith("queryBus")
                        || s.name().startsWith("eventProcessor")).toList();
        assertThat(axon).as("Axon's metrics:%n%s", String.join("\n", axon.stream().map(Sample::line).toList()))
                .anyMatch(s -> s.name().equals("commandBus_successTimer_seconds_count")
                        && s.labels().contains("payloadType=\"DecideLabelCommand\"") && s.value() >= 1)
                .anyMatch(s -> s.name().equals("eventProcessor_successTimer_seconds_count")
                        && s.labels().contains("processorName=\"projects\"")
                        && s.labels().contains("payloadType=\"LabelGrantedEvent\"") && s.value() >= 1)
                // events a processor has no handler for are not timed one by one
                .noneMatch(s -> s.name().startsWith("eventProcessor_ignored"));
    }

    @Test
    void a_refused_step_rolls_back_and_counts_nothing() {
        double built = value("tremplin_process_steps_total", "process", "project-lifecycle", "activity", "user_build_consortium");
        String carrier = newUser("carrier", Roles.CARRIER);
        String org = newOrganisation("Lonely SME", "SME", carrier);
        ResponseEntity<Map<String, Object>> submitted = post(carrier, "/api/projects", Map.of(
                "title", "No partner", "summary", "Alone.", "thematicAxis", "Health",
                "confidentiality", "CONSORTIUM", "carrierOrganisationId", org, "plannedBudget", 100000));
        String projectId = (String) submitted.getBody().get("id");

        ResponseEntity<Map<String, Object>> refused = complete(carrier, awaitTask(carrier, projectId, "user_build_consortium"),
                Map.of("consortiumComplete", true));

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(value("tremplin_process_steps_total", "process", "project-lifecycle", "activity", "user_build_consortium"))
                .isEqualTo(built);
    }

    @Test
    void a_stopped_processor_falls_behind_the_head_and_turns_health_down_until_it_runs_again() {
        awaitLagZero("organisations");
        EventProcessor organisations = processing.eventProcessor("organisations").orElseThrow();
        organisations.shutDown();
        try {
            ensureFunder("OBS" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT), "Observed funder",
                    "REGION", null, null);
            readings.refresh();
            assertThat(value("tremplin_processor_lag_events", "processor", "organisations")).isGreaterThanOrEqualTo(1);
            Map<String, Object> health = health(STAFF);
            assertThat(health.get("status")).isEqualTo("DOWN");
            assertThat(processorDetail(health, "organisations")).containsEntry("running", false);
            assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(503);
        } finally {
            organisations.start();
        }
        awaitLagZero("organisations");
        assertThat(value("tremplin_processor_lag_events", "processor", "organisations")).isZero();
        assertThat(health(STAFF).get("status")).isEqualTo("UP");
    }

    @Autowired
    private org.springframework.scheduling.config.ScheduledTaskHolder scheduledTasks;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("taskScheduler")
    private org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler taskScheduler;

    /** The sealer's pass over a backlog takes minutes at 10⁶ events: the readings must not wait behind it. */
    @Test
    void every_scheduled_task_has_a_thread_of_its_own() {
        assertThat(scheduledTasks.getScheduledTasks())
                .as("the sealer, the seal monitor, the readings, the job monitor, the identity generation's poll, the H2 upkeep")
                .hasSizeGreaterThanOrEqualTo(6);
        assertThat(taskScheduler.getPoolSize()).isGreaterThanOrEqualTo(scheduledTasks.getScheduledTasks().size());
    }

    @Test
    void each_write_records_its_wait_for_the_read_models_and_an_answer_sent_pending_counts_apart() {
        String visible = "tremplin_read_your_writes_seconds_count";
        double visibleBefore = value(visible, "outcome", "visible");
        double pendingBefore = value(visible, "outcome", "pending");

        ResponseEntity<Map<String, Object>> seen = post(STAFF, "/api/organisations", organisation("Waited for"));
        assertThat(seen.getStatusCode().value()).isEqualTo(201);
        assertThat(seen.getHeaders().getFirst(ReadModels.HEADER)).isNull();
        assertThat(value(visible, "outcome", "visible")).isEqualTo(visibleBefore + 1);
        assertThat(value(visible, "outcome", "pending")).isEqualTo(pendingBefore);

        awaitLagZero("organisations");
        EventProcessor organisations = processing.eventProcessor("organisations").orElseThrow();
        organisations.shutDown();
        try {
            ResponseEntity<Map<String, Object>> late = post(STAFF, "/api/organisations", organisation("Not processed yet"));
            assertThat(late.getStatusCode().value()).isEqualTo(201);
            assertThat(late.getHeaders().getFirst(ReadModels.HEADER)).isEqualTo(ReadModels.PENDING);
            assertThat(value(visible, "outcome", "pending")).isEqualTo(pendingBefore + 1);
            assertThat(value(visible, "outcome", "visible")).isEqualTo(visibleBefore + 1);
            // it waited the whole bound (2 s) before answering
            assertThat(value("tremplin_read_your_writes_seconds_max", "outcome", "pending")).isGreaterThanOrEqualTo(2.0);
        } finally {
            organisations.start();
        }
        awaitLagZero("organisations");
    }

    private static Map<String, Object> organisation(String name) {
        return Map.of("name", name, "nationalIdScheme", "OTHER",
                "nationalId", "W" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), "kind", "SME",
                "headcount", 12, "region", "Bretagne", "competences", List.of("photonics"));
    }

    @Test
    void a_dead_letter_shows_per_processing_group() {
        readings.refresh();
        double before = value("tremplin_deadletters_events", "processing_group", "funding");
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue("funding").orElseThrow();
        String sequence = "observability-" + UUID.randomUUID();
        queue.enqueue(sequence, new GenericDeadLetter<>(sequence, GenericEventMessage.asEventMessage("a payload"),
                new IllegalStateException("a handler failed")));
        try {
            readings.refresh();
            assertThat(value("tremplin_deadletters_events", "processing_group", "funding")).isEqualTo(before + 1);
            assertThat(processorDetail(health(STAFF), "funding")).containsEntry("deadLetters", (int) before + 1);
        } finally {
            queue.deadLetterSequence(sequence).forEach(queue::evict);
        }
        readings.refresh();
        assertThat(value("tremplin_deadletters_events", "processing_group", "funding")).isEqualTo(before);
    }

    @Test
    void a_service_level_timer_due_is_backlog_and_once_fired_an_overdue_stage_of_its_funder() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String funder = ensureFunder("OBSF-" + suffix, "Observed fund " + suffix, "STATE_FUI", null, null);
        String call = ensureCall(funder, "OBSF-" + suffix + "-C");
        ApiConsortium c = labelled().consortium();
        completeOk(STAFF, awaitTask(STAFF, c.projectId(), "user_choose_target_calls"), Map.of("targetCalls", call));
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(), "user_file_application", "callId", call),
                Map.of("requests", c.carrierOrg() + "; 200000; 100000; 50000\n" + c.largeOrg() + "; 300000; 100000; 50000\n"
                        + c.labOrg() + "; 200000; 100000; 60000"));
        String applicationId = SubmitFundingApplicationCommand.applicationId(c.projectId(), call.substring(5));
        String processInstanceId = await().until(() -> processEngine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(FundingApplicationProcess.KEY)
                .variableValueEquals(FundingApplicationProcess.Variables.APPLICATION_ID, applicationId).list().stream()
                .map(p -> p.getId()).findFirst().orElse(null), id -> id != null);
        Job timer = await().until(() -> processEngine.getManagementService().createJobQuery()
                .activityId(FundingApplicationProcess.Elements.TIMER_DECISION_OVERDUE)
                .processInstanceId(processInstanceId).singleResult(), job -> job != null);
        readings.refresh();
        assertThat(value("tremplin_funding_overdue_stages", "funder", funder)).isZero();
        long backlog = jobs.refresh().due();

        // the timer falls due: the executor (off in tests) has one more job to pick up
        processEngine.getManagementService().setJobDuedate(timer.getId(), Date.from(java.time.Instant.now().minusSeconds(60)));
        assertThat(jobs.refresh().due()).isEqualTo(backlog + 1);
        assertThat(value("tremplin_jobs_backlog_jobs")).isEqualTo(backlog + 1);
        Map<String, Object> jobDetails = componentDetails(health(STAFF), "jobExecutor");
        assertThat(jobDetails).containsEntry("backlog", (int) backlog + 1).containsEntry("enabled", false)
                .containsEntry("active", false);

        // it fires: the stage is reported overdue against the funder
        processEngine.getManagementService().executeJob(timer.getId());
        assertThat(jobs.refresh().due()).isEqualTo(backlog);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            readings.refresh();
            return value("tremplin_funding_overdue_stages", "funder", funder) == 1;
        });
    }

    @Test
    void health_shows_processors_seal_and_job_executor_to_staff_and_only_the_status_to_others() {
        readings.refresh();
        jobs.refresh();
        Map<String, Object> health = health(STAFF);
        assertThat(health.get("status")).isEqualTo("UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> components = (Map<String, Object>) health.get("components");
        assertThat(components).containsKeys("processors", "seal", "jobExecutor");
        for (String processor : List.of("organisations", "projects", "funding-registry", "funding", "investments")) {
            assertThat(processorDetail(health, processor)).containsEntry("running", true).containsEntry("inError", false)
                    .containsKeys("lag", "deadLetters", "replaying");
        }
        assertThat(componentDetails(health, "jobExecutor")).containsKeys("active", "backlog", "failedJobs");
        // the status says UP only once the start-up listeners (groups, administrator, demo) are done
        assertThat((Map<String, Object>) ((Map<String, Object>) health.get("components")).get("readinessState"))
                .containsEntry("status", "UP");

        ResponseEntity<Map<String, Object>> anonymous = http.exchange("/actuator/health", HttpMethod.GET, json(null),
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(anonymous.getBody()).containsEntry("status", "UP").doesNotContainKey("components");
        String carrier = newUser("carrier", Roles.CARRIER);
        assertThat(health(carrier)).doesNotContainKey("components");
    }

    @Test
    void a_line_logged_for_a_request_names_its_user_next_to_its_correlation_id(CapturedOutput output) {
        String logger = "org.tremplin.platform.web.ProblemDetailsAdvice";
        LogLevel configured = loggingSystem.getLoggerConfiguration(logger).getConfiguredLevel();
        loggingSystem.setLogLevel(logger, LogLevel.INFO);
        try {
            String carrier = newUser("carrier", Roles.CARRIER);
            String org = newOrganisation("Logged SME", "SME", carrier);
            ResponseEntity<Map<String, Object>> submitted = post(carrier, "/api/projects", Map.of(
                    "title", "Logged idea", "summary", "Alone.", "thematicAxis", "Health",
                    "confidentiality", "CONSORTIUM", "carrierOrganisationId", org, "plannedBudget", 100000));
            Map<String, Object> task = awaitTask(carrier, (String) submitted.getBody().get("id"), "user_build_consortium");
            String correlationId = "obs-" + UUID.randomUUID();
            int mark = output.getOut().length();

            HttpHeaders headers = json(null).getHeaders();
            HttpHeaders withId = new HttpHeaders();
            withId.putAll(headers);
            withId.set(CorrelationIdFilter.HEADER, correlationId);
            ResponseEntity<String> refused = http.withBasicAuth(carrier, PASSWORD).exchange(
                    "/api/tasks/" + task.get("id") + "/complete", HttpMethod.POST,
                    new HttpEntity<>(Map.of("consortiumComplete", true), withId), String.class);

            assertThat(refused.getStatusCode().value()).isEqualTo(422);
            assertThat(Arrays.stream(output.getOut().substring(mark).split("\\R")))
                    .filteredOn(line -> line.contains(correlationId))
                    .singleElement().satisfies(line -> assertThat(line).contains(" WARN ")
                            .contains("[" + correlationId + "] [" + carrier + "]"));
        } finally {
            loggingSystem.setLogLevel(logger, configured);
        }
    }

    // ---------------------------------------------------------------- helpers

    private void awaitLagZero(String processor) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            OperationalReadings.ProcessorReading reading = readings.refresh().processors().get(processor);
            return reading != null && reading.lag() != null && reading.lag() == 0;
        });
    }

    private ResponseEntity<String> scrape(String user) {
        return http.withBasicAuth(user, PASSWORD).getForEntity("/actuator/prometheus", String.class);
    }

    private record Sample(String name, String labels, double value, String line) {
    }

    private static List<Sample> samples(String text) {
        return text.lines().filter(line -> !line.startsWith("#")).map(line -> {
            Matcher m = SAMPLE.matcher(line);
            return m.find() ? new Sample(m.group(1), m.group(3) == null ? "" : m.group(3), Double.parseDouble(m.group(4)), line)
                    : null;
        }).filter(s -> s != null).toList();
    }

    /** The value of the one sample of that name carrying these labels (0 when there is none yet). */
    private double value(String name, String... labels) {
        List<Sample> matching = samples(scrape(STAFF).getBody()).stream().filter(s -> s.name().equals(name))
                .filter(s -> {
                    for (int i = 0; i < labels.length; i += 2) {
                        if (!("," + s.labels() + ",").contains("," + labels[i] + "=\"" + labels[i + 1] + "\",")) {
                            return false;
                        }
                    }
                    return true;
                }).toList();
        assertThat(matching).as("samples of %s %s", name, Arrays.toString(labels)).hasSizeLessThanOrEqualTo(1);
        OptionalDouble value = matching.stream().mapToDouble(Sample::value).findFirst();
        return value.orElse(0);
    }

    private Map<String, Object> health(String user) {
        return http.withBasicAuth(user, PASSWORD).exchange("/actuator/health", HttpMethod.GET, json(null),
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> componentDetails(Map<String, Object> health, String component) {
        Map<String, Object> components = (Map<String, Object>) health.get("components");
        assertThat(components).as("%s", health).containsKey(component);
        return (Map<String, Object>) ((Map<String, Object>) components.get(component)).get("details");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> processorDetail(Map<String, Object> health, String processor) {
        return (Map<String, Object>) ((Map<String, Object>) componentDetails(health, "processors").get("processors")).get(processor);
    }
}
