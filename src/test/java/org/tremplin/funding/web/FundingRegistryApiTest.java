package org.tremplin.funding.web;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.tremplin.funding.api.FunderRegisteredEvent;
import org.tremplin.funding.query.FunderProjection;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funders-and-calls registry through its REST API: pole staff register funders (a pooled fund with its
 * contributors) and publish calls, a funder's own users manage its calls, anyone signed in reads them, and
 * every refused request answers problem+json and stores nothing.
 * <p>
 * The fixtures are built once (per class instance) with codes of their own, so the class may share its
 * Spring context (and database) with other API tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FundingRegistryApiTest extends ApiTestSupport {

    private static final ZoneId PARIS = ParisTime.ZONE;
    /** Marks a key to remove from a valid body. */
    private static final Object ABSENT = new Object();
    private static final List<String> READ_MODEL_TABLES = List.of("funder", "funder_service_level", "funder_contributor",
            "funder_user", "funding_call", "funding_call_eligible_kind");

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    private final String suffix = random();
    private final LocalDate today = LocalDate.now(PARIS);

    private String carrierUser;
    private String fuiUser;
    private String regionUser;
    private String outsiderFunderUser;
    private String fui;
    private String region;
    private String pooledFund;
    private String smeCall;
    private String fuiCall;
    private String closedCall;

    /** Who calls, how, with what. */
    record Call(String user, HttpMethod method, String path, Object body) {
    }

    /** One refused request; the call is built when the row runs, from the fixtures. */
    record Row(String name, Supplier<Call> call, int status, String keyword) {
        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    record Snapshot(long events, Map<String, Long> readModels) {
    }

    @BeforeAll
    void fixtures() {
        identity.ensureUser(STAFF, "Staff", "One", PASSWORD, List.of(Roles.POLE_STAFF));
        carrierUser = newUser("carrier", Roles.CARRIER);
        fuiUser = newUser("fui", Roles.FUNDER);
        regionUser = newUser("region", Roles.FUNDER);
        outsiderFunderUser = newUser("outsider", Roles.FUNDER);

        fui = created(post(STAFF, "/api/funders", funder("code", "fui-" + suffix, "name", "Fonds unique interministériel",
                "kind", "STATE_FUI", "contractingDeadlineMonths", ABSENT)), "/api/funders/");
        region = created(post(STAFF, "/api/funders", funder("code", "REGION-ARA-" + suffix, "name", "Région Auvergne-Rhône-Alpes",
                "kind", "REGION", "contractingDeadlineMonths", 9)), "/api/funders/");
        pooledFund = created(post(STAFF, "/api/funders", funder("code", "FONDS-ARA-" + suffix, "name", "Fonds régional unique",
                "kind", "POOLED_FUND", "contributors", List.of(
                        Map.of("contributor", region, "sharePercent", 50),
                        Map.of("contributor", "Département de l'Isère", "sharePercent", 30.00),
                        Map.of("contributor", "Ville de Grenoble", "sharePercent", 20)))), "/api/funders/");
        assertStatus(post(STAFF, "/api/funders/" + fui + "/users", Map.of("userId", fuiUser)), 200);
        assertStatus(post(STAFF, "/api/funders/" + region + "/users", Map.of("userId", regionUser)), 200);

        smeCall = created(post(STAFF, "/api/calls", call("funderId", region, "code", "ARA-PME-" + suffix,
                "title", "Regional SME innovation call", "openingDate", today.minusDays(10), "closingDate", today.plusDays(60),
                "eligiblePartnerKinds", List.of("SME"), "labelRequired", false, "maxProjectSize", 500000.00)), "/api/calls/");
        fuiCall = created(post(fuiUser, "/api/calls", call("funderId", fui, "code", "FUI-21-" + suffix,
                "title", "FUI call 21", "openingDate", today.plusDays(30), "closingDate", today.plusDays(120),
                "eligiblePartnerKinds", List.of("SME", "MID_SIZE_COMPANY", "LARGE_COMPANY", "RESEARCH_LAB"),
                "labelRequired", true, "maxProjectSize", ABSENT)), "/api/calls/");
        closedCall = created(post(STAFF, "/api/calls", call("funderId", region, "code", "ARA-CLOSED-" + suffix)), "/api/calls/");
        assertStatus(post(regionUser, "/api/calls/" + closedCall + "/close", Map.of("reason", "Budget exhausted")), 200);
    }

    // ------------------------------------------------------------------------------------------ funders

    @Test
    void staff_register_the_fui_a_region_and_a_pooled_fund_with_its_contributors() {
        assertThat(fui).isEqualTo("FUNDER-FUI-" + suffix);
        Map<String, Object> fuiView = get(carrierUser, "/api/funders/" + fui).getBody();
        assertThat(fuiView).containsEntry("code", "FUI-" + suffix).containsEntry("name", "Fonds unique interministériel")
                .containsEntry("kind", "STATE_FUI").containsEntry("contractingDeadlineMonths", 6)
                .containsEntry("contributors", List.of());
        assertThat(fuiView.get("serviceLevelDays")).isEqualTo(Map.of("SUBMISSION_TO_DECISION", 120,
                "DECISION_TO_CONVENTION", 60, "CONVENTION_TO_FIRST_PAYMENT", 30, "FIRST_PAYMENT_TO_BALANCE", 365));
        assertThat(fuiView.get("users")).isEqualTo(List.of(fuiUser));

        assertThat(get(carrierUser, "/api/funders/" + region).getBody())
                .containsEntry("kind", "REGION").containsEntry("contractingDeadlineMonths", 9);

        Map<String, Object> pooled = get(carrierUser, "/api/funders/" + pooledFund).getBody();
        assertThat(pooled).containsEntry("kind", "POOLED_FUND");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> contributors = (List<Map<String, Object>>) pooled.get("contributors");
        assertThat(contributors).extracting(c -> c.get("contributor"))
                .containsExactly(region, "Département de l'Isère", "Ville de Grenoble");
        assertThat(contributors).extracting(c -> new BigDecimal(String.valueOf(c.get("sharePercent"))))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("50"), new BigDecimal("30"), new BigDecimal("20"));

        assertThat(getList(carrierUser, "/api/funders").getBody()).extracting(f -> f.get("id"))
                .contains(fui, region, pooledFund);
        assertThat(getList(carrierUser, "/api/funders?kind=POOLED_FUND").getBody()).extracting(f -> f.get("id"))
                .contains(pooledFund).doesNotContain(fui, region);
    }

    @Test
    void registering_a_funder_is_an_event_with_its_actor() {
        List<? extends DomainEventMessage<?>> events = events(pooledFund);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getPayload()).isInstanceOf(FunderRegisteredEvent.class);
        assertThat(events.get(0).getMetaData()).containsEntry("actor", STAFF);
    }

    @Test
    void staff_change_service_levels_and_a_pooled_funds_contributors() {
        String funder = created(post(STAFF, "/api/funders", funder("code", "ANR-" + random(), "kind", "ANR")), "/api/funders/");
        ResponseEntity<Map<String, Object>> changed = post(STAFF, "/api/funders/" + funder + "/service-levels", Map.of(
                "contractingDeadlineMonths", 12, "serviceLevelDays", Map.of("SUBMISSION_TO_DECISION", 90,
                        "DECISION_TO_CONVENTION", 45, "CONVENTION_TO_FIRST_PAYMENT", 20, "FIRST_PAYMENT_TO_BALANCE", 400)));
        assertStatus(changed, 200);
        assertThat(changed.getBody()).containsEntry("contractingDeadlineMonths", 12);
        assertThat(changed.getBody().get("serviceLevelDays")).isEqualTo(Map.of("SUBMISSION_TO_DECISION", 90,
                "DECISION_TO_CONVENTION", 45, "CONVENTION_TO_FIRST_PAYMENT", 20, "FIRST_PAYMENT_TO_BALANCE", 400));

        String pooled = created(post(STAFF, "/api/funders", funder("code", "POOL-" + random(), "kind", "POOLED_FUND",
                "contributors", List.of(Map.of("contributor", region, "sharePercent", 50),
                        Map.of("contributor", "Ville de Lyon", "sharePercent", 50)))), "/api/funders/");
        ResponseEntity<Map<String, Object>> contributors = post(STAFF, "/api/funders/" + pooled + "/contributors", Map.of(
                "contributors", List.of(Map.of("contributor", region, "sharePercent", 33.34),
                        Map.of("contributor", fui.toLowerCase(), "sharePercent", 33.33),
                        Map.of("contributor", "Ville de Lyon", "sharePercent", 33.33))));
        assertStatus(contributors, 200);
        assertThat(((List<?>) contributors.getBody().get("contributors")).stream()
                .map(c -> (Object) ((Map<?, ?>) c).get("contributor")).toList())
                .containsExactly(region, fui, "Ville de Lyon");
        assertThat(eventTypes(pooled)).containsExactly("FunderRegisteredEvent", "PooledFundContributorsChangedEvent");
    }

    // ------------------------------------------------------------------------------------------ calls

    @Test
    void a_call_open_to_smes_only_checks_the_kind_window_and_size_of_an_application() {
        Map<String, Object> call = get(carrierUser, "/api/calls/" + smeCall).getBody();
        assertThat(call).containsEntry("id", "CALL-ARA-PME-" + suffix).containsEntry("funderId", region)
                .containsEntry("funderName", "Région Auvergne-Rhône-Alpes").containsEntry("code", "ARA-PME-" + suffix)
                .containsEntry("openingDate", today.minusDays(10).toString())
                .containsEntry("closingDate", today.plusDays(60).toString())
                .containsEntry("eligiblePartnerKinds", List.of("SME")).containsEntry("labelRequired", false)
                .containsEntry("closedEarlyOn", null);
        assertThat(new BigDecimal(String.valueOf(call.get("maxProjectSize")))).isEqualByComparingTo("500000");

        long events = storedEventCount();
        ResponseEntity<Map<String, Object>> eligible = post(carrierUser, "/api/calls/" + smeCall + "/eligibility",
                eligibility(today, List.of("SME"), 480000.50));
        assertStatus(eligible, 200);
        assertThat(eligible.getBody()).containsEntry("eligible", true);

        ResponseEntity<Map<String, Object>> large = post(carrierUser, "/api/calls/" + smeCall + "/eligibility",
                eligibility(today, List.of("SME", "LARGE_COMPANY"), 480000));
        assertStatus(large, 422);
        assertThat((String) large.getBody().get("detail")).contains("partner kinds [LARGE_COMPANY] are not eligible (eligible: [SME])");

        ResponseEntity<Map<String, Object>> late = post(carrierUser, "/api/calls/" + smeCall + "/eligibility",
                eligibility(today.plusDays(61), List.of("SME"), 480000));
        assertStatus(late, 422);
        assertThat((String) late.getBody().get("detail")).contains("submissions are accepted from "
                + today.minusDays(10) + " to " + today.plusDays(60));
        assertThat(storedEventCount()).as("a check stores nothing").isEqualTo(events);
    }

    @Test
    void open_calls_are_listed_by_date_and_funder() {
        assertThat(ids(getList(carrierUser, "/api/calls?openOn=" + today))).contains(smeCall).doesNotContain(fuiCall, closedCall);
        assertThat(ids(getList(carrierUser, "/api/calls?openOn=" + today.plusDays(45)))).contains(smeCall, fuiCall);
        assertThat(ids(getList(carrierUser, "/api/calls?openOn=" + today.plusDays(100)))).contains(fuiCall).doesNotContain(smeCall);
        assertThat(ids(getList(carrierUser, "/api/calls?openOn=" + today.minusDays(1)))).contains(smeCall, closedCall)
                .as("a call closed early today accepted submissions until yesterday");
        assertThat(ids(getList(carrierUser, "/api/calls?funderId=" + region))).containsExactlyInAnyOrder(smeCall, closedCall);
        assertThat(ids(getList(carrierUser, "/api/calls?funderId=" + region + "&openOn=" + today))).containsExactly(smeCall);
        assertThat(ids(getList(carrierUser, "/api/calls"))).contains(smeCall, fuiCall, closedCall);

        Map<String, Object> closed = get(carrierUser, "/api/calls/" + closedCall).getBody();
        assertThat(closed).containsEntry("closedEarlyOn", today.toString()).containsEntry("closedEarlyReason", "Budget exhausted");
    }

    @Test
    void a_funder_user_manages_the_calls_of_their_own_funder_only() {
        assertThat(get(STAFF, "/api/calls/" + fuiCall).getBody()).containsEntry("funderId", fui)
                .containsEntry("labelRequired", true).containsEntry("maxProjectSize", null);
        ResponseEntity<Map<String, Object>> extended = post(fuiUser, "/api/calls/" + fuiCall + "/extend",
                Map.of("closingDate", today.plusDays(150).toString(), "reason", "Late budget vote"));
        assertStatus(extended, 200);
        assertThat(extended.getBody()).containsEntry("closingDate", today.plusDays(150).toString());
        assertThat(eventTypes(fuiCall)).containsExactly("CallOpenedEvent", "CallClosingDateExtendedEvent");

        assertStatus(post(fuiUser, "/api/calls/" + smeCall + "/extend",
                Map.of("closingDate", today.plusDays(90).toString(), "reason", "Not mine")), 403);
        assertStatus(post(regionUser, "/api/calls", call("funderId", fui)), 403);
    }

    @Test
    void the_registry_read_models_are_kept_by_a_tracking_processor_so_writes_read_their_own_results() {
        assertThat(eventProcessing.eventProcessor(FunderProjection.PROCESSING_GROUP))
                .get().isInstanceOf(TrackingEventProcessor.class);
    }

    // ------------------------------------------------------------------------------------------ refusals

    Stream<Row> rows() {
        return Stream.of(
                // ---------------------------------------------------------------- POST /api/funders
                row("funder: shares not summing to 100", () -> postCall(STAFF, "/api/funders", funder("kind", "POOLED_FUND",
                        "contributors", List.of(share(region, 50), share("Département de l'Isère", 30),
                                share("Ville de Grenoble", 19.99)))), 422, "must sum to exactly 100% (got 99.99%)"),
                row("funder: pooled fund without contributors", () -> postCall(STAFF, "/api/funders",
                        funder("kind", "POOLED_FUND")), 422, "at least 2 contributors"),
                row("funder: a region declaring contributors", () -> postCall(STAFF, "/api/funders", funder("kind", "REGION",
                        "contributors", List.of(share(fui, 50), share("Ville de Lyon", 50)))), 422, "must declare none"),
                row("funder: contributor naming an unknown funder", () -> postCall(STAFF, "/api/funders", funder("kind", "POOLED_FUND",
                        "contributors", List.of(share("FUNDER-NOPE-" + random(), 50), share("Ville de Lyon", 50)))),
                        422, "register it first"),
                row("funder: share with three decimals", () -> postCall(STAFF, "/api/funders", funder("kind", "POOLED_FUND",
                        "contributors", List.of(share("Ville de Lyon", 50.005), share("Métropole de Lyon", 49.995)))),
                        400, "sharePercent"),
                row("funder: negative share", () -> postCall(STAFF, "/api/funders", funder("kind", "POOLED_FUND",
                        "contributors", List.of(share("Ville de Lyon", 110), share("Métropole de Lyon", -10)))),
                        400, "sharePercent"),
                row("funder: a stage without service level", () -> postCall(STAFF, "/api/funders", funder("serviceLevelDays",
                        Map.of("SUBMISSION_TO_DECISION", 120, "DECISION_TO_CONVENTION", 60, "CONVENTION_TO_FIRST_PAYMENT", 30))),
                        400, "missing: FIRST_PAYMENT_TO_BALANCE"),
                row("funder: no service levels", () -> postCall(STAFF, "/api/funders", funder("serviceLevelDays", ABSENT)),
                        400, "serviceLevelDays"),
                row("funder: a service level of 0 days", () -> postCall(STAFF, "/api/funders", funder("serviceLevelDays",
                        Map.of("SUBMISSION_TO_DECISION", 0, "DECISION_TO_CONVENTION", 60, "CONVENTION_TO_FIRST_PAYMENT", 30,
                                "FIRST_PAYMENT_TO_BALANCE", 365))), 400, "serviceLevelDays"),
                row("funder: an unknown stage", () -> postCall(STAFF, "/api/funders", funder("serviceLevelDays",
                        Map.of("SUBMISSION_TO_PARTY", 10))), 400, "SUBMISSION_TO_PARTY"),
                row("funder: unknown kind", () -> postCall(STAFF, "/api/funders", funder("kind", "CROWDFUNDING")), 400, "CROWDFUNDING"),
                row("funder: missing kind", () -> postCall(STAFF, "/api/funders", funder("kind", ABSENT)), 400, "kind"),
                row("funder: code with a space", () -> postCall(STAFF, "/api/funders", funder("code", "REGION ARA")), 400, "code"),
                row("funder: blank name", () -> postCall(STAFF, "/api/funders", funder("name", " ")), 400, "name"),
                row("funder: contracting deadline of 0 months", () -> postCall(STAFF, "/api/funders",
                        funder("contractingDeadlineMonths", 0)), 400, "contractingDeadlineMonths"),
                row("funder: malformed JSON", () -> postCall(STAFF, "/api/funders", "{\"code\": \"X\", \"kind\": "), 400, "not valid JSON"),
                row("funder: share as text", () -> postCall(STAFF, "/api/funders", funder("kind", "POOLED_FUND",
                        "contributors", List.of(Map.of("contributor", "Ville de Lyon", "sharePercent", "half")))), 400, "half"),
                row("funder: duplicate code", () -> postCall(STAFF, "/api/funders", funder("code", "FUI-" + suffix)),
                        409, "already registered"),
                row("funder: duplicate code in lower case", () -> postCall(STAFF, "/api/funders", funder("code", "region-ara-" + suffix)),
                        409, "already registered"),
                row("funder: registered by a carrier", () -> postCall(carrierUser, "/api/funders", funder()), 403, "groups"),
                row("funder: registered by a funder's user", () -> postCall(fuiUser, "/api/funders", funder()), 403, "groups"),

                // ---------------------------------------------------------------- POST /api/funders/{id}/...
                row("service levels: unknown funder", () -> postCall(STAFF, "/api/funders/FUNDER-NOPE-" + random() + "/service-levels",
                        Map.of("serviceLevelDays", levels())), 404, "No funder"),
                row("service levels: a stage missing", () -> postCall(STAFF, "/api/funders/" + fui + "/service-levels",
                        Map.of("serviceLevelDays", Map.of("SUBMISSION_TO_DECISION", 10))), 400, "missing"),
                row("service levels: by a funder's user", () -> postCall(fuiUser, "/api/funders/" + fui + "/service-levels",
                        Map.of("serviceLevelDays", levels())), 403, "groups"),
                row("contributors: of a funder that is no pooled fund", () -> postCall(STAFF, "/api/funders/" + region + "/contributors",
                        Map.of("contributors", List.of(share(fui, 50), share("Ville de Lyon", 50)))), 422, "only a pooled fund"),
                row("contributors: not summing to 100", () -> postCall(STAFF, "/api/funders/" + pooledFund + "/contributors",
                        Map.of("contributors", List.of(share(region, 50), share("Ville de Grenoble", 49)))), 422, "got 99.00%"),
                row("contributors: the pooled fund itself", () -> postCall(STAFF, "/api/funders/" + pooledFund + "/contributors",
                        Map.of("contributors", List.of(share(pooledFund, 50), share("Ville de Grenoble", 50)))), 422, "itself"),
                row("contributors: empty list", () -> postCall(STAFF, "/api/funders/" + pooledFund + "/contributors",
                        Map.of("contributors", List.of())), 400, "contributors"),
                row("funder user: not in the funder group", () -> postCall(STAFF, "/api/funders/" + fui + "/users",
                        Map.of("userId", carrierUser)), 422, "funder group"),
                row("funder user: unknown user", () -> postCall(STAFF, "/api/funders/" + fui + "/users",
                        Map.of("userId", "nobody." + random())), 400, "no user"),
                row("funder user: added twice", () -> postCall(STAFF, "/api/funders/" + fui + "/users",
                        Map.of("userId", fuiUser)), 409, "already acts for"),
                row("funder user: unknown funder", () -> postCall(STAFF, "/api/funders/FUNDER-NOPE-" + random() + "/users",
                        Map.of("userId", outsiderFunderUser)), 404, "No funder"),

                // ---------------------------------------------------------------- POST /api/calls
                row("call: closing before opening", () -> postCall(STAFF, "/api/calls", call("openingDate", today.plusDays(10),
                        "closingDate", today.plusDays(5))), 422, "must be after the opening date"),
                row("call: unknown funder", () -> postCall(STAFF, "/api/calls", call("funderId", "FUNDER-NOPE-" + random())),
                        422, "register it first"),
                row("call: duplicate code", () -> postCall(STAFF, "/api/calls", call("code", "ara-pme-" + suffix)), 409, "already exists"),
                row("call: closing date already past", () -> postCall(STAFF, "/api/calls", call("openingDate", today.minusDays(30),
                        "closingDate", today.minusDays(1))), 422, "already past"),
                row("call: no eligible partner kind", () -> postCall(STAFF, "/api/calls", call("eligiblePartnerKinds", List.of())),
                        400, "eligiblePartnerKinds"),
                row("call: unknown partner kind", () -> postCall(STAFF, "/api/calls", call("eligiblePartnerKinds", List.of("GIANT"))),
                        400, "GIANT"),
                row("call: date not ISO", () -> postCall(STAFF, "/api/calls", call("closingDate", "31/03/2027")), 400, "closingDate"),
                row("call: missing opening date", () -> postCall(STAFF, "/api/calls", call("openingDate", ABSENT)), 400, "openingDate"),
                row("call: maximum size with three decimals", () -> postCall(STAFF, "/api/calls", call("maxProjectSize", 1000.125)),
                        400, "maxProjectSize"),
                row("call: negative maximum size", () -> postCall(STAFF, "/api/calls", call("maxProjectSize", -5)), 400, "maxProjectSize"),
                row("call: label requirement left out", () -> postCall(STAFF, "/api/calls", call("labelRequired", ABSENT)),
                        400, "labelRequired"),
                row("call: malformed JSON", () -> postCall(STAFF, "/api/calls", "{\"funderId\": }"), 400, "not valid JSON"),
                row("call: opened by a carrier", () -> postCall(carrierUser, "/api/calls", call()), 403, "groups"),
                row("call: opened by another funder's user", () -> postCall(outsiderFunderUser, "/api/calls", call()), 403, "do not act for"),

                // ---------------------------------------------------------------- POST /api/calls/{id}/...
                row("extend: to an earlier date", () -> postCall(STAFF, "/api/calls/" + smeCall + "/extend",
                        Map.of("closingDate", today.plusDays(30).toString(), "reason", "Oops")), 422, "later than"),
                row("extend: unknown call", () -> postCall(STAFF, "/api/calls/CALL-NOPE-" + random() + "/extend",
                        Map.of("closingDate", today.plusDays(300).toString(), "reason", "Oops")), 404, "No call"),
                row("extend: a call closed early", () -> postCall(STAFF, "/api/calls/" + closedCall + "/extend",
                        Map.of("closingDate", today.plusDays(300).toString(), "reason", "Reopen")), 409, "closed early"),
                row("extend: no reason", () -> postCall(STAFF, "/api/calls/" + smeCall + "/extend",
                        Map.of("closingDate", today.plusDays(300).toString())), 400, "reason"),
                row("extend: by another funder's user", () -> postCall(outsiderFunderUser, "/api/calls/" + smeCall + "/extend",
                        Map.of("closingDate", today.plusDays(300).toString(), "reason", "Mine now")), 403, "do not act for"),
                row("close: blank reason", () -> postCall(STAFF, "/api/calls/" + smeCall + "/close", Map.of("reason", "  ")), 400, "reason"),
                row("close: already closed early", () -> postCall(STAFF, "/api/calls/" + closedCall + "/close",
                        Map.of("reason", "Twice")), 409, "closed early"),
                row("close: by a carrier", () -> postCall(carrierUser, "/api/calls/" + smeCall + "/close",
                        Map.of("reason", "Competition")), 403, "groups"),
                row("eligibility: a partner kind not eligible", () -> postCall(carrierUser, "/api/calls/" + smeCall + "/eligibility",
                        eligibility(today, List.of("RESEARCH_LAB"), 1000)), 422, "not eligible"),
                row("eligibility: a submission outside the window", () -> postCall(carrierUser, "/api/calls/" + smeCall + "/eligibility",
                        eligibility(today.minusDays(11), List.of("SME"), 1000)), 422, "submissions are accepted from"),
                row("eligibility: to a call closed early", () -> postCall(carrierUser, "/api/calls/" + closedCall + "/eligibility",
                        eligibility(today, List.of("SME"), 1000)), 422, "closed early on " + today),
                row("eligibility: above the maximum size", () -> postCall(carrierUser, "/api/calls/" + smeCall + "/eligibility",
                        eligibility(today, List.of("SME"), 500000.01)), 422, "exceeds the maximum"),
                row("eligibility: unknown call", () -> postCall(carrierUser, "/api/calls/CALL-NOPE-" + random() + "/eligibility",
                        eligibility(today, List.of("SME"), 1000)), 404, "No call"),

                // ---------------------------------------------------------------- GET
                row("read: unknown funder", () -> new Call(carrierUser, HttpMethod.GET, "/api/funders/FUNDER-NOPE-" + random(), null),
                        404, "No funder"),
                row("read: unknown call", () -> new Call(carrierUser, HttpMethod.GET, "/api/calls/CALL-NOPE-" + random(), null),
                        404, "No call"),
                row("read: open calls on a date that is not ISO", () -> new Call(carrierUser, HttpMethod.GET,
                        "/api/calls?openOn=31/03/2027", null), 400, "openOn"),
                row("read: funders of an unknown kind", () -> new Call(carrierUser, HttpMethod.GET,
                        "/api/funders?kind=BANK", null), 400, "kind"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void a_bad_request_is_refused_with_a_problem_and_stores_nothing(Row row) throws Exception {
        Snapshot before = snapshot();
        Call call = row.call().get();

        ResponseEntity<String> response = send(call);

        assertProblem(response, row.name(), row.status(), row.keyword());
        assertThat(snapshot()).as("nothing stored by %s", row.name()).isEqualTo(before);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Snapshot snapshot() {
        Map<String, Long> readModels = new LinkedHashMap<>();
        for (String table : READ_MODEL_TABLES) {
            readModels.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        return new Snapshot(storedEventCount(), readModels);
    }

    private ResponseEntity<String> send(Call call) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        return http.withBasicAuth(call.user(), PASSWORD)
                .exchange(call.path(), call.method(), new HttpEntity<>(call.body(), headers), String.class);
    }

    private static Row row(String name, Supplier<Call> call, int status, String keyword) {
        return new Row(name, call, status, keyword);
    }

    /** A refused POST: built lazily by its row. */
    private static Call postCall(String user, String path, Object body) {
        return new Call(user, HttpMethod.POST, path, body);
    }

    /** The id of a created record, after checking 201 and its Location. */
    private static String created(ResponseEntity<Map<String, Object>> response, String locationPrefix) {
        assertStatus(response, 201);
        String id = (String) response.getBody().get("id");
        assertThat(response.getHeaders().getLocation()).as("Location of %s", id).isNotNull();
        assertThat(response.getHeaders().getLocation().getPath()).isEqualTo(locationPrefix + id);
        return id;
    }

    private static void assertStatus(ResponseEntity<Map<String, Object>> response, int status) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
    }

    private static List<Object> ids(ResponseEntity<List<Map<String, Object>>> response) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
        return response.getBody().stream().map(c -> c.get("id")).toList();
    }

    /** A valid funder, with a fresh code, changed by key/value pairs (ABSENT removes a key). */
    private static Map<String, Object> funder(Object... changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", "PROBE-" + random());
        body.put("name", "A funder that must not be stored");
        body.put("kind", "LOCAL_AUTHORITY");
        body.put("contractingDeadlineMonths", 6);
        body.put("serviceLevelDays", levels());
        return changed(body, changes);
    }

    private static Map<String, Object> levels() {
        Map<String, Object> levels = new LinkedHashMap<>();
        levels.put("SUBMISSION_TO_DECISION", 120);
        levels.put("DECISION_TO_CONVENTION", 60);
        levels.put("CONVENTION_TO_FIRST_PAYMENT", 30);
        levels.put("FIRST_PAYMENT_TO_BALANCE", 365);
        return levels;
    }

    /** A valid call of the region, with a fresh code, open from yesterday for a month, changed by key/value pairs. */
    private Map<String, Object> call(Object... changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("funderId", region);
        body.put("code", "PROBE-" + random());
        body.put("title", "A call that must not be stored");
        body.put("openingDate", today.minusDays(1).toString());
        body.put("closingDate", today.plusDays(30).toString());
        body.put("eligiblePartnerKinds", List.of("SME", "RESEARCH_LAB"));
        body.put("labelRequired", false);
        body.put("maxProjectSize", 750000);
        return changed(body, changes);
    }

    private static Map<String, Object> eligibility(LocalDate submittedOn, List<String> kinds, Number cost) {
        return Map.of("submittedOn", submittedOn.toString(), "partnerKinds", kinds, "labelled", false,
                "totalEligibleCost", cost);
    }

    private static Map<String, Object> share(String contributor, Number percent) {
        return Map.of("contributor", contributor, "sharePercent", percent);
    }

    private static Map<String, Object> changed(Map<String, Object> body, Object... changes) {
        for (int i = 0; i < changes.length; i += 2) {
            Object value = changes[i + 1];
            if (value == ABSENT) {
                body.remove((String) changes[i]);
            } else {
                body.put((String) changes[i], value instanceof LocalDate date ? date.toString() : value);
            }
        }
        return body;
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }
}
