package org.tremplin.audit;

import com.networknt.schema.Error;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit of funding through the REST API: a labelled project is funded by a state fund and a pooled regional fund
 * (contributors: a registered region and a city); at several instants of the scenario the live funding summary and
 * conventions are captured as their JSON, and afterwards the answers {@code ?asOf=} those instants, replayed from the
 * events into a scratch database, must equal them. Then the grants are exported as 360Giving JSON and validated against
 * the official schema. Run on H2 and on PostgreSQL by the subclasses.
 */
@SuppressWarnings("unchecked")
public abstract class FundingAuditScenarios extends ApiTestSupport {

    private static final ZoneId PARIS = ParisTime.ZONE;

    /** What the live read model showed at an instant. */
    private record Seen(String label, Instant at, String path, Map<String, Object> body) {
    }

    private final List<Seen> seen = new ArrayList<>();

    @org.springframework.beans.factory.annotation.Autowired
    private org.tremplin.platform.query.StoredEvents storedEvents;
    @org.springframework.beans.factory.annotation.Autowired
    private org.tremplin.funding.query.FundingAsOf fundingAsOf;

    @Test
    void funding_as_of_any_instant_equals_what_the_live_read_model_showed_and_grants_export_as_360giving() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String fuiUser = newUser("fui", Roles.FUNDER);
        String poolUser = newUser("pool", Roles.FUNDER);
        String investor = newUser("investor", Roles.INVESTOR);
        String fui = ensureFunder("AFUI-" + suffix, "Fonds unique interministériel", "STATE_FUI", null, fuiUser);
        String region = ensureFunder("AREGION-" + suffix, "Région Auvergne-Rhône-Alpes", "REGION", null, null);
        String pool = ensureFunder("AFONDS-" + suffix, "Fonds régional unique", "POOLED_FUND", List.of(
                Map.of("contributor", region, "sharePercent", 60),
                Map.of("contributor", "Ville de Grenoble", "sharePercent", 40)), poolUser);
        String fuiCall = ensureCall(fui, "AFUI-" + suffix + "-C");
        String poolCall = ensureCall(pool, "AFONDS-" + suffix + "-C");

        Instant beforeProject = Instant.now();
        pause();
        ApiConsortium c = labelledThroughApi("Audited photonic lidar", "Grand Groupe Audit");
        String project = c.projectId();
        String sme = c.carrierOrg();
        String summaryPath = "/api/projects/" + project + "/funding";
        see("labelled, no funding yet", summaryPath);

        String fuiApp = SubmitFundingApplicationCommand.applicationId(project, fuiCall.substring(5));
        String poolApp = SubmitFundingApplicationCommand.applicationId(project, poolCall.substring(5));
        String fuiSme = GrantedAid.conventionId(fuiApp, sme);
        String poolSme = GrantedAid.conventionId(poolApp, sme);
        String poolLab = GrantedAid.conventionId(poolApp, c.labOrg());

