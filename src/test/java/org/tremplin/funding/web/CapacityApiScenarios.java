package org.tremplin.funding.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The capacity check through the REST API: who may read what (403 problem+json otherwise, 400 for an id that is not
 * one, 404 for an unknown one), and an SME carrier's check after its FUI convention was signed and the advance paid,
 * against figures computed by hand.
 */
abstract class CapacityApiScenarios extends ApiTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void each_reads_what_it_may_and_bad_ids_are_refused_with_a_problem() {
        ApiConsortium c = consortiumThroughApi("Capacity access", "Grand Groupe Capacité");
        String otherUser = newUser("other", Roles.CARRIER);
        String otherOrg = newOrganisation("Autre PME", "SME", otherUser);
        String reviewer = newUser("reviewer", Roles.REVIEWER);

        // the carrier reads its own organisation's load, pole staff and auditors any organisation's
        for (String user : List.of(c.carrierUser(), STAFF, AUDITOR)) {
            ResponseEntity<Map<String, Object>> own = get(user, "/api/organisations/" + c.carrierOrg() + "/capacity");
            assertThat(own.getStatusCode().value()).as(user).isEqualTo(200);
            assertThat(own.getBody().get("organisationId")).isEqualTo(c.carrierOrg());
            assertThat(own.getBody().get("verdict")).isEqualTo("COMFORTABLE");
        }
        // never another organisation's: a partner of the same project, an outsider, a reviewer
        assertProblem(get(c.carrierUser(), "/api/organisations/" + c.largeOrg() + "/capacity"), 403, "capacity");
        assertProblem(get(otherUser, "/api/organisations/" + c.carrierOrg() + "/capacity"), 403, "capacity");
        assertProblem(get(reviewer, "/api/organisations/" + c.carrierOrg() + "/capacity"), 403, "capacity");
        assertThat(get(otherUser, "/api/organisations/" + otherOrg + "/capacity").getStatusCode().value()).isEqualTo(200);

