package org.tremplin.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycle;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Prints figures; asserts nothing about speed. Run with
 * {@code mvn -o test -Dtest=LabellingBenchmark -Dbenchmark=true} (H2) or {@code -Dtest=PostgresLabellingBenchmark}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
public class LabellingBenchmark extends ApiTestSupport {

    private static final int IDEAS = 300;
    private static final int LABELLINGS = 50;

    @Autowired
    private ProjectLifecycle lifecycle;
    @Autowired
    private UserTasks userTasks;

    @Test
    void prints_step_throughput_and_step_to_read_model_latency() throws Exception {
        String carrier = newUser("carrier", Roles.CARRIER);
        String sme = newOrganisation("Bench SME", "SME", carrier);
        String largeUser = newUser("large", Roles.CARRIER);
        String labUser = newUser("lab", Roles.CARRIER);
        String large = newOrganisation("Bench Large", "LARGE_COMPANY", largeUser);
        String lab = newOrganisation("Bench Lab", "RESEARCH_LAB", labUser);
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        warmUp(carrier, sme);

        List<Long> visibleNanos = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < IDEAS; i++) {
            String projectId = "PRJ-BENCH-" + i;
            identity.runAs(carrier, () -> lifecycle.submitIdea(idea(projectId, carrier, sme)));
            long committed = System.nanoTime();
            while (jdbc.queryForObject("SELECT COUNT(*) FROM project WHERE id = ?", Long.class, projectId) == 0) {
                Thread.onSpinWait();
            }
            visibleNanos.add(System.nanoTime() - committed);
        }
        double ideasPerSecond = IDEAS / ((System.nanoTime() - start) / 1e9);

        long labellingStart = System.nanoTime();
        for (int i = 0; i < LABELLINGS; i++) {
            String projectId = "PRJ-BENCH-" + i;
            post(carrier, "/api/projects/" + projectId + "/invitations", Map.of("organisationId", large));
            post(carrier, "/api/projects/" + projectId + "/invitations", Map.of("organisationId", lab));
            post(largeUser, "/api/projects/" + projectId + "/partners/" + large + "/join", Map.of("role", "R&D", "plannedBudget", 1000));
            post(labUser, "/api/projects/" + projectId + "/partners/" + lab + "/join", Map.of("role", "R&D", "plannedBudget", 1000));
            step(carrier, projectId, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM, Map.of("consortiumComplete", true));
            step(STAFF, projectId, LabellingProcess.Elements.USER_ASSIGN_REVIEWERS, Map.of("reviewers", reviewerA + "," + reviewerB,
                    "reviewDeadline", LocalDate.now().plusDays(30).toString()));
            step(reviewerA, projectId, LabellingProcess.Elements.USER_REVIEW_FILE, Map.of("score", 14L, "recommendation", "GRANT", "conclusions", "ok"));
            step(reviewerB, projectId, LabellingProcess.Elements.USER_REVIEW_FILE, Map.of("score", 12L, "recommendation", "GRANT", "conclusions", "ok"));
            step(STAFF, projectId, LabellingProcess.Elements.USER_DECIDE_LABEL, Map.of("granted", true, "reasons", "good"));
            step(STAFF, projectId, LabellingProcess.Elements.USER_COMMUNICATE_CONCLUSIONS, Map.of());
        }
        double labellingSeconds = (System.nanoTime() - labellingStart) / 1e9;

        Collections.sort(visibleNanos);
        System.out.printf("""

                ---- Tremplin labelling benchmark (%s, %d cores, in-process, 1 thread) ----
                idea submitted (process start + command + event + commit): %.0f ideas/s over %d
                commit -> project read model visible: median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms
                whole labelling (2 invitations + 2 joins over HTTP, 6 user tasks): %.0f ms per project over %d
                -------------------------------------------------------------------------------
                %n""", jdbc.getDataSource().getConnection().getMetaData().getDatabaseProductName(),
                Runtime.getRuntime().availableProcessors(), ideasPerSecond, IDEAS,
                ms(visibleNanos, 0.5), ms(visibleNanos, 0.9), ms(visibleNanos, 0.99), visibleNanos.get(visibleNanos.size() - 1) / 1e6,
                labellingSeconds * 1000 / LABELLINGS, LABELLINGS);
    }

    private void warmUp(String carrier, String sme) {
        for (int i = 0; i < 50; i++) {
            String projectId = "PRJ-WARM-" + i;
            identity.runAs(carrier, () -> lifecycle.submitIdea(idea(projectId, carrier, sme)));
        }
    }

    private void step(String user, String projectId, String taskKey, Map<String, Object> values) {
        identity.runAs(user, () -> {
            List<String> groups = identity.groupsOf(user);
            UserTasks.TaskView task = userTasks.tasksOf(user, groups, projectId).stream()
                    .filter(t -> projectId.equals(t.projectId()) && taskKey.equals(t.taskDefinitionKey()))
                    .findFirst().orElseThrow();
            userTasks.complete(task.id(), user, groups, values);
        });
    }

    private static ProjectLifecycle.IdeaSubmission idea(String projectId, String carrier, String sme) {
        return new ProjectLifecycle.IdeaSubmission(projectId, "Benchmark idea " + projectId, "Measuring the engine.",
                "Benchmarks", ConfidentialityLevel.PUBLIC, sme, "Bench SME", OrganisationKind.SME,
                new BigDecimal("1000.00"), carrier);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
    }
}
