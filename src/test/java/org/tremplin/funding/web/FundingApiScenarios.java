package org.tremplin.funding.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The funding stage end to end through the REST API only, as its users would drive it: a labelled project applies to
 * FUI, its region and the pooled regional fund at once; one grant over the cross-funder state-aid ceiling is refused;
 * statements are approved and rejected, tranches paid to the balance, a convention amended and withdrawn; the summary,
 * the ledgers and the lead times come out exact to the cent. Run on H2 and on PostgreSQL by the subclasses.
 *
 * <p>The three funders and their calls are this test's own (fresh codes), so their ledgers hold only this scenario.
 * Their calls are not named ones of the rate table: the table's default rows apply (SME 35 %, large company 20 %,
 * lab 40 % of eligible costs).
 */
@SuppressWarnings("unchecked")
public abstract class FundingApiScenarios extends ApiTestSupport {

    private static final ZoneId PARIS = ParisTime.ZONE;

    @Test
    void a_labelled_project_is_funded_by_three_funders_through_the_api_to_the_last_cent() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String fuiUser = newUser("fui", Roles.FUNDER);
        String regionUser = newUser("region", Roles.FUNDER);
        String poolUser = newUser("pool", Roles.FUNDER);
        String fui = ensureFunder("FUI-" + suffix, "Fonds unique interministériel", "STATE_FUI", null, fuiUser);
        String region = ensureFunder("REGION-" + suffix, "Région Auvergne-Rhône-Alpes", "REGION", null, regionUser);
        String pool = ensureFunder("FONDS-" + suffix, "Fonds régional unique", "POOLED_FUND", List.of(
                Map.of("contributor", region, "sharePercent", 50),
                Map.of("contributor", "Département de l'Isère", "sharePercent", 30),
                Map.of("contributor", "Ville de Grenoble", "sharePercent", 20)), poolUser);
        String fuiCall = ensureCall(fui, "FUI-" + suffix + "-C");
        String regionCall = ensureCall(region, "REGION-" + suffix + "-C");
        String poolCall = ensureCall(pool, "FONDS-" + suffix + "-C");

        ApiConsortium c = labelledThroughApi("Photonic lidar for trains", "Grand Groupe Ferroviaire");
        String project = c.projectId();
        String sme = c.carrierOrg();

