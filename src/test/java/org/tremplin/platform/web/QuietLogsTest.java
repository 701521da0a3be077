package org.tremplin.platform.web;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused step is one WARN line carrying its correlation id, status and message, without a stack trace, whatever the
 * door; a real error keeps its ERROR and its stack trace. Run with the production levels of the loggers concerned (the
 * test profile silences Camunda's context logger).
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietLogsTest extends ApiTestSupport {

    /**
     * Set around each test through Spring's logging system, as {@code logging.level.*} properties are, and put back
     * afterwards: the class shares the API tests' application context instead of starting one for two properties.
     */
    private static final Map<String, LogLevel> PRODUCTION_LEVELS = Map.of(
            "org.camunda.bpm.engine.context", LogLevel.ERROR,
            "org.tremplin.platform.web.ProblemDetailsAdvice", LogLevel.INFO);

    @Autowired
    private LoggingSystem loggingSystem;
    private final Map<String, LogLevel> testLevels = new HashMap<>();

    @BeforeEach
    void productionLevels() {
        PRODUCTION_LEVELS.forEach((logger, level) -> {
            LoggerConfiguration configuration = loggingSystem.getLoggerConfiguration(logger);
            testLevels.put(logger, configuration == null ? null : configuration.getConfiguredLevel());
            loggingSystem.setLogLevel(logger, level);
        });
    }

    @AfterEach
    void testLevels() {
        testLevels.forEach(loggingSystem::setLogLevel);
    }

    @Test
    void a_step_refused_through_the_api_is_one_warn_line_with_its_correlation_id_and_no_stack_trace(CapturedOutput output) {
        String[] idea = idea();
        String correlationId = "quiet-" + UUID.randomUUID();
        int mark = output.getOut().length();

        ResponseEntity<Map<String, Object>> refused = send(idea[1], HttpMethod.POST, "/api/tasks/" + idea[2] + "/complete",
                Map.of("consortiumComplete", true), correlationId);

        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(422);
        String logged = output.getOut().substring(mark);
        assertOneWarnLine(logged, correlationId, "422", "The consortium rule is not met");
    }

    @Test
    void a_step_refused_through_the_engine_rest_is_one_warn_line_too(CapturedOutput output) {
        String[] idea = idea();
        String correlationId = "quiet-" + UUID.randomUUID();
        int mark = output.getOut().length();

        ResponseEntity<Map<String, Object>> refused = send(STAFF, HttpMethod.POST, "/engine-rest/task/" + idea[2] + "/complete",
                Map.of("variables", Map.of("consortiumComplete", Map.of("value", true, "type", "Boolean"))), correlationId);

        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(422);
        assertOneWarnLine(output.getOut().substring(mark), correlationId, "422", "The consortium rule is not met");
    }

    @Test
    void the_loser_of_a_race_is_a_warn_line_too_never_an_error_with_a_stack_trace(CapturedOutput output) throws Exception {
        int mark = output.getOut().length();
        for (int round = 0; round < 3; round++) {
            String[] idea = idea();
            List<ResponseEntity<String>> answers = ConcurrentWritesScenarios.race(() -> http.withBasicAuth(idea[1], PASSWORD)
                    .exchange("/api/projects/" + idea[0] + "/abandon", HttpMethod.POST,
                            new HttpEntity<>(Map.of("reason", "Two clicks"), json(null).getHeaders()), String.class));
            assertThat(answers).extracting(a -> a.getStatusCode().value()).containsExactlyInAnyOrder(200, 409);
        }
        String logged = output.getOut().substring(mark);
        assertThat(Arrays.stream(logged.split("\\R")))
                .as("no ERROR and no stack trace:%n%s", logged)
                .noneMatch(line -> line.contains(" ERROR ") || line.startsWith("\tat ") || line.contains("ENGINE-16004"))
                .anyMatch(line -> line.contains(" WARN ") && line.contains("409"));
    }

    @Test
    void camundas_context_logger_keeps_real_errors_with_their_stack_trace_and_drops_only_refusals(CapturedOutput output) {
        org.slf4j.Logger context = LoggerFactory.getLogger("org.camunda.bpm.engine.context");
        int mark = output.getOut().length();

        context.error("ENGINE-16004 Exception while closing command context: {}", "refused",
                new ProcessEngineException("listener failed", DomainException.ruleViolated("a refused step")));
        context.error("ENGINE-16004 Exception while closing command context: {}", "broken",
                new ProcessEngineException("listener failed", new IllegalStateException("a real bug")));

        String logged = output.getOut().substring(mark);
        assertThat(logged).doesNotContain("a refused step").contains("ERROR").contains("a real bug")
                .contains("\tat ");
    }

    private static void assertOneWarnLine(String logged, String correlationId, String status, String message) {
        List<String> lines = Arrays.stream(logged.split("\\R")).toList();
        assertThat(lines).as("lines of the request, by its correlation id:%n%s", logged)
                .filteredOn(line -> line.contains(correlationId)).singleElement().satisfies(line -> assertThat(line)
                        .contains(" WARN ").contains(status).contains(message));
        assertThat(lines).as("no ERROR and no stack trace:%n%s", logged)
                .noneMatch(line -> line.contains(" ERROR ") || line.startsWith("\tat ") || line.contains("ENGINE-16004"));
    }

    /** A carrier's idea without any partner: completing its consortium task is refused by the consortium rule. */
    private String[] idea() {
        String carrier = newUser("carrier", Roles.CARRIER);
        String org = newOrganisation("Quiet SME", "SME", carrier);
        ResponseEntity<Map<String, Object>> submitted = post(carrier, "/api/projects", Map.of(
                "title", "A quiet idea", "summary", "No partner yet.", "thematicAxis", "Health",
                "confidentiality", "CONSORTIUM", "carrierOrganisationId", org, "plannedBudget", 100000));
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(201);
        String projectId = (String) submitted.getBody().get("id");
        Map<String, Object> task = awaitTask(carrier, projectId, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM);
        return new String[] {projectId, carrier, (String) task.get("id")};
    }

    private ResponseEntity<Map<String, Object>> send(String user, HttpMethod method, String path, Object body,
                                                     String correlationId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(CorrelationIdFilter.HEADER, correlationId);
        return http.withBasicAuth(user, PASSWORD).exchange(path, method, new HttpEntity<>(body, headers),
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { });
    }
}