        // a project's checks: pole staff (carrier first, then each partner); not its carrier, nor an outsider
        ResponseEntity<Map<String, Object>> project = get(STAFF, "/api/projects/" + c.projectId() + "/capacity");
        assertThat(project.getStatusCode().value()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) project.getBody().get("checks")).extracting(m -> m.get("organisationId"))
                .containsExactly(c.carrierOrg(), c.largeOrg(), c.labOrg());
        assertProblem(get(c.carrierUser(), "/api/projects/" + c.projectId() + "/capacity"), 403, "reviewers");
        assertProblem(get(otherUser, "/api/projects/" + c.projectId() + "/capacity"), 403, "reviewers");

        // the pole's overview: pole staff and auditors; every member of a running or candidate project, worst first
        ResponseEntity<Map<String, Object>> overview = get(STAFF, "/api/capacity");
        assertThat(overview.getStatusCode().value()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) overview.getBody().get("organisations"))
                .extracting(m -> m.get("organisationId")).contains(c.carrierOrg(), c.largeOrg(), c.labOrg())
                .doesNotContain(otherOrg);
        // each member's line says what its own check says (the overview counts each member's projects in one pass)
        for (String org : List.of(c.carrierOrg(), c.largeOrg(), c.labOrg())) {
            Map<String, Object> line = ((List<Map<String, Object>>) overview.getBody().get("organisations")).stream()
                    .filter(m -> org.equals(m.get("organisationId"))).findFirst().orElseThrow();
            Map<String, Object> own = get(STAFF, "/api/organisations/" + org + "/capacity").getBody();
            for (String field : List.of("verdict", "concurrentProjects", "coFundingToBear", "effortShare")) {
                assertThat(line.get(field)).as("%s of %s", field, org).isNotNull().isEqualTo(own.get(field));
            }
        }
        assertThat(get(AUDITOR, "/api/capacity").getStatusCode().value()).isEqualTo(200);
        assertProblem(get(c.carrierUser(), "/api/capacity"), 403, "every member");

        // bad input and unknown ids
        assertProblem(get(STAFF, "/api/organisations/not an id!/capacity"), 400, "organisationId", "is not an id");
        assertProblem(get(STAFF, "/api/projects/PRJ$1/capacity"), 400, "projectId", "is not an id");
        assertProblem(get(STAFF, "/api/organisations/OTHER-NOBODY/capacity"), 404, "No organisation OTHER-NOBODY");
        assertProblem(get(STAFF, "/api/projects/PRJ-NOBODY/capacity"), 404, "No project PRJ-NOBODY");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_signed_convention_gives_the_carrier_its_payment_dates_and_cash_gap() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String fuiUser = newUser("fui", Roles.FUNDER);
        String fui = ensureFunder("CAPA-" + suffix, "Fonds unique interministériel", "STATE_FUI", null, fuiUser);
        String fuiCall = ensureCall(fui, "CAPA-" + suffix + "-C");
        ApiConsortium c = labelledThroughApi("Capacity convention", "Grand Groupe Capacité");
        String project = c.projectId();
        String sme = c.carrierOrg();
        completeOk(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"), Map.of("targetCalls", fuiCall));
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", fuiCall),
                Map.of("requests", sme + "; 200000; 100000; 100000\n" + c.largeOrg() + "; 300000; 100000; 50000\n"
                        + c.labOrg() + "; 200000; 100000; 60000"));
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_record_funding_decision", "callId", fuiCall),
                Map.of("granted", true, "grants", sme + "; 100000", "reasons", "Only the SME's work package."));
        String conventionId = GrantedAid.conventionId(SubmitFundingApplicationCommand.applicationId(project,
                fuiCall.substring(5)), sme);
        // signed today for two years, advance 20 % (20,000.00), interim cap 80 % (80,000.00); the advance is paid
        signConvention(fuiUser, project, conventionId, "20");
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_pay_advance", "conventionId", conventionId), Map.of());

        Map<String, Object> check = await().atMost(Duration.ofSeconds(10)).until(
                () -> get(c.carrierUser(), "/api/organisations/" + sme + "/capacity").getBody(),
                body -> ((List<Map<String, Object>>) body.get("payments")).stream().anyMatch(p -> p.get("paidOn") != null));

        LocalDate today = ParisTime.today();
        YearMonth start = YearMonth.from(today);
        // the period comes from the convention: this month to the end date's month, 25 months; 250,000.50 / 25 =
        // 10,000.02 a month; the FUI's share 100,000 / 250,000.50
        Map<String, Object> load = ((List<Map<String, Object>>) check.get("projects")).get(0);
        assertThat(load.get("start")).isEqualTo(start.toString());
        assertThat(load.get("months")).isEqualTo(25);
        assertThat(load.get("periodAssumed")).isEqualTo(false);
        assertMoney(load, "aid", "100000.00");
        assertMoney(load, "coFunding", "150000.50");
        // statements every 6 months: 60,000.12 x share = 24,000.00 - 20,000 paid = 4,000.00; then 24,000.00 twice;
        // month 24: 96,000.00 capped at 80,000.00 -> 8,000.00; balance 20,000.00. Dates: the FUI's history is too
        // thin (fewer than 5 stages), no service level for instalments -> the default 60 days; the balance at the
        // first payment + the 365-day service level, but not before the end of the project.
        List<Map<String, Object>> payments = (List<Map<String, Object>>) check.get("payments");
        LocalDate end = start.plusMonths(24).atEndOfMonth();
        assertThat(payments).extracting(p -> p.get("kind"), p -> new java.math.BigDecimal(p.get("amount").toString()).setScale(2),
                        p -> p.get("paidOn"), p -> p.get("medianDate"), p -> p.get("basis"))
                .containsExactly(
                        tuple("ADVANCE", new java.math.BigDecimal("20000.00"), today.toString(), null, "PAID"),
                        tuple("INSTALMENT", new java.math.BigDecimal("4000.00"), null,
                                start.plusMonths(5).atEndOfMonth().plusDays(60).toString(), "DEFAULT"),
                        tuple("INSTALMENT", new java.math.BigDecimal("24000.00"), null,
                                start.plusMonths(11).atEndOfMonth().plusDays(60).toString(), "DEFAULT"),
                        tuple("INSTALMENT", new java.math.BigDecimal("24000.00"), null,
                                start.plusMonths(17).atEndOfMonth().plusDays(60).toString(), "DEFAULT"),
                        tuple("INSTALMENT", new java.math.BigDecimal("8000.00"), null,
                                start.plusMonths(23).atEndOfMonth().plusDays(60).toString(), "DEFAULT"),
                        tuple("BALANCE", new java.math.BigDecimal("20000.00"), null, end.toString(), "SERVICE_LEVEL"));
        assertThat((List<Map<String, Object>>) check.get("leadTimes"))
                .filteredOn(l -> fui.equals(l.get("funderId")) && "FIRST_PAYMENT_TO_BALANCE".equals(l.get("stage")))
                .extracting(l -> l.get("source"), l -> l.get("medianDays"), l -> l.get("minimumHistory"))
                .containsExactly(tuple("SERVICE_LEVEL", 365, 5));
        // the cash gap: first month +20,000.00 - 10,000.02; the deepest point of the median case is month 6
        // (before the first instalment arrives): 20,000 - 6 x 10,000.02 = -40,000.12
        Map<String, Object> median = (Map<String, Object>) check.get("cashMedian");
        assertThat(new java.math.BigDecimal(((List<Map<String, Object>>) median.get("months")).get(0).get("position")
                .toString())).isEqualByComparingTo("9999.98");
        assertThat(check.get("concurrentProjects")).isEqualTo(1);
        assertThat(check.get("verdict")).isEqualTo("COMFORTABLE");
    }
}