        // pole staff choose the three calls; the carrier files one application per funder
        completeOk(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"), Map.of("targetCalls",
                fuiCall + ", " + regionCall + ", " + poolCall));
        awaitProject(STAFF, project, p -> "FUNDING".equals(p.get("status")));
        String requests = sme + "; 200000; 100000; 100000\n" + c.largeOrg() + "; 300000; 100000; 50000\n"
                + c.labOrg() + "; 200000; 100000; 60000";
        for (String call : List.of(fuiCall, regionCall)) {
            completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", call),
                    Map.of("requests", requests));
        }
        // a request above the rate is refused with the maximum, and nothing is stored
        long before = storedEventCount();
        Map<String, Object> poolFiling = awaitTask(c.carrierUser(), project, "user_file_application", "callId", poolCall);
        ResponseEntity<Map<String, Object>> tooMuch = complete(c.carrierUser(), poolFiling, Map.of("requests",
                sme + "; 200000; 100000; 105000.01\n" + c.labOrg() + "; 200000; 100000; 60000"));
        assertProblem(tooMuch, 422, "105000.00");
        assertThat(storedEventCount()).isEqualTo(before);
        completeOk(c.carrierUser(), poolFiling, Map.of("requests", sme + "; 200000; 100000; 60000\n"
                + c.labOrg() + "; 200000; 100000; 60000"));

        // decisions: 100,000 + 100,000 to the SME; the pooled fund's 60,000 would exceed the SME's ceiling
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_record_funding_decision", "callId", fuiCall),
                decision(sme + "; 100000", "Only the SME's work package."));
        completeOk(regionUser, awaitTask(regionUser, project, "user_record_funding_decision", "callId", regionCall),
                decision(sme + "; 100000", "Regional SME support."));
        Map<String, Object> poolDecision = awaitTask(poolUser, project, "user_record_funding_decision", "callId", poolCall);
        before = storedEventCount();
        ResponseEntity<Map<String, Object>> overCeiling = complete(poolUser, poolDecision,
                decision(sme + "; 60000\n" + c.labOrg() + "; 33333.33", "SME and lab."));
        // a small SME in an effective collaboration: 80 % of 200,000 + 60 % of 100,000 = 220,000; the funder's user
        // learns the ceiling, never the total of 260,000 (from which the others' 200,000 would follow)
        assertProblem(overCeiling, 422, "60,000.00 €", "220,000.00 €");
        assertThat((String) overCeiling.getBody().get("detail")).doesNotContain("260000").doesNotContain("260,000");
        assertThat(storedEventCount()).isEqualTo(before);
        completeOk(poolUser, poolDecision, decision(sme + "; 20000\n" + c.labOrg() + "; 33333.33", "SME and lab, within the ceiling."));

        String fuiApp = SubmitFundingApplicationCommand.applicationId(project, fuiCall.substring(5));
        String regionApp = SubmitFundingApplicationCommand.applicationId(project, regionCall.substring(5));
        String poolApp = SubmitFundingApplicationCommand.applicationId(project, poolCall.substring(5));
        String fuiSme = GrantedAid.conventionId(fuiApp, sme);
        String regionSme = GrantedAid.conventionId(regionApp, sme);
        String poolSme = GrantedAid.conventionId(poolApp, sme);
        String poolLab = GrantedAid.conventionId(poolApp, c.labOrg());

        // FUI: advance 20 % = 20,000; 100,000 approved -> 35,000 earned, 15,000 paid; 30,000 rejected; final 200,000
        // approved -> 105,000 earned, capped at the 100,000 grant: balance 65,000
        signConvention(fuiUser, project, fuiSme, "20");
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_pay_advance", "conventionId", fuiSme), Map.of("paymentReference", "F-1"));
        submitStatement(c.carrierUser(), project, fuiSme, "100000", false);
        reviewStatement(fuiUser, project, fuiSme, true, "Conform.");
        submitStatement(c.carrierUser(), project, fuiSme, "30000", false);
        reviewStatement(fuiUser, project, fuiSme, false, "Invoices of March are missing.");
        submitStatement(c.carrierUser(), project, fuiSme, "200000", true);
        reviewStatement(fuiUser, project, fuiSme, true, "Final statement conform.");
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_accept_final_report", "conventionId", fuiSme), Map.of("comment", "Delivered."));
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_pay_balance", "conventionId", fuiSme), Map.of());

        // region: advance 10 % = 10,000; final 300,000 approved -> 105,000 earned, capped at 100,000: balance 90,000
        signConvention(regionUser, project, regionSme, "10");
        completeOk(regionUser, awaitTask(regionUser, project, "user_pay_advance", "conventionId", regionSme), Map.of());
        submitStatement(c.carrierUser(), project, regionSme, "300000", true);
        reviewStatement(regionUser, project, regionSme, true, "Conform.");
        completeOk(regionUser, awaitTask(regionUser, project, "user_accept_final_report", "conventionId", regionSme), Map.of());
        completeOk(regionUser, awaitTask(regionUser, project, "user_pay_balance", "conventionId", regionSme), Map.of());

        // pooled fund, SME: advance 4,000; final 50,000 approved -> 17,500 earned: balance 13,500; 2,500 released
        signConvention(poolUser, project, poolSme, "20");
        completeOk(poolUser, awaitTask(poolUser, project, "user_pay_advance", "conventionId", poolSme), Map.of());
        submitStatement(c.carrierUser(), project, poolSme, "50000", true);
        reviewStatement(poolUser, project, poolSme, true, null);
        completeOk(poolUser, awaitTask(poolUser, project, "user_accept_final_report", "conventionId", poolSme), Map.of());
        completeOk(poolUser, awaitTask(poolUser, project, "user_pay_balance", "conventionId", poolSme), Map.of());

        // pooled fund, lab: advance 20 % of 33,333.33 = 6,666.66; end date extended; then the lab withdraws
        signConvention(poolUser, project, poolLab, "20");
        completeOk(poolUser, awaitTask(poolUser, project, "user_pay_advance", "conventionId", poolLab), Map.of());
        String amendments = "/api/funding/applications/" + poolApp + "/conventions/" + c.labOrg() + "/amendments";
        ResponseEntity<Map<String, Object>> tooEarly = post(c.carrierUser(), amendments, Map.of("kind", "END_DATE_EXTENSION",
                "newEndDate", LocalDate.now(PARIS).plusYears(1).toString(), "reason", "Earlier?"));
        assertProblem(tooEarly, 422, "later");
        assertThat(post(c.carrierUser(), amendments, Map.of("kind", "END_DATE_EXTENSION",
                "newEndDate", LocalDate.now(PARIS).plusYears(3).toString(), "reason", "Clean-room delay.")).getStatusCode().value())
                .isEqualTo(200);
        assertThat(post(poolUser, amendments, Map.of("kind", "PARTNER_WITHDRAWAL", "reason", "The lab's team left."))
                .getStatusCode().value()).isEqualTo(200);

        // every application ended: the project is closed
        awaitProject(STAFF, project, p -> "CLOSED".equals(p.get("status")));

        // the funding summary, exact to the cent
        Map<String, Object> summary = await(STAFF, "/api/projects/" + project + "/funding",
                s -> money(s, "paidTotal").compareTo(new BigDecimal("224166.66")) == 0);
        assertMoney(summary, "paidTotal", "224166.66");
        assertMoney(summary, "remainingTotal", "0.00");
        assertMoney(summary, "releasedTotal", "29166.67");
        Map<String, Map<String, Object>> byFunder = new HashMap<>();
        ((List<Map<String, Object>>) summary.get("funders")).forEach(f -> byFunder.put((String) f.get("funderId"), f));
        assertMoney(byFunder.get(fui), "paidTotal", "100000.00");
        assertMoney(byFunder.get(region), "paidTotal", "100000.00");
        assertMoney(byFunder.get(pool), "paidTotal", "24166.66");
        assertMoney(byFunder.get(pool), "releasedTotal", "29166.67");
        Map<String, Object> smeAid = ((List<Map<String, Object>>) summary.get("stateAid")).stream()
                .filter(a -> sme.equals(a.get("organisationId"))).findFirst().orElseThrow();
        assertMoney(smeAid, "totalAid", "217500.00");
        assertMoney(smeAid, "ceilingAmount", "220000.00");
        assertThat(smeAid.get("overCeiling")).isEqualTo(false);

        // the ledgers: what each funder paid, and what the region bore of the pooled fund's payments
        Map<String, Object> fuiLedger = get(fuiUser, "/api/funders/" + fui + "/ledger").getBody();
        assertThat(((List<Map<String, Object>>) fuiLedger.get("payments"))).extracting(l -> new BigDecimal(l.get("amount").toString()).setScale(2))
                .containsExactly(new BigDecimal("20000.00"), new BigDecimal("15000.00"), new BigDecimal("65000.00"));
        // the reference typed when the advance was recorded is kept; the instalment and the balance (none typed) have none
        assertThat(((List<Map<String, Object>>) fuiLedger.get("payments"))).extracting(l -> l.get("paymentReference"))
                .containsExactly("F-1", null, null);
        assertThat(events(fuiApp).stream()
                .map(org.axonframework.eventhandling.DomainEventMessage::getPayload)
                .filter(e -> e instanceof org.tremplin.funding.api.PaymentMadeEvent)
                .map(e -> String.valueOf(((org.tremplin.funding.api.PaymentMadeEvent) e).paymentReference())).toList())
                .contains("F-1");
        Map<String, Object> poolLedger = get(STAFF, "/api/funders/" + pool + "/ledger").getBody();
        assertMoney(poolLedger, "paidTotal", "24166.66");
        List<Map<String, Object>> poolPayments = (List<Map<String, Object>>) poolLedger.get("payments");
        assertThat(poolPayments).extracting(l -> new BigDecimal(l.get("amount").toString()).setScale(2)).containsExactly(
                new BigDecimal("4000.00"), new BigDecimal("13500.00"), new BigDecimal("6666.66"));
        assertThat((List<Map<String, Object>>) poolPayments.get(2).get("shares"))
                .extracting(s -> s.get("contributor"), s -> new BigDecimal(s.get("amount").toString()).setScale(2))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(region, new BigDecimal("3333.33")),
                        org.assertj.core.groups.Tuple.tuple("Département de l'Isère", new BigDecimal("2000.00")),
                        org.assertj.core.groups.Tuple.tuple("Ville de Grenoble", new BigDecimal("1333.33")));
        Map<String, Object> regionLedger = get(regionUser, "/api/funders/" + region + "/ledger").getBody();
        assertMoney(regionLedger, "paidTotal", "100000.00");
        assertMoney(regionLedger, "contributedTotal", "12083.33");

        // the convention's versions: granted, extended, withdrawn
        Map<String, Object> labConvention = get(STAFF, "/api/funding/conventions/" + poolLab).getBody();
        assertThat(labConvention.get("status")).isEqualTo("WITHDRAWN");
        assertThat((List<Map<String, Object>>) labConvention.get("versions")).extracting(v -> v.get("kind"))
                .containsExactly("GRANT", "END_DATE_EXTENSION", "PARTNER_WITHDRAWAL");

        // lead times of every stage, from the recorded events
        Map<String, Object> leadTimes = get(STAFF, "/api/funding/lead-times?funderId=" + fui).getBody();
        assertThat(leadTimes.toString()).contains("SUBMISSION_TO_DECISION", "DECISION_TO_CONVENTION",
                "CONVENTION_TO_FIRST_PAYMENT", "FIRST_PAYMENT_TO_BALANCE");

        // growth: an investor invited to the carrier's round reads the verified funding passport, milestones included
        String investorUser = newUser("investor", Roles.INVESTOR);
        String investorCode = "ANGELS-" + suffix;
        assertThat(post(STAFF, "/api/investors", Map.of("code", investorCode, "name", "Angels " + suffix, "kind", "BUSINESS_ANGEL"))
                .getStatusCode().value()).isEqualTo(201);
        assertThat(post(STAFF, "/api/investors/INVESTOR-" + investorCode + "/users", Map.of("userId", investorUser))
                .getStatusCode().value()).isEqualTo(200);
        Map<String, Object> terms = equityTerms(1000000, 500000, 1500000, 50000, 6000000, LocalDate.now(PARIS).plusMonths(2));
        ResponseEntity<Map<String, Object>> round = post(c.carrierUser(), "/api/rounds", Map.of("title", "Seed",
                "companyOrganisationId", sme, "projectId", project, "terms", terms, "sharePassport", true, "shareCommitments", false));
        assertThat(round.getStatusCode().value()).as("%s", round.getBody()).isEqualTo(201);
        String roundId = (String) round.getBody().get("id");
        assertThat(post(STAFF, "/api/rounds/" + roundId + "/invitations", Map.of("investorId", "INVESTOR-" + investorCode))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(get(investorUser, "/api/rounds/" + roundId + "/data-room").getStatusCode().value()).isEqualTo(403);
        assertThat(post(investorUser, "/api/rounds/" + roundId + "/nda", Map.of()).getStatusCode().value()).isEqualTo(200);
        Map<String, Object> passport = (Map<String, Object>) get(investorUser, "/api/rounds/" + roundId + "/data-room")
                .getBody().get("passport");
        assertMoney(passport, "paidTotal", "224166.66");
        Map<String, Object> fuiLine = ((List<Map<String, Object>>) passport.get("funders")).stream()
                .filter(f -> fui.equals(f.get("funderId"))).findFirst().orElseThrow();
        Map<String, Object> smeConvention = ((List<Map<String, Object>>) fuiLine.get("conventions")).get(0);
        assertThat(smeConvention.get("status")).isEqualTo("CLOSED");
        assertMoney(smeConvention, "approvedExpenses", "300000.00");
        assertThat((List<Map<String, Object>>) smeConvention.get("milestones"))
                .extracting(m -> m.get("milestone"), m -> m.get("amount") == null ? null : new BigDecimal(m.get("amount").toString()).setScale(2))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CONVENTION_SIGNED", new BigDecimal("100000.00")),
                        org.assertj.core.groups.Tuple.tuple("ADVANCE_PAID", new BigDecimal("20000.00")),
                        org.assertj.core.groups.Tuple.tuple("EXPENSES_APPROVED", new BigDecimal("100000.00")),
                        org.assertj.core.groups.Tuple.tuple("EXPENSES_APPROVED", new BigDecimal("200000.00")),
                        org.assertj.core.groups.Tuple.tuple("FINAL_REPORT_ACCEPTED", null),
                        org.assertj.core.groups.Tuple.tuple("BALANCE_PAID", new BigDecimal("65000.00")));
        assertThat(((Map<String, Object>) passport.get("verification")).get("available")).isEqualTo(true);

        // and the auditor's timeline holds the funding events
        Map<String, Object> history = get(AUDITOR, "/api/projects/" + project + "/history?size=500").getBody();
        assertThat(history.toString()).contains("FundingGrantedEvent", "PaymentMadeEvent", "StateAidRecordedEvent",
                "ConventionAmendedEvent", "ProjectClosedEvent");
    }

    // ---------------------------------------------------------------- steps

    private static Map<String, Object> decision(String grants, String reasons) {
        return Map.of("granted", true, "grants", grants, "reasons", reasons);
    }

    private Map<String, Object> await(String user, String path, Predicate<Map<String, Object>> condition) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            ResponseEntity<Map<String, Object>> response = get(user, path);
            return response.getStatusCode().value() == 200 ? response.getBody() : null;
        }, body -> body != null && condition.test(body));
    }

}