        // calls chosen, applications filed
        completeOk(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"), Map.of("targetCalls", fuiCall + ", " + poolCall));
        awaitProject(STAFF, project, p -> "FUNDING".equals(p.get("status")));
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", fuiCall),
                Map.of("requests", sme + "; 200000; 100000; 100000\n" + c.largeOrg() + "; 300000; 100000; 50000"));
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", poolCall),
                Map.of("requests", sme + "; 200000; 100000; 60000\n" + c.labOrg() + "; 200000; 100000; 60000"));
        Instant filed = see("applications filed", summaryPath);

        // decisions: FUI funds the SME only, the pooled fund the SME and the lab
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_record_funding_decision", "callId", fuiCall),
                Map.of("granted", true, "grants", sme + "; 100000", "reasons", "The SME's work package."));
        completeOk(poolUser, awaitTask(poolUser, project, "user_record_funding_decision", "callId", poolCall),
                Map.of("granted", true, "grants", sme + "; 20000\n" + c.labOrg() + "; 33333.33", "reasons", "SME and lab."));
        see("granted", summaryPath);
        see("granted", "/api/funding/conventions/" + fuiSme);
        see("granted", "/api/funding/conventions/" + poolLab);

        // FUI: signed, advance, one statement approved and one rejected
        signConvention(fuiUser, project, fuiSme, "20");
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_pay_advance", "conventionId", fuiSme), Map.of("paymentReference", "F-1"));
        submitStatement(c.carrierUser(), project, fuiSme, "100000", false);
        reviewStatement(fuiUser, project, fuiSme, true, "Conform.");
        submitStatement(c.carrierUser(), project, fuiSme, "30000", false);
        reviewStatement(fuiUser, project, fuiSme, false, "Invoices of March are missing.");
        see("FUI paid an advance and a tranche", summaryPath);
        see("FUI paid an advance and a tranche", "/api/funding/conventions/" + fuiSme);

        // pooled fund, SME: to the balance, part of the grant released
        signConvention(poolUser, project, poolSme, "20");
        completeOk(poolUser, awaitTask(poolUser, project, "user_pay_advance", "conventionId", poolSme), Map.of());
        submitStatement(c.carrierUser(), project, poolSme, "50000", true);
        reviewStatement(poolUser, project, poolSme, true, null);
        completeOk(poolUser, awaitTask(poolUser, project, "user_accept_final_report", "conventionId", poolSme), Map.of());
        completeOk(poolUser, awaitTask(poolUser, project, "user_pay_balance", "conventionId", poolSme), Map.of());
        see("pooled fund closed the SME's convention", summaryPath);
        see("pooled fund closed the SME's convention", "/api/funding/conventions/" + poolSme);

        // pooled fund, lab: advance, end date extended, then withdrawn
        signConvention(poolUser, project, poolLab, "20");
        completeOk(poolUser, awaitTask(poolUser, project, "user_pay_advance", "conventionId", poolLab), Map.of());
        String amendments = "/api/funding/applications/" + poolApp + "/conventions/" + c.labOrg() + "/amendments";
        assertThat(post(c.carrierUser(), amendments, Map.of("kind", "END_DATE_EXTENSION",
                "newEndDate", LocalDate.now(PARIS).plusYears(3).toString(), "reason", "Clean-room delay.")).getStatusCode().value())
                .isEqualTo(200);
        see("lab's end date extended", "/api/funding/conventions/" + poolLab);
        see("lab's end date extended", summaryPath);
        assertThat(post(poolUser, amendments, Map.of("kind", "PARTNER_WITHDRAWAL", "reason", "The lab's team left."))
                .getStatusCode().value()).isEqualTo(200);
        see("lab withdrew", "/api/funding/conventions/" + poolLab);
        see("lab withdrew", summaryPath);

        // ------------------------------------------------------------ as of each instant: what the live model showed
        for (Seen s : seen) {
            ResponseEntity<Map<String, Object>> replayed = get(AUDITOR, s.path() + "?asOf=" + s.at());
            assertThat(replayed.getStatusCode().value()).as("%s as of %s (%s): %s", s.path(), s.at(), s.label(),
                    replayed.getBody()).isEqualTo(200);
            assertThat(replayed.getBody()).as("%s as of %s (%s)", s.path(), s.at(), s.label()).isEqualTo(s.body());
        }
        assertThat(seen).extracting(Seen::body).doesNotHaveDuplicates();

        // the same rebuilt from checkpoints: a pool copying the state every 2 steps, asked the last instant first (its
        // full replay leaves the checkpoints), then every earlier one (each from the latest checkpoint within it)
        org.tremplin.platform.query.ScratchDatabases checkpointed = new org.tremplin.platform.query.ScratchDatabases(1, 2, 2);
        try {
            org.tremplin.funding.query.FundingAsOf fromCheckpoints = new org.tremplin.funding.query.FundingAsOf(
                    storedEvents, checkpointed);
            List<Seen> summaries = seen.stream().filter(s -> s.path().equals(summaryPath)).toList();
            for (int i = summaries.size() - 1; i >= 0; i--) {
                Instant at = summaries.get(i).at();
                assertThat(fromCheckpoints.summary(project, at)).as("funding as of %s (%s), from checkpoints", at,
                        summaries.get(i).label()).isEqualTo(fundingAsOf.summary(project, at));
            }
        } finally {
            org.springframework.test.util.ReflectionTestUtils.invokeMethod(checkpointed, "close");
        }
        // pole staff may too; the same instant gives the same answer
        Seen last = seen.get(seen.size() - 1);
        assertThat(get(STAFF, last.path() + "?asOf=" + last.at()).getBody()).isEqualTo(last.body());

        // before the project existed: 404; a convention before it was granted: 404
        ResponseEntity<Map<String, Object>> tooEarly = get(AUDITOR, summaryPath + "?asOf=" + beforeProject);
        assertProblem(tooEarly, 404, project);
        assertProblem(get(AUDITOR, "/api/funding/conventions/" + fuiSme + "?asOf=" + filed), 404, fuiSme);
        assertProblem(get(AUDITOR, "/api/funding/conventions/CONV-NOPE-X-Y?asOf=" + Instant.now()), 404, "CONV-NOPE-X-Y");
        assertProblem(get(AUDITOR, summaryPath + "?asOf=yesterday"), 400);

        // the consortium and the funders read the live funding, but not a past state
        assertThat(get(c.carrierUser(), summaryPath).getStatusCode().value()).isEqualTo(200);
        assertProblem(get(c.carrierUser(), summaryPath + "?asOf=" + last.at()), 403);
        assertThat(get(poolUser, "/api/funding/conventions/" + poolLab).getStatusCode().value()).isEqualTo(200);
        assertProblem(get(poolUser, "/api/funding/conventions/" + poolLab + "?asOf=" + last.at()), 403);
        assertProblem(get(investor, summaryPath + "?asOf=" + last.at()), 403);

        // ------------------------------------------------------------ the grants as 360Giving
        String grantsPath = "/api/audit/grants/360giving?projectId=" + project;
        ResponseEntity<String> raw = http.withBasicAuth(AUDITOR, PASSWORD).exchange(grantsPath, HttpMethod.GET, json(null),
                String.class);
        assertThat(raw.getStatusCode().value()).as("%s", raw.getBody()).isEqualTo(200);
        assertThat(raw.getHeaders().getContentType().toString()).startsWith("application/json");
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "360giving-" + getClass().getSimpleName() + ".json"),
                raw.getBody());
        List<Error> errors = ThreeSixtyGivingSchema.validate(raw.getBody());
        assertThat(errors).as("360Giving schema errors in %s", raw.getBody()).isEmpty();

        Map<String, Object> pack = get(AUDITOR, grantsPath).getBody();
        assertThat(pack.get("version")).isEqualTo("1.4");
        Map<String, Map<String, Object>> grants = new LinkedHashMap<>();
        ((List<Map<String, Object>>) pack.get("grants")).forEach(g -> grants.put((String) g.get("id"), g));
        assertThat(grants).containsOnlyKeys("360G-tremplin-" + fuiSme, "360G-tremplin-" + poolSme, "360G-tremplin-" + poolLab);
        LocalDate today = LocalDate.now(PARIS);
        for (String conventionId : List.of(fuiSme, poolSme, poolLab)) {
            Map<String, Object> grant = grants.get("360G-tremplin-" + conventionId);
            Map<String, Object> convention = get(STAFF, "/api/funding/conventions/" + conventionId).getBody();
            Map<String, Object> application = get(STAFF, "/api/funding/applications/" + convention.get("applicationId")).getBody();
            assertThat(grant.get("currency")).isEqualTo("EUR");
            assertMoney(grant, "amountAwarded", money(convention, "grantedAmount"));
            assertMoney(grant, "amountDisbursed", money(convention, "paidTotal"));
            assertThat(grant.get("awardDate")).isEqualTo(application.get("decidedOn"));
            assertThat(grant.get("plannedDates")).isEqualTo(List.of(Map.of("startDate", today.toString(),
                    "endDate", convention.get("endDate"), "duration",
                    (int) java.time.temporal.ChronoUnit.MONTHS.between(today, LocalDate.parse((String) convention.get("endDate"))))));
            assertThat((List<Map<String, Object>>) grant.get("grantProgramme")).singleElement()
                    .satisfies(p -> assertThat(p.get("code")).isEqualTo(application.get("callId")));
            assertThat((List<Map<String, Object>>) grant.get("recipientOrganization")).singleElement()
                    .satisfies(r -> assertThat(r.get("id")).isEqualTo("360G-tremplin-" + convention.get("organisationId")));
            List<Map<String, Object>> payments = (List<Map<String, Object>>) convention.get("payments");
            assertThat((List<Map<String, Object>>) grant.get("disbursementTransaction"))
                    .extracting(t -> t.get("id")).containsExactlyElementsOf(payments.stream().map(p -> p.get("paymentId")).toList());
        }
        Map<String, Object> fuiGrant = grants.get("360G-tremplin-" + fuiSme);
        assertMoney(fuiGrant, "amountAwarded", new BigDecimal("100000.00"));
        assertMoney(fuiGrant, "amountAppliedFor", new BigDecimal("100000.00"));
        assertThat((List<Map<String, Object>>) fuiGrant.get("fundingOrganization")).extracting(f -> f.get("id"), f -> f.get("name"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("360G-tremplin-" + fui, "Fonds unique interministériel"));
        Map<String, Object> poolGrant = grants.get("360G-tremplin-" + poolSme);
        assertMoney(poolGrant, "amountAwarded", new BigDecimal("20000.00"));
        assertMoney(poolGrant, "amountDisbursed", new BigDecimal("17500.00"));
        // the pooled fund first, then its contributors (a registered funder, and a city by name)
        assertThat((List<Map<String, Object>>) poolGrant.get("fundingOrganization")).extracting(f -> f.get("id"), f -> f.get("name"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("360G-tremplin-" + pool, "Fonds régional unique"),
                        org.assertj.core.groups.Tuple.tuple("360G-tremplin-" + region, "Région Auvergne-Rhône-Alpes"),
                        org.assertj.core.groups.Tuple.tuple("360G-tremplin-contributor-ville-de-grenoble", "Ville de Grenoble"));
        assertThat((List<Map<String, Object>>) poolGrant.get("classifications")).extracting(k -> k.get("vocabulary"), k -> k.get("code"))
                .contains(org.assertj.core.groups.Tuple.tuple("tremplin:pooled-fund-share", "360G-tremplin-" + region + ":60"),
                        org.assertj.core.groups.Tuple.tuple("tremplin:pooled-fund-share", "360G-tremplin-contributor-ville-de-grenoble:40"),
                        org.assertj.core.groups.Tuple.tuple("tremplin:convention-status", "CLOSED"));
        assertThat((String) poolGrant.get("description")).contains("Région Auvergne-Rhône-Alpes 60 %", "Ville de Grenoble 40 %");

        // a period of decision dates: today's grants include these three; a later period holds none of them
        ResponseEntity<String> period = http.withBasicAuth(STAFF, PASSWORD).exchange(
                "/api/audit/grants/360giving?from=" + today + "&to=" + today, HttpMethod.GET, json(null), String.class);
        assertThat(period.getStatusCode().value()).as("%s", period.getBody()).isEqualTo(200);
        assertThat(ThreeSixtyGivingSchema.validate(period.getBody())).isEmpty();
        assertThat(period.getBody()).contains("360G-tremplin-" + fuiSme, "360G-tremplin-" + poolSme, "360G-tremplin-" + poolLab);
        assertProblem(get(AUDITOR, grantsPath + "&from=" + today.plusDays(1)), 404, project);
        assertProblem(get(AUDITOR, "/api/audit/grants/360giving"), 400, "projectId");
        assertProblem(get(AUDITOR, "/api/audit/grants/360giving?from=31/12/2027"), 400, "from");
        assertProblem(get(AUDITOR, "/api/audit/grants/360giving?projectId=PRJ-NOPE0000"), 404, "PRJ-NOPE0000");

        // only pole staff and auditors export grants; everyone else gets 403 problem+json, whatever the parameters
        for (String user : List.of(c.carrierUser(), fuiUser, poolUser, investor)) {
            assertProblem(get(user, grantsPath), 403);
            assertProblem(get(user, "/api/audit/grants/360giving"), 403);
        }

        // every export is recorded in the audit access log: who, when, what
        Map<String, Object> log = get(AUDITOR, "/api/audit/access-log?userId=" + AUDITOR + "&size=500").getBody();
        assertThat((List<Map<String, Object>>) log.get("entries"))
                .filteredOn(e -> "/api/audit/grants/360giving".equals(e.get("resource")))
                .extracting(e -> e.get("query"))
                .contains("projectId=" + project);
        Map<String, Object> staffLog = get(AUDITOR, "/api/audit/access-log?userId=" + STAFF + "&size=500").getBody();
        assertThat((List<Map<String, Object>>) staffLog.get("entries"))
                .filteredOn(e -> "/api/audit/grants/360giving".equals(e.get("resource")))
                .extracting(e -> e.get("query"))
                .contains("from=" + today + "&to=" + today);
        // and so is every read of a past state (a refused one is not)
        assertThat((List<Map<String, Object>>) log.get("entries"))
                .filteredOn(e -> summaryPath.equals(e.get("resource")))
                .extracting(e -> e.get("query"))
                .contains("asOf=" + OffsetDateTime.parse(last.at().toString()))
                .doesNotContain("asOf=" + OffsetDateTime.parse(beforeProject.toString()));
        assertThat((List<Map<String, Object>>) log.get("entries"))
                .anyMatch(e -> ("/api/funding/conventions/" + poolLab).equals(e.get("resource")));
    }

    // ---------------------------------------------------------------- what the live read model shows

    /**
     * The live answer at an instant: read, note the instant, and read again after a pause; equal answers mean nothing
     * moved around that instant (no event still on its way to the projection).
     */
    private Instant see(String label, String path) {
        Map<String, Object>[] captured = new Map[1];
        Instant[] at = new Instant[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            ResponseEntity<Map<String, Object>> first = get(STAFF, path);
            Instant instant = Instant.now();
            pause();
            ResponseEntity<Map<String, Object>> second = get(STAFF, path);
            if (first.getStatusCode().value() == 200 && first.getBody().equals(second.getBody())) {
                captured[0] = first.getBody();
                at[0] = instant;
                return true;
            }
            return false;
        });
        seen.add(new Seen(label, at[0], path, captured[0]));
        return at[0];
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- reading answers

}
