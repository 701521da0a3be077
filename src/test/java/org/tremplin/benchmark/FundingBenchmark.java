package org.tremplin.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.http.ResponseEntity;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints figures; asserts nothing about speed. Each labelled project applies to two funders (one a pooled fund) and is
 * carried to the last balance through the REST API; every funding step is timed from the request to the answer (which
 * waits for the read models). Run with {@code mvn -o test -Dtest=FundingBenchmark -Dbenchmark=true} (H2) or
 * {@code -Dtest=PostgresFundingBenchmark}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
public class FundingBenchmark extends ApiTestSupport {

    private static final int PROJECTS = 15;

    private final Map<String, List<Long>> steps = new LinkedHashMap<>();

    @Test
    void prints_the_latency_of_every_funding_step() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String fuiUser = newUser("fui", Roles.FUNDER);
        String poolUser = newUser("pool", Roles.FUNDER);
        String fui = ensureFunder("FUI-B" + suffix, "FUI", "STATE_FUI", null, fuiUser);
        String pool = ensureFunder("POOL-B" + suffix, "Pooled fund", "POOLED_FUND", List.of(
                Map.of("contributor", fui, "sharePercent", 50), Map.of("contributor", "Isère", "sharePercent", 30),
                Map.of("contributor", "Grenoble", "sharePercent", 20)), poolUser);
        String fuiCall = ensureCall(fui, "FUI-B" + suffix + "-C");
        String poolCall = ensureCall(pool, "POOL-B" + suffix + "-C");

        long totalStart = System.nanoTime();
        for (int i = 0; i < PROJECTS; i++) {
            fundOneProject(i, fuiUser, poolUser, fuiCall, poolCall);
            if (i == 1) {
                steps.values().forEach(List::clear); // the first two projects warm the JVM up
                totalStart = System.nanoTime();
            }
        }
        double seconds = (System.nanoTime() - totalStart) / 1e9;
        StringBuilder out = new StringBuilder("\n=== FundingBenchmark (" + (PROJECTS - 2) + " projects measured, 2 funders each) ===\n");
        steps.forEach((step, nanos) -> {
            Collections.sort(nanos);
            out.append(String.format(Locale.ROOT, "%-44s n=%3d  median %6.1f ms  p90 %6.1f ms%n", step, nanos.size(),
                    ms(nanos, 0.5), ms(nanos, 0.9)));
        });
        double stepsMs = steps.values().stream().flatMap(List::stream).mapToLong(Long::longValue).sum() / 1e6 / (PROJECTS - 2);
        out.append(String.format(Locale.ROOT, "the funding steps of one project (2 applications, 2 conventions to the balance): %.0f ms%n",
                stepsMs));
        out.append(String.format(Locale.ROOT, "wall clock per project, labelling through the API and the client's task polling "
                + "included: %.2f s%n", seconds / (PROJECTS - 2)));
        System.out.println(out);
    }

    private void fundOneProject(int i, String fuiUser, String poolUser, String fuiCall, String poolCall) {
        ApiConsortium c = labelledThroughApi("Benchmark project " + i, "Bench Large " + i);
        String project = c.projectId();
        String requests = c.carrierOrg() + "; 200000; 100000; 90000\n" + c.largeOrg() + "; 300000; 100000; 50000\n"
                + c.labOrg() + "; 200000; 100000; 60000";
        timed("choose the calls", STAFF, awaitTask(STAFF, project, "user_choose_target_calls"),
                Map.of("targetCalls", fuiCall + ", " + poolCall));
        for (String call : List.of(fuiCall, poolCall)) {
            timed("file an application", c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", call),
                    Map.of("requests", requests));
        }
        timed("decide (grant, state-aid ceiling checked)", fuiUser, awaitTask(fuiUser, project, "user_record_funding_decision", "callId",
                fuiCall), Map.of("granted", true, "grants", c.carrierOrg() + "; 90000", "reasons", "Partial."));
        timed("decide (grant, state-aid ceiling checked)", poolUser, awaitTask(poolUser, project, "user_record_funding_decision", "callId",
                poolCall), Map.of("granted", true, "grants", c.labOrg() + "; 33333.33", "reasons", "Partial."));
        String fuiApp = SubmitFundingApplicationCommand.applicationId(project, fuiCall.substring(5));
        String poolApp = SubmitFundingApplicationCommand.applicationId(project, poolCall.substring(5));
        for (String[] convention : List.of(new String[]{fuiUser, GrantedAid.conventionId(fuiApp, c.carrierOrg())},
                new String[]{poolUser, GrantedAid.conventionId(poolApp, c.labOrg())})) {
            String funderUser = convention[0];
            String id = convention[1];
            String partnerUser = id.endsWith(c.carrierOrg()) ? c.carrierUser() : c.labUser();
            LocalDate today = LocalDate.now();
            timed("sign a convention", funderUser, awaitTask(funderUser, project, "user_sign_convention", "conventionId", id),
                    Map.of("signedOn", today.toString(), "endDate", today.plusYears(2).toString(), "advancePercent", "20",
                            "interimCapPercent", "80"));
            timed("pay the advance", funderUser, awaitTask(funderUser, project, "user_pay_advance", "conventionId", id), Map.of());
            timed("submit a statement", partnerUser, awaitTask(partnerUser, project, "user_submit_expense_statement", "conventionId", id),
                    Map.of("periodEnd", today.toString(), "amount", "100000", "finalStatement", false));
            timed("approve a statement and pay the instalment", funderUser, awaitTask(funderUser, project,
                    "user_review_expense_statement", "conventionId", id), Map.of("approved", true));
            timed("submit a statement", partnerUser, awaitTask(partnerUser, project, "user_submit_expense_statement", "conventionId", id),
                    Map.of("periodEnd", today.toString(), "amount", "200000", "finalStatement", true));
            timed("approve the final statement", funderUser, awaitTask(funderUser, project, "user_review_expense_statement",
                    "conventionId", id), Map.of("approved", true));
            timed("accept the final report", funderUser, awaitTask(funderUser, project, "user_accept_final_report", "conventionId", id),
                    Map.of());
            timed("pay the balance (convention closes)", funderUser, awaitTask(funderUser, project, "user_pay_balance",
                    "conventionId", id), Map.of());
        }
        awaitProject(STAFF, project, p -> "CLOSED".equals(p.get("status")));
    }

    private void timed(String step, String user, Map<String, Object> task, Map<String, Object> values) {
        long start = System.nanoTime();
        ResponseEntity<Map<String, Object>> completed = complete(user, task, values);
        long nanos = System.nanoTime() - start;
        assertThat(completed.getStatusCode().value()).as("%s: %s", step, completed.getBody()).isEqualTo(204);
        steps.computeIfAbsent(step, k -> new ArrayList<>()).add(nanos);
    }

    private static double ms(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
