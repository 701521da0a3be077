package org.tremplin.funding.query;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tremplin.funding.process.StateAidFollowsConventions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.ContributorShare;
import org.tremplin.funding.api.ConventionAmendedEvent;
import org.tremplin.funding.api.ConventionClosedEvent;
import org.tremplin.funding.api.ConventionLapsedEvent;
import org.tremplin.funding.api.ConventionSignedEvent;
import org.tremplin.funding.api.EnterpriseSize;
import org.tremplin.funding.api.ExpenseStatementApprovedEvent;
import org.tremplin.funding.api.ExpenseStatementRejectedEvent;
import org.tremplin.funding.api.ExpenseStatementSubmittedEvent;
import org.tremplin.funding.api.FinalReportAcceptedEvent;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FundingApplicationRejectedEvent;
import org.tremplin.funding.api.FundingApplicationSubmittedEvent;
import org.tremplin.funding.api.FundingGrantedEvent;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.FundingStageOverdueEvent;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.OverdueStageChasedEvent;
import org.tremplin.funding.api.PaymentKind;
import org.tremplin.funding.api.PaymentMadeEvent;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.RequestedAid;
import org.tremplin.funding.api.StateAidRecordedEvent;
import org.tremplin.funding.api.StateAidReleasedEvent;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The funding read models fed with realistic event sequences appended to the real event store (three funders, one
 * a pooled fund; partial grants, a rejection, a budget shift, a rejected then an approved expense statement, a lapse,
 * a closing below the grant, state aid over the ceiling with its justification, an overdue stage chased), read
 * through the REST API as staff, auditors, funders' users, consortium members and outsiders; then redelivered and
 * replayed to prove the handlers idempotent. Lead times are recomputed here from the stored events' timestamps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
abstract class FundingProjectionScenarios extends ApiTestSupport {

    private static final ZoneId PARIS = ParisTime.ZONE;
    private static final String APPLICATION = "FundingApplication";
    private static final String LEDGER = "StateAidLedger";

    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ReadModels readModels;
    @Autowired
    private FundingProjection projection;
    @Autowired
    private ObjectMapper springMapper;

    private ObjectMapper mapper;
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase(Locale.ROOT);
    private final Instant t0 = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<EventMessage<?>> published = new ArrayList<>();

    private ApiConsortium consortium;
    private String fui;
    private String region;
    private String pooled;
    private String fuiUser;
    private String regionUser;
    private String pooledUser;
    private String otherFunderUser;
    private String outsider;
    private String appFui;
    private String appPooled;
    private String appRegion;
    private String appRegionRejected;
    private String convCarrier;
    private String convLarge;
    private String convLab;
    private String convPooled;
    private String convRegion;
    private String ledgerCarrier;
    private String ledgerLarge;

    /**
     * The history appended here already holds the ledgers' own events, so the policy that releases aid as convention
     * events are applied ({@link StateAidFollowsConventions}) is stopped while it is written.
     */
    @BeforeAll
    void fundingHistory() {
        processing.eventProcessor(StateAidFollowsConventions.PROCESSING_GROUP).ifPresent(EventProcessor::shutDown);
        mapper = springMapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        identity.ensureUser(STAFF, "Staff", "One", PASSWORD, List.of(Roles.POLE_STAFF));
        identity.ensureUser(AUDITOR, "Auditor", "One", PASSWORD, List.of(Roles.AUDITOR));
        consortium = consortiumThroughApi("Funded photonic lidar " + suffix, "Funded Groupe SA");
        fuiUser = newUser("fui", Roles.FUNDER);
        regionUser = newUser("region", Roles.FUNDER);
        pooledUser = newUser("pooled", Roles.FUNDER);
        otherFunderUser = newUser("anr", Roles.FUNDER);
        outsider = newUser("outsider", Roles.CARRIER);
        newOrganisation("Outsider SAS", "SME", outsider);

        fui = funder("FUI-" + suffix, "Fonds unique interministériel", "STATE_FUI", levels(120, 60, 30, 365), List.of(), fuiUser);
        region = funder("REGION-" + suffix, "Région Auvergne-Rhône-Alpes", "REGION", levels(60, 30, 20, 300), List.of(), regionUser);
        pooled = funder("FRU-" + suffix, "Fonds régional unique", "POOLED_FUND", levels(45, 15, 5, 200), List.of(
                Map.of("contributor", region, "sharePercent", 50), Map.of("contributor", "Département de l'Isère", "sharePercent", 30),
                Map.of("contributor", "Ville de Grenoble", "sharePercent", 20)), pooledUser);
        funder("ANR-" + suffix, "Agence nationale de la recherche", "ANR", levels(90, 60, 30, 365), List.of(), otherFunderUser);

        String project = consortium.projectId();
        String carrier = consortium.carrierOrg();
        String large = consortium.largeOrg();
        String lab = consortium.labOrg();
        String carrierUser = consortium.carrierUser();
        appFui = "APP-" + project + "-FUI" + suffix;
        appPooled = "APP-" + project + "-FRU" + suffix;
        appRegion = "APP-" + project + "-ARA" + suffix;
        appRegionRejected = "APP-" + project + "-ARB" + suffix;
        convCarrier = GrantedAid.conventionId(appFui, carrier);
        convLarge = GrantedAid.conventionId(appFui, large);
        convLab = GrantedAid.conventionId(appFui, lab);
        convPooled = GrantedAid.conventionId(appPooled, carrier);
        convRegion = GrantedAid.conventionId(appRegion, carrier);
        ledgerCarrier = RecordStateAidCommand.ledgerId(project, carrier);
        ledgerLarge = RecordStateAidCommand.ledgerId(project, large);

        // Pooled fund: submitted day 20, granted day 50 (partial), signed day 70, two payments split 50/30/20.
        app(appPooled, new FundingApplicationSubmittedEvent(appPooled, project, "CALL-FRU", "FRU-24", pooled,
                FunderKind.POOLED_FUND, true, 6, List.of(request(carrier, OrganisationKind.SME, "100000.00", "0.00", "50.00",
                "50000.00", "50000.00")), m("50000.00")), day(20, 9, 0), carrierUser);
        LocalDate pooledDecision = date(day(50, 10, 30));
        app(appPooled, new FundingGrantedEvent(appPooled, project, pooled, List.of(new GrantedAid(carrier, convPooled,
                m("50000.00"), m("33333.33"), m("50.00"))), m("33333.33"), true, "Two thirds of the request: fund limits",
                pooledDecision, pooledDecision.plusMonths(6)), day(50, 10, 30), pooledUser);
        aid(new StateAidRecordedEvent(ledgerCarrier, project, carrier, appPooled, pooled, EnterpriseSize.SMALL, true,
                m("200000.00"), m("100000.00"), m("80.00"), m("60.00"), m("220000.00"), m("33333.33"), m("33333.33"),
                false, null), day(50, 11, 0), STAFF);
        app(appPooled, new ConventionSignedEvent(appPooled, convPooled, project, pooled, carrier, m("33333.33"), m("50.00"),
                date(day(70, 15, 0)), LocalDate.of(2027, 6, 30), m("30.00"), m("80.00"), List.of(
                new PooledFundContributor(region, m("50.00")), new PooledFundContributor("Département de l'Isère", m("30.00")),
                new PooledFundContributor("Ville de Grenoble", m("20.00")))), day(70, 15, 0), pooledUser);
        app(appPooled, new PaymentMadeEvent(appPooled, convPooled, project, pooled, carrier, "PAY-" + suffix + "-P1",
                PaymentKind.ADVANCE, null, m("10000.00"), m("10000.00"), m("23333.33"), List.of(
                new ContributorShare(region, m("50.00"), m("5000.00")),
                new ContributorShare("Département de l'Isère", m("30.00"), m("3000.00")),
                new ContributorShare("Ville de Grenoble", m("20.00"), m("2000.00"))), null), day(80, 16, 45), pooledUser);

        // Region: one application granted late (65 days for a 60-day service level), one rejected.
        app(appRegion, new FundingApplicationSubmittedEvent(appRegion, project, "CALL-ARA", "ARA-PME", region,
                FunderKind.REGION, true, 9, List.of(request(carrier, OrganisationKind.SME, "200000.00", "0.00", "40.00",
                "80000.00", "80000.00")), m("80000.00")), day(30, 8, 0), carrierUser);
        app(appRegionRejected, new FundingApplicationSubmittedEvent(appRegionRejected, project, "CALL-ARB", "ARA-LAB",
                region, FunderKind.REGION, true, 9, List.of(request(lab, OrganisationKind.RESEARCH_LAB, "125000.00", "0.00",
                "40.00", "50000.00", "50000.00")), m("50000.00")), day(40, 8, 0), consortium.labUser());
        app(appRegionRejected, new FundingApplicationRejectedEvent(appRegionRejected, project, region,
                "Outside the regional priorities", date(day(45, 14, 0))), day(45, 14, 0), regionUser);

        // FUI: submitted day 0, granted day 75 (partial), three conventions.
        app(appFui, new FundingApplicationSubmittedEvent(appFui, project, "CALL-FUI", "FUI-21", fui, FunderKind.STATE_FUI,
                true, 6, List.of(
                request(carrier, OrganisationKind.SME, "200000.00", "100000.00", "45.00", "135000.00", "130000.00"),
                request(large, OrganisationKind.LARGE_COMPANY, "300000.00", "100000.00", "25.00", "100000.00", "100000.00"),
                request(lab, OrganisationKind.RESEARCH_LAB, "300000.00", "0.00", "40.00", "120000.00", "120000.00")),
                m("350000.00")), day(0, 9, 0), carrierUser);
        LocalDate fuiDecision = date(day(75, 12, 17));
        app(appFui, new FundingGrantedEvent(appFui, project, fui, List.of(
                new GrantedAid(carrier, convCarrier, m("130000.00"), m("120000.00"), m("45.00")),
                new GrantedAid(large, convLarge, m("100000.00"), m("100000.00"), m("25.00")),
                new GrantedAid(lab, convLab, m("120000.00"), m("110000.00"), m("40.00"))), m("330000.00"), true,
                "Selected by the FUI committee; budgets trimmed", fuiDecision, fuiDecision.plusMonths(6)), day(75, 12, 17), fuiUser);
        aid(new StateAidRecordedEvent(ledgerCarrier, project, carrier, appFui, fui, EnterpriseSize.SMALL, true,
                m("200000.00"), m("100000.00"), m("80.00"), m("60.00"), m("220000.00"), m("120000.00"), m("153333.33"),
                false, null), day(76, 9, 0), STAFF);
        aid(new StateAidRecordedEvent(ledgerLarge, project, large, appFui, fui, EnterpriseSize.LARGE, true,
                m("300000.00"), m("100000.00"), m("65.00"), m("40.00"), m("235000.00"), m("100000.00"), m("100000.00"),
                false, null), day(76, 9, 5), STAFF);
        // Region's grant takes the carrier over its ceiling: accepted with a justification.
        LocalDate regionDecision = date(day(95, 17, 0));
        app(appRegion, new FundingGrantedEvent(appRegion, project, region, List.of(new GrantedAid(carrier, convRegion,
                m("80000.00"), m("80000.00"), m("40.00"))), m("80000.00"), false, "Full request granted",
                regionDecision, regionDecision.plusMonths(9)), day(95, 17, 0), regionUser);
        aid(new StateAidRecordedEvent(ledgerCarrier, project, carrier, appRegion, region, EnterpriseSize.SMALL, true,
                m("200000.00"), m("100000.00"), m("80.00"), m("60.00"), m("220000.00"), m("80000.00"), m("233333.33"),
                true, "Exceptional regional interest; accepted by the board on 12 March"), day(96, 10, 0), STAFF);

        app(appFui, new ConventionSignedEvent(appFui, convCarrier, project, fui, carrier, m("120000.00"), m("45.00"),
                date(day(100, 11, 0)), LocalDate.of(2027, 12, 31), m("30.00"), m("80.00"), List.of()), day(100, 11, 0), fuiUser);
        app(appFui, new ConventionSignedEvent(appFui, convLarge, project, fui, large, m("100000.00"), m("25.00"),
                date(day(110, 11, 0)), LocalDate.of(2027, 12, 31), m("30.00"), m("80.00"), List.of()), day(110, 11, 0), fuiUser);
        app(appFui, new PaymentMadeEvent(appFui, convCarrier, project, fui, carrier, "PAY-" + suffix + "-F1",
                PaymentKind.ADVANCE, null, m("36000.00"), m("36000.00"), m("84000.00"), List.of(), null), day(115, 10, 0), fuiUser);
        app(appFui, new PaymentMadeEvent(appFui, convLarge, project, fui, large, "PAY-" + suffix + "-F2",
                PaymentKind.ADVANCE, null, m("30000.00"), m("30000.00"), m("70000.00"), List.of(), null), day(130, 10, 0), fuiUser);
        // The lab does not sign: overdue, chased, then lapsed.
        app(appFui, new FundingStageOverdueEvent(appFui, convLab, project, fui, FundingStage.DECISION_TO_CONVENTION, 60),
                day(136, 2, 0), "system");
        app(appFui, new OverdueStageChasedEvent(appFui, convLab, project, fui, FundingStage.DECISION_TO_CONVENTION,
                "Phoned the lab's contracts office"), day(137, 9, 30), STAFF);
        // Budget shift of 10,000.00 from the large company to the carrier: version 2 of both conventions.
        app(appFui, new ConventionAmendedEvent(appFui, convLarge, project, fui, large, 2, AmendmentKind.BUDGET_SHIFT_OUT,
                m("100000.00"), m("90000.00"), null, null, carrier, "Work package 3 moves to the SME"), day(150, 14, 0), STAFF);
        app(appFui, new ConventionAmendedEvent(appFui, convCarrier, project, fui, carrier, 2, AmendmentKind.BUDGET_SHIFT_IN,
                m("120000.00"), m("130000.00"), null, null, large, "Work package 3 moves to the SME"), day(150, 14, 0), STAFF);
        aid(new StateAidReleasedEvent(ledgerLarge, project, large, appFui, fui, m("10000.00"), m("90000.00"),
                "Budget shift to the SME"), day(150, 14, 5), STAFF);
        // Expense statements: the first rejected, the second approved in part, an instalment paid on it.
        app(appFui, new ExpenseStatementSubmittedEvent(appFui, convCarrier, project, fui, carrier, "ES-1",
                LocalDate.of(2025, 6, 30), m("150000.00"), false), day(200, 9, 0), carrierUser);
        app(appFui, new ExpenseStatementRejectedEvent(appFui, convCarrier, project, fui, carrier, "ES-1",
                "The auditor's certificate is missing"), day(210, 9, 0), fuiUser);
        app(appFui, new ExpenseStatementSubmittedEvent(appFui, convCarrier, project, fui, carrier, "ES-2",
                LocalDate.of(2025, 6, 30), m("150000.00"), false), day(215, 9, 0), carrierUser);
        app(appFui, new ExpenseStatementApprovedEvent(appFui, convCarrier, project, fui, carrier, "ES-2", m("140000.00"),
                m("140000.00"), false, "Travel costs excluded"), day(230, 9, 0), fuiUser);
        app(appFui, new PaymentMadeEvent(appFui, convCarrier, project, fui, carrier, "PAY-" + suffix + "-F3",
                PaymentKind.INSTALMENT, "ES-2", m("63000.00"), m("99000.00"), m("31000.00"), List.of(), null), day(235, 9, 0), fuiUser);
        app(appPooled, new PaymentMadeEvent(appPooled, convPooled, project, pooled, carrier, "PAY-" + suffix + "-P2",
                PaymentKind.INSTALMENT, null, m("3333.33"), m("13333.33"), m("20000.00"), List.of(
                new ContributorShare(region, m("50.00"), m("1666.67")),
                new ContributorShare("Département de l'Isère", m("30.00"), m("1000.00")),
                new ContributorShare("Ville de Grenoble", m("20.00"), m("666.66"))), null), day(240, 9, 0), pooledUser);
        app(appFui, new ConventionLapsedEvent(appFui, convLab, project, fui, lab, fuiDecision.plusMonths(6),
                m("110000.00")), day(262, 0, 5), "system");
        // Closing the carrier's convention below its grant: 22,000.00 released.
        app(appFui, new ExpenseStatementSubmittedEvent(appFui, convCarrier, project, fui, carrier, "ES-3",
                LocalDate.of(2027, 12, 31), m("110000.00"), true), day(300, 9, 0), carrierUser);
        app(appFui, new ExpenseStatementApprovedEvent(appFui, convCarrier, project, fui, carrier, "ES-3", m("100000.00"),
                m("240000.00"), true, null), day(310, 9, 0), fuiUser);
        app(appFui, new FinalReportAcceptedEvent(appFui, convCarrier, project, fui, carrier, "Objectives met"),
                day(315, 9, 0), fuiUser);
        app(appFui, new PaymentMadeEvent(appFui, convCarrier, project, fui, carrier, "PAY-" + suffix + "-F4",
                PaymentKind.BALANCE, "ES-3", m("9000.00"), m("108000.00"), m("22000.00"), List.of(), null), day(320, 9, 0), fuiUser);
        app(appFui, new ConventionClosedEvent(appFui, convCarrier, project, fui, carrier, m("130000.00"), m("108000.00"),
                m("22000.00")), day(320, 9, 1), fuiUser);
        aid(new StateAidReleasedEvent(ledgerCarrier, project, carrier, appFui, fui, m("22000.00"), m("211333.33"),
                "Grant not used at closing"), day(320, 9, 2), STAFF);

        readModels.catchUp();
        // the events were published straight to the store, not by a request: the read models may not show them yet,
        // and a read of a convention not projected yet answers 404 (retried, not failed)
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            JsonNode ledger = json(STAFF, "/api/funders/" + region + "/ledger");
            JsonNode conv = json(STAFF, "/api/funding/conventions/" + convCarrier);
            return ledger.path("payments").size() == 2 && "CLOSED".equals(conv.path("status").asText())
                    && json(STAFF, "/api/projects/" + consortium.projectId() + "/funding").path("stateAid").size() == 2
                    && json(STAFF, "/api/projects/" + consortium.projectId() + "/funding").path("stateAid").get(
                    0).path("aids").size() >= 1 && "211333.33".equals(stateAid(json(STAFF, "/api/projects/"
                    + consortium.projectId() + "/funding"), consortium.carrierOrg()).path("totalAid").decimalValue().toPlainString());
        });
    }

    @AfterAll
    void restartThePolicies() {
        processing.eventProcessor(StateAidFollowsConventions.PROCESSING_GROUP).ifPresent(EventProcessor::start);
    }

    // ------------------------------------------------------------------------------------------ summary

    @Test
    void the_project_summary_adds_every_funder_to_the_cent() {
        for (String user : List.of(STAFF, AUDITOR, consortium.carrierUser(), consortium.labUser())) {
            JsonNode summary = json(user, "/api/projects/" + consortium.projectId() + "/funding");
            assertThat(summary.path("projectId").asText()).isEqualTo(consortium.projectId());
            assertMoney(summary, "requestedTotal", "530000.00");
            assertMoney(summary, "grantedTotal", "443333.33");
            assertMoney(summary, "paidTotal", "151333.33");
            assertMoney(summary, "releasedTotal", "132000.00");
            assertMoney(summary, "remainingTotal", "160000.00");
            assertThat(StreamSupport.stream(summary.path("funders").spliterator(), false).map(f -> f.path("funderId").asText()))
                    .containsExactly(pooled, fui, region);

            JsonNode fuiPart = summary.path("funders").get(1);
            assertThat(fuiPart.path("funderName").asText()).isEqualTo("Fonds unique interministériel");
            assertMoney(fuiPart, "requestedTotal", "350000.00");
            assertMoney(fuiPart, "grantedTotal", "330000.00");
            assertMoney(fuiPart, "paidTotal", "138000.00");
            assertMoney(fuiPart, "releasedTotal", "132000.00");
            assertMoney(fuiPart, "remainingTotal", "60000.00");
            assertThat(fuiPart.path("applications")).hasSize(1);
            assertThat(fuiPart.path("applications").get(0).path("status").asText()).isEqualTo("GRANTED");
            assertMoney(fuiPart.path("applications").get(0), "grantedTotal", "330000.00");
            JsonNode carrierLine = partner(fuiPart, consortium.carrierOrg());
            assertThat(carrierLine.path("conventionStatus").asText()).isEqualTo("CLOSED");
            assertMoney(carrierLine, "grantedAmount", "130000.00");
            assertMoney(carrierLine, "paidTotal", "108000.00");
            assertMoney(carrierLine, "releasedAmount", "22000.00");
            assertMoney(carrierLine, "remaining", "0.00");
            JsonNode largeLine = partner(fuiPart, consortium.largeOrg());
            assertThat(largeLine.path("conventionStatus").asText()).isEqualTo("SIGNED");
            assertMoney(largeLine, "grantedAmount", "90000.00");
            assertMoney(largeLine, "paidTotal", "30000.00");
            assertMoney(largeLine, "remaining", "60000.00");
            JsonNode labLine = partner(fuiPart, consortium.labOrg());
            assertThat(labLine.path("conventionStatus").asText()).isEqualTo("LAPSED");
            assertMoney(labLine, "releasedAmount", "110000.00");
            assertMoney(labLine, "remaining", "0.00");

            JsonNode pooledPart = summary.path("funders").get(0);
            assertMoney(pooledPart, "grantedTotal", "33333.33");
            assertMoney(pooledPart, "paidTotal", "13333.33");
            assertMoney(pooledPart, "remainingTotal", "20000.00");
            JsonNode regionPart = summary.path("funders").get(2);
            assertMoney(regionPart, "requestedTotal", "130000.00");
            assertMoney(regionPart, "grantedTotal", "80000.00");
            assertMoney(regionPart, "remainingTotal", "80000.00");
            assertThat(StreamSupport.stream(regionPart.path("applications").spliterator(), false)
                    .map(a -> a.path("applicationId").asText() + ":" + a.path("status").asText()))
                    .containsExactlyInAnyOrder(appRegion + ":GRANTED", appRegionRejected + ":REJECTED");
            assertThat(partner(regionPart, consortium.carrierOrg()).path("conventionStatus").asText())
                    .isEqualTo("AWAITING_SIGNATURE");

            JsonNode carrierAid = stateAid(summary, consortium.carrierOrg());
            assertThat(carrierAid.path("ledgerId").asText()).isEqualTo(ledgerCarrier);
            assertMoney(carrierAid, "totalAid", "211333.33");
            assertMoney(carrierAid, "ceilingAmount", "220000.00");
            assertThat(carrierAid.path("overCeiling").asBoolean()).isFalse();
            JsonNode aids = carrierAid.path("aids");
            assertThat(aids).hasSize(3);
            assertThat(aids.get(0).path("funderId").asText()).isEqualTo(pooled);
            assertThat(aids.get(1).path("funderId").asText()).isEqualTo(fui);
            assertMoney(aids.get(1), "releasedAmount", "22000.00");
            assertThat(aids.get(2).path("funderId").asText()).isEqualTo(region);
            assertMoney(aids.get(2), "totalAidAfter", "233333.33");
            assertThat(aids.get(2).path("overCeiling").asBoolean()).isTrue();
            assertThat(aids.get(2).path("justification").asText()).contains("Exceptional regional interest");
            assertThat(aids.get(2).path("recordedBy").asText()).isEqualTo(STAFF);
            JsonNode largeAid = stateAid(summary, consortium.largeOrg());
            assertMoney(largeAid, "totalAid", "90000.00");
            assertMoney(largeAid.path("aids").get(0), "releasedAmount", "10000.00");
        }
    }

    @Test
    void a_funder_user_sees_only_its_funder_part_of_the_summary() {
        JsonNode summary = json(fuiUser, "/api/projects/" + consortium.projectId() + "/funding");
        assertThat(summary.path("funders")).hasSize(1);
        assertThat(summary.path("funders").get(0).path("funderId").asText()).isEqualTo(fui);
        assertMoney(summary, "requestedTotal", "350000.00");
        assertMoney(summary, "grantedTotal", "330000.00");
        assertMoney(summary, "paidTotal", "138000.00");
        assertMoney(summary, "remainingTotal", "60000.00");
        JsonNode carrierAid = stateAid(summary, consortium.carrierOrg());
        assertThat(carrierAid.path("totalAid").isNull()).isTrue();
        assertThat(carrierAid.path("aids")).hasSize(1);
        assertThat(carrierAid.path("aids").get(0).path("funderId").asText()).isEqualTo(fui);
        // the outcome of the ceiling check, never the cross-funder total or ceiling behind it
        assertThat(carrierAid.path("aids").get(0).path("overCeiling").isBoolean()).isTrue();
        assertThat(carrierAid.path("aids").get(0).path("totalAidAfter").isNull()).isTrue();
        assertThat(carrierAid.path("aids").get(0).path("ceilingAmount").isNull()).isTrue();

        JsonNode regionView = json(regionUser, "/api/projects/" + consortium.projectId() + "/funding");
        assertThat(regionView.path("funders")).hasSize(1);
        assertMoney(regionView, "requestedTotal", "130000.00");
        assertMoney(regionView, "grantedTotal", "80000.00");

        // hidden exactly as missing: a funder with nothing in the project, or an outsider, learns nothing of it
        assertProblem(get(otherFunderUser, "/api/projects/" + consortium.projectId() + "/funding"), 404, consortium.projectId());
        assertProblem(get(outsider, "/api/projects/" + consortium.projectId() + "/funding"), 404, consortium.projectId());
        assertProblem(get(STAFF, "/api/projects/PRJ-NOSUCH-" + suffix + "/funding"), 404);
    }

    // ------------------------------------------------------------------------------------------ application

    @Test
    void an_application_shows_requests_grants_and_conventions() {
        JsonNode app = json(fuiUser, "/api/funding/applications/" + appFui);
        assertThat(app.path("status").asText()).isEqualTo("GRANTED");
        assertThat(app.path("funderName").asText()).isEqualTo("Fonds unique interministériel");
        assertMoney(app, "requestedTotal", "350000.00");
        assertMoney(app, "grantedTotal", "330000.00");
        assertThat(app.path("partial").asBoolean()).isTrue();
        assertThat(app.path("reasons").asText()).isEqualTo("Selected by the FUI committee; budgets trimmed");
        assertThat(app.path("submittedBy").asText()).isEqualTo(consortium.carrierUser());
        assertThat(app.path("decidedBy").asText()).isEqualTo(fuiUser);
        assertThat(app.path("submittedAt").asText()).isEqualTo(day(0, 9, 0).toString());
        assertThat(app.path("decidedAt").asText()).isEqualTo(day(75, 12, 17).toString());
        assertThat(app.path("decidedOn").asText()).isEqualTo(date(day(75, 12, 17)).toString());
        assertThat(app.path("contractingDeadline").asText()).isEqualTo(date(day(75, 12, 17)).plusMonths(6).toString());
        JsonNode partners = app.path("partners");
        assertThat(partners).hasSize(3);
        JsonNode first = partners.get(0);
        assertThat(first.path("organisationId").asText()).isEqualTo(consortium.carrierOrg());
        assertThat(first.path("partnerKind").asText()).isEqualTo("SME");
        assertMoney(first, "industrialResearchCost", "200000.00");
        assertMoney(first, "experimentalDevelopmentCost", "100000.00");
        assertMoney(first, "ratePercent", "45.00");
        assertThat(first.path("rateSource").asText()).isEqualTo("FUI call 21");
        assertMoney(first, "maxAmount", "135000.00");
        assertMoney(first, "requestedAmount", "130000.00");
        assertMoney(first, "grantedAmount", "120000.00");
        assertThat(first.path("conventionId").asText()).isEqualTo(convCarrier);
        assertThat(StreamSupport.stream(app.path("conventionIds").spliterator(), false).map(JsonNode::asText))
                .containsExactlyInAnyOrder(convCarrier, convLarge, convLab);

        JsonNode rejected = json(consortium.labUser(), "/api/funding/applications/" + appRegionRejected);
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("reasons").asText()).isEqualTo("Outside the regional priorities");
        assertThat(rejected.path("grantedTotal").isNull()).isTrue();
        assertThat(rejected.path("conventionIds")).isEmpty();

        assertThat(get(STAFF, "/api/funding/applications/" + appFui).getStatusCode().value()).isEqualTo(200);
        assertThat(get(AUDITOR, "/api/funding/applications/" + appFui).getStatusCode().value()).isEqualTo(200);
        assertThat(get(consortium.largeUser(), "/api/funding/applications/" + appFui).getStatusCode().value()).isEqualTo(200);
        assertProblem(get(regionUser, "/api/funding/applications/" + appFui), 404, "No funding application " + appFui);
        assertProblem(get(otherFunderUser, "/api/funding/applications/" + appFui), 404, "No funding application " + appFui);
        assertProblem(get(outsider, "/api/funding/applications/" + appFui), 404, "No funding application " + appFui);
        assertProblem(get(STAFF, "/api/funding/applications/APP-NOSUCH-" + suffix), 404);
    }

    // ------------------------------------------------------------------------------------------ convention

    @Test
    void a_convention_shows_versions_statements_payments_and_its_closing() {
        JsonNode conv = json(consortium.carrierUser(), "/api/funding/conventions/" + convCarrier);
        // on the wire, amounts keep their two decimals
        assertThat(http.withBasicAuth(STAFF, PASSWORD).getForObject("/api/funding/conventions/" + convCarrier, String.class))
                .contains("\"paidTotal\":108000.00", "\"remaining\":0.00", "\"ratePercent\":45.00");
        assertThat(conv.path("status").asText()).isEqualTo("CLOSED");
        assertMoney(conv, "grantedAmount", "130000.00");
        assertMoney(conv, "ratePercent", "45.00");
        assertMoney(conv, "advancePercent", "30.00");
        assertMoney(conv, "interimCapPercent", "80.00");
        assertMoney(conv, "paidTotal", "108000.00");
        assertMoney(conv, "approvedTotal", "240000.00");
        assertMoney(conv, "releasedAmount", "22000.00");
        assertMoney(conv, "remaining", "0.00");
        assertThat(conv.path("version").asInt()).isEqualTo(2);
        assertThat(conv.path("signedOn").asText()).isEqualTo(date(day(100, 11, 0)).toString());
        assertThat(conv.path("endDate").asText()).isEqualTo("2027-12-31");
        assertThat(conv.path("closedAt").asText()).isEqualTo(day(320, 9, 1).toString());
        assertThat(conv.path("finalReportAcceptedAt").asText()).isEqualTo(day(315, 9, 0).toString());

        JsonNode versions = conv.path("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(versions.get(0).path("kind").asText()).isEqualTo("GRANT");
        assertMoney(versions.get(0), "grantedAmountAfter", "120000.00");
        assertThat(versions.get(0).path("actor").asText()).isEqualTo(fuiUser);
        assertThat(versions.get(1).path("kind").asText()).isEqualTo("BUDGET_SHIFT_IN");
        assertMoney(versions.get(1), "grantedAmountBefore", "120000.00");
        assertMoney(versions.get(1), "grantedAmountAfter", "130000.00");
        assertThat(versions.get(1).path("counterpartOrganisationId").asText()).isEqualTo(consortium.largeOrg());
        assertThat(versions.get(1).path("reason").asText()).isEqualTo("Work package 3 moves to the SME");
        assertThat(versions.get(1).path("actor").asText()).isEqualTo(STAFF);
        assertThat(versions.get(1).path("at").asText()).isEqualTo(day(150, 14, 0).toString());

        JsonNode statements = conv.path("statements");
        assertThat(StreamSupport.stream(statements.spliterator(), false)
                .map(s -> s.path("statementId").asText() + ":" + s.path("status").asText()))
                .containsExactly("ES-1:REJECTED", "ES-2:APPROVED", "ES-3:APPROVED");
        assertThat(statements.get(0).path("rejectionReasons").asText()).isEqualTo("The auditor's certificate is missing");
        assertThat(statements.get(0).path("decidedBy").asText()).isEqualTo(fuiUser);
        assertMoney(statements.get(1), "amount", "150000.00");
        assertMoney(statements.get(1), "approvedAmount", "140000.00");
        assertThat(statements.get(1).path("comment").asText()).isEqualTo("Travel costs excluded");
        assertThat(statements.get(2).path("finalStatement").asBoolean()).isTrue();
        assertMoney(statements.get(2), "approvedTotalAfter", "240000.00");

        JsonNode payments = conv.path("payments");
        assertThat(StreamSupport.stream(payments.spliterator(), false)
                .map(p -> p.path("kind").asText() + ":" + p.path("amount").decimalValue().toPlainString()))
                .containsExactly("ADVANCE:36000.00", "INSTALMENT:63000.00", "BALANCE:9000.00");
        assertThat(payments.get(1).path("statementId").asText()).isEqualTo("ES-2");
        assertMoney(payments.get(1), "paidTotalAfter", "99000.00");
        assertMoney(payments.get(2), "remainingAfter", "22000.00");
        assertThat(payments.get(2).path("paidAt").asText()).isEqualTo(day(320, 9, 0).toString());

        JsonNode large = json(fuiUser, "/api/funding/conventions/" + convLarge);
        assertThat(large.path("status").asText()).isEqualTo("SIGNED");
        assertMoney(large, "grantedAmount", "90000.00");
        assertMoney(large, "remaining", "60000.00");
        assertThat(large.path("versions").get(1).path("kind").asText()).isEqualTo("BUDGET_SHIFT_OUT");

        JsonNode lab = json(AUDITOR, "/api/funding/conventions/" + convLab);
        assertThat(lab.path("status").asText()).isEqualTo("LAPSED");
        assertMoney(lab, "releasedAmount", "110000.00");
        assertMoney(lab, "remaining", "0.00");
        assertThat(lab.path("lapsedAt").asText()).isEqualTo(day(262, 0, 5).toString());
        JsonNode overdue = lab.path("overdueStages");
        assertThat(overdue).hasSize(1);
        assertThat(overdue.get(0).path("stage").asText()).isEqualTo("DECISION_TO_CONVENTION");
        assertThat(overdue.get(0).path("serviceLevelDays").asInt()).isEqualTo(60);
        assertThat(overdue.get(0).path("chaseActions")).hasSize(1);
        assertThat(overdue.get(0).path("chaseActions").get(0).path("action").asText()).isEqualTo("Phoned the lab's contracts office");
        assertThat(overdue.get(0).path("chaseActions").get(0).path("actor").asText()).isEqualTo(STAFF);

        JsonNode pooledConv = json(pooledUser, "/api/funding/conventions/" + convPooled);
        assertThat(pooledConv.path("contributors")).hasSize(3);
        JsonNode split = pooledConv.path("payments").get(1).path("shares");
        assertThat(StreamSupport.stream(split.spliterator(), false)
                .map(s -> s.path("contributor").asText() + "=" + s.path("amount").decimalValue().toPlainString()))
                .containsExactly(region + "=1666.67", "Département de l'Isère=1000.00", "Ville de Grenoble=666.66");
        assertMoney(pooledConv, "remaining", "20000.00");

        assertProblem(get(regionUser, "/api/funding/conventions/" + convCarrier), 404, "No convention " + convCarrier);
        assertProblem(get(outsider, "/api/funding/conventions/" + convCarrier), 404, "No convention " + convCarrier);
        assertProblem(get(STAFF, "/api/funding/conventions/CONV-NOSUCH-" + suffix), 404);
    }

    // ------------------------------------------------------------------------------------------ ledgers

    @Test
    void a_funder_ledger_lists_its_payments_and_what_it_bore_in_a_pooled_fund() {
        JsonNode fuiLedger = json(fuiUser, "/api/funders/" + fui + "/ledger");
        assertMoney(fuiLedger, "grantedTotal", "330000.00");
        assertMoney(fuiLedger, "paidTotal", "138000.00");
        assertMoney(fuiLedger, "releasedTotal", "132000.00");
        assertMoney(fuiLedger, "remainingTotal", "60000.00");
        assertMoney(fuiLedger, "contributedTotal", "0.00");
        assertThat(StreamSupport.stream(fuiLedger.path("payments").spliterator(), false)
                .map(p -> p.path("paymentId").asText() + ":" + p.path("role").asText() + ":" + p.path("kind").asText()
                        + ":" + p.path("borneAmount").decimalValue().toPlainString()))
                .containsExactly("PAY-" + suffix + "-F1:PAID:ADVANCE:36000.00", "PAY-" + suffix + "-F2:PAID:ADVANCE:30000.00",
                        "PAY-" + suffix + "-F3:PAID:INSTALMENT:63000.00", "PAY-" + suffix + "-F4:PAID:BALANCE:9000.00");
        JsonNode firstLine = fuiLedger.path("payments").get(0);
        assertThat(firstLine.path("projectId").asText()).isEqualTo(consortium.projectId());
        assertThat(firstLine.path("organisationId").asText()).isEqualTo(consortium.carrierOrg());
        assertThat(firstLine.path("conventionId").asText()).isEqualTo(convCarrier);
        assertThat(firstLine.path("paidAt").asText()).isEqualTo(day(115, 10, 0).toString());

        JsonNode regionLedger = json(regionUser, "/api/funders/" + region + "/ledger");
        assertMoney(regionLedger, "grantedTotal", "80000.00");
        assertMoney(regionLedger, "paidTotal", "0.00");
        assertMoney(regionLedger, "remainingTotal", "80000.00");
        assertMoney(regionLedger, "contributedTotal", "6666.67");
        JsonNode lines = regionLedger.path("payments");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("role").asText()).isEqualTo("CONTRIBUTED");
        assertThat(lines.get(0).path("payingFunderId").asText()).isEqualTo(pooled);
        assertMoney(lines.get(0), "amount", "10000.00");
        assertMoney(lines.get(0), "borneAmount", "5000.00");
        assertMoney(lines.get(0), "sharePercent", "50.00");
        // its own share of the pooled fund's payment, not the other contributors'
        assertThat(lines.get(0).path("shares")).hasSize(1);
        assertThat(lines.get(0).path("shares").get(0).path("contributor").asText()).isEqualTo(region);
        assertThat(json(STAFF, "/api/funders/" + region + "/ledger").path("payments").get(0).path("shares")).hasSize(3);
        assertMoney(lines.get(1), "amount", "3333.33");
        assertMoney(lines.get(1), "borneAmount", "1666.67");

        JsonNode pooledLedger = json(STAFF, "/api/funders/" + pooled + "/ledger");
        assertMoney(pooledLedger, "grantedTotal", "33333.33");
        assertMoney(pooledLedger, "paidTotal", "13333.33");
        assertMoney(pooledLedger, "remainingTotal", "20000.00");
        assertThat(pooledLedger.path("payments")).hasSize(2);
        assertThat(pooledLedger.path("payments").get(0).path("role").asText()).isEqualTo("PAID");
        assertThat(pooledLedger.path("payments").get(0).path("shares")).hasSize(3);

        assertThat(get(AUDITOR, "/api/funders/" + fui + "/ledger").getStatusCode().value()).isEqualTo(200);
        assertProblem(get(regionUser, "/api/funders/" + fui + "/ledger"), 403);
        assertProblem(get(regionUser, "/api/funders/" + pooled + "/ledger"), 403);
        assertProblem(get(consortium.carrierUser(), "/api/funders/" + fui + "/ledger"), 403);
        assertProblem(get(outsider, "/api/funders/" + fui + "/ledger"), 403);
        assertProblem(get(STAFF, "/api/funders/FUNDER-NOSUCH-" + suffix + "/ledger"), 404);
    }

    // ------------------------------------------------------------------------------------------ lead times

    @Test
    void lead_times_are_the_nearest_rank_statistics_of_the_stored_events_timestamps() {
        Map<String, Map<FundingStage, List<Duration>>> expected = measuredFromStoredEvents();
        Map<String, Map<FundingStage, Integer>> levels = Map.of(fui, levels(120, 60, 30, 365), region, levels(60, 30, 20, 300),
                pooled, levels(45, 15, 5, 200)).entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> { Map<FundingStage, Integer> l = new HashMap<>(); e.getValue().forEach((k, v) -> l.put(FundingStage.valueOf(k), (Integer) v)); return l; }));
        // sanity: the scenario measures what it should
        assertThat(expected.get(fui).get(FundingStage.DECISION_TO_CONVENTION)).hasSize(2);
        assertThat(expected.get(region).get(FundingStage.SUBMISSION_TO_DECISION)).hasSize(2);

        for (String user : List.of(outsider, consortium.carrierUser(), fuiUser)) {
            for (String funder : List.of(fui, region, pooled)) {
                JsonNode view = json(user, "/api/funding/lead-times?funderId=" + funder);
                assertThat(view.path("method").asText()).startsWith("NEAREST_RANK");
                assertThat(view.path("stats")).hasSize(FundingStage.values().length);
                for (JsonNode stat : view.path("stats")) {
                    FundingStage stage = FundingStage.valueOf(stat.path("stage").asText());
                    List<Duration> durations = new ArrayList<>(expected.get(funder).getOrDefault(stage, List.of()));
                    durations.sort(null);
                    Integer level = levels.get(funder).get(stage);
                    assertThat(stat.path("funderId").asText()).isEqualTo(funder);
                    assertThat(stat.path("count").asInt()).as(funder + " " + stage).isEqualTo(durations.size());
                    assertThat(stat.path("serviceLevelDays").asInt()).isEqualTo(level);
                    if (durations.isEmpty()) {
                        assertThat(stat.path("medianDays").isNull()).isTrue();
                        continue;
                    }
                    Duration median = durations.get((int) Math.ceil(durations.size() * 0.5) - 1);
                    Duration p90 = durations.get((int) Math.ceil(durations.size() * 0.9) - 1);
                    assertThat(stat.path("medianSeconds").asLong()).isEqualTo(median.getSeconds());
                    assertThat(stat.path("p90Seconds").asLong()).isEqualTo(p90.getSeconds());
                    assertThat(stat.path("medianDays").decimalValue()).isEqualTo(days(median));
                    assertThat(stat.path("p90Days").decimalValue()).isEqualTo(days(p90));
                    assertThat(stat.path("exceeded").asInt()).as(funder + " " + stage)
                            .isEqualTo((int) durations.stream().filter(d -> d.compareTo(Duration.ofDays(level)) > 0).count());
                }
            }
        }
        JsonNode fuiStats = json(outsider, "/api/funding/lead-times?funderId=" + fui);
        assertThat(stat(fuiStats, fui, FundingStage.DECISION_TO_CONVENTION).path("open").asInt()).isEqualTo(1);
        assertThat(stat(json(outsider, "/api/funding/lead-times?funderId=" + region), region,
                FundingStage.SUBMISSION_TO_DECISION).path("exceeded").asInt()).isEqualTo(1);
        JsonNode all = json(outsider, "/api/funding/lead-times");
        assertThat(all.path("funderId").isNull()).isTrue();
        assertThat(stat(all, pooled, FundingStage.CONVENTION_TO_FIRST_PAYMENT).path("count").asInt()).isEqualTo(1);
        assertThat(stat(all, fui, FundingStage.SUBMISSION_TO_DECISION)).isEqualTo(stat(fuiStats, fui, FundingStage.SUBMISSION_TO_DECISION));
        assertProblem(get(outsider, "/api/funding/lead-times?funderId=FUNDER-NOSUCH-" + suffix), 404);
    }

    /** Each stage's durations per funder, from the timestamps of the events as the event store returns them. */
    private Map<String, Map<FundingStage, List<Duration>>> measuredFromStoredEvents() {
        Map<String, Map<FundingStage, List<Duration>>> measured = new HashMap<>();
        for (String applicationId : List.of(appFui, appPooled, appRegion, appRegionRejected)) {
            Map<String, Instant> started = new HashMap<>();
            List<? extends DomainEventMessage<?>> stored = events(applicationId);
            assertThat(stored).isNotEmpty();
            String funder = null;
            for (DomainEventMessage<?> event : stored) {
                Instant at = event.getTimestamp();
                Object payload = event.getPayload();
                if (payload instanceof FundingApplicationSubmittedEvent e) {
                    funder = e.funderId();
                    started.put(FundingStage.SUBMISSION_TO_DECISION + e.applicationId(), at);
                } else if (payload instanceof FundingApplicationRejectedEvent e) {
                    end(measured, funder, FundingStage.SUBMISSION_TO_DECISION, started.remove(FundingStage.SUBMISSION_TO_DECISION + e.applicationId()), at);
                } else if (payload instanceof FundingGrantedEvent e) {
                    end(measured, funder, FundingStage.SUBMISSION_TO_DECISION, started.remove(FundingStage.SUBMISSION_TO_DECISION + e.applicationId()), at);
                    e.grants().forEach(g -> started.put(FundingStage.DECISION_TO_CONVENTION + g.conventionId(), at));
                } else if (payload instanceof ConventionSignedEvent e) {
                    end(measured, funder, FundingStage.DECISION_TO_CONVENTION, started.remove(FundingStage.DECISION_TO_CONVENTION + e.conventionId()), at);
                    started.put(FundingStage.CONVENTION_TO_FIRST_PAYMENT + e.conventionId(), at);
                } else if (payload instanceof PaymentMadeEvent e) {
                    Instant signed = started.remove(FundingStage.CONVENTION_TO_FIRST_PAYMENT + e.conventionId());
                    if (signed != null) {
                        end(measured, funder, FundingStage.CONVENTION_TO_FIRST_PAYMENT, signed, at);
                        started.put(FundingStage.FIRST_PAYMENT_TO_BALANCE + e.conventionId(), at);
                    }
                } else if (payload instanceof ConventionClosedEvent e) {
                    end(measured, funder, FundingStage.FIRST_PAYMENT_TO_BALANCE, started.remove(FundingStage.FIRST_PAYMENT_TO_BALANCE + e.conventionId()), at);
                }
            }
        }
        return measured;
    }

    private static void end(Map<String, Map<FundingStage, List<Duration>>> measured, String funder, FundingStage stage,
                            Instant start, Instant end) {
        measured.computeIfAbsent(funder, f -> new HashMap<>()).computeIfAbsent(stage, s -> new ArrayList<>())
                .add(Duration.between(start, end));
    }

    private static BigDecimal days(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).divide(BigDecimal.valueOf(86_400_000L), 2, RoundingMode.HALF_UP);
    }

    private static JsonNode stat(JsonNode view, String funder, FundingStage stage) {
        return StreamSupport.stream(view.path("stats").spliterator(), false)
                .filter(s -> funder.equals(s.path("funderId").asText()) && stage.name().equals(s.path("stage").asText()))
                .findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------------------------------ idempotence

    @Test
    void redelivering_every_event_and_replaying_change_nothing() {
        Map<String, JsonNode> before = snapshot();
        Map<String, Long> rowsBefore = rowCounts();

        // At-least-once delivery: every event handled a second time, in order.
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(projection);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> published.forEach(event -> {
            try {
                adapter.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(rowCounts()).isEqualTo(rowsBefore);
        assertThat(snapshot()).isEqualTo(before);

        // A replay from the event store: the funding processor rebuilds the same rows.
        Map<String, Object> report = replay();
        Map<String, Object> funding = ((List<Map<String, Object>>) report.get("processors")).stream()
                .filter(p -> FundingProjection.PROCESSING_GROUP.equals(p.get("name"))).findFirst().orElseThrow();
        assertThat(funding.get("state")).as("%s", funding).isEqualTo("VERIFIED");
        assertThat(((List<Map<String, Object>>) ((Map<String, Object>) funding.get("after")).get("tables")))
                .extracting(t -> t.get("table")).contains("funding_payment", "funding_lead_time");
        assertThat(rowCounts()).isEqualTo(rowsBefore);
        assertThat(snapshot()).isEqualTo(before);
    }

    private Map<String, JsonNode> snapshot() {
        Map<String, JsonNode> views = new LinkedHashMap<>();
        for (String path : List.of("/api/projects/" + consortium.projectId() + "/funding",
                "/api/funding/applications/" + appFui, "/api/funding/applications/" + appPooled,
                "/api/funding/applications/" + appRegion, "/api/funding/applications/" + appRegionRejected,
                "/api/funding/conventions/" + convCarrier, "/api/funding/conventions/" + convLarge,
                "/api/funding/conventions/" + convLab, "/api/funding/conventions/" + convPooled,
                "/api/funding/conventions/" + convRegion, "/api/funders/" + fui + "/ledger",
                "/api/funders/" + region + "/ledger", "/api/funders/" + pooled + "/ledger",
                "/api/funding/lead-times?funderId=" + fui, "/api/funding/lead-times?funderId=" + region,
                "/api/funding/lead-times?funderId=" + pooled)) {
            views.put(path, json(STAFF, path));
        }
        return views;
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        String project = consortium.projectId();
        counts.put("funding_application", count("SELECT COUNT(*) FROM funding_application WHERE project_id = ?", project));
        counts.put("funding_application_partner", count("SELECT COUNT(*) FROM funding_application_partner p JOIN funding_application a ON a.id = p.application_id WHERE a.project_id = ?", project));
        counts.put("convention", count("SELECT COUNT(*) FROM convention WHERE project_id = ?", project));
        counts.put("convention_contributor", count("SELECT COUNT(*) FROM convention_contributor k JOIN convention c ON c.id = k.convention_id WHERE c.project_id = ?", project));
        counts.put("convention_version", count("SELECT COUNT(*) FROM convention_version v JOIN convention c ON c.id = v.convention_id WHERE c.project_id = ?", project));
        counts.put("expense_statement", count("SELECT COUNT(*) FROM expense_statement s JOIN convention c ON c.id = s.convention_id WHERE c.project_id = ?", project));
        counts.put("funding_payment", count("SELECT COUNT(*) FROM funding_payment WHERE project_id = ?", project));
        counts.put("funding_payment_share", count("SELECT COUNT(*) FROM funding_payment_share s JOIN funding_payment p ON p.payment_id = s.payment_id WHERE p.project_id = ?", project));
        counts.put("state_aid_ledger", count("SELECT COUNT(*) FROM state_aid_ledger WHERE project_id = ?", project));
        counts.put("state_aid_entry", count("SELECT COUNT(*) FROM state_aid_entry WHERE project_id = ?", project));
        counts.put("state_aid_release", count("SELECT COUNT(*) FROM state_aid_release r JOIN state_aid_ledger l ON l.ledger_id = r.ledger_id WHERE l.project_id = ?", project));
        counts.put("funding_stage_overdue", count("SELECT COUNT(*) FROM funding_stage_overdue WHERE project_id = ?", project));
        counts.put("funding_stage_chase", count("SELECT COUNT(*) FROM funding_stage_chase c JOIN funding_application a ON a.id = c.application_id WHERE a.project_id = ?", project));
        counts.put("funding_lead_time", count("SELECT COUNT(*) FROM funding_lead_time WHERE project_id = ?", project));
        // each completed stage carries its duration in whole milliseconds (the funders' lead times are read at their ranks)
        jdbc.query("SELECT started_at, ended_at, duration_ms FROM funding_lead_time WHERE project_id = ?", rs -> {
            java.sql.Timestamp ended = rs.getTimestamp("ended_at");
            Long duration = (Long) rs.getObject("duration_ms", Long.class);
            if (ended == null) {
                assertThat(duration).isNull();
            } else {
                assertThat(duration).isEqualTo(java.time.Duration.between(rs.getTimestamp("started_at").toInstant(),
                        ended.toInstant()).toMillis());
            }
        }, project);
        assertThat(counts).containsEntry("funding_payment", 6L).containsEntry("funding_payment_share", 6L)
                .containsEntry("convention", 5L).containsEntry("convention_version", 7L)
                .containsEntry("expense_statement", 3L).containsEntry("state_aid_release", 2L)
                .containsEntry("funding_lead_time", 15L);
        return counts;
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    /** Starts a replay as an auditor and polls it to its end (as ReplayScenarios does); the final report. */
    private Map<String, Object> replay() {
        ResponseEntity<Map<String, Object>> started = await().atMost(Duration.ofSeconds(60))
                .until(() -> post(AUDITOR, "/api/audit/replay", null), r -> r.getStatusCode().value() == 202);
        String id = (String) started.getBody().get("id");
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> get(AUDITOR, "/api/audit/replay/" + id).getBody(), r -> !"RUNNING".equals(r.get("state")));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private String funder(String code, String name, String kind, Map<String, Object> levels, List<Map<String, Object>> contributors,
                          String user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", name);
        body.put("kind", kind);
        body.put("contractingDeadlineMonths", 6);
        body.put("serviceLevelDays", levels);
        body.put("contributors", contributors);
        ResponseEntity<Map<String, Object>> created = post(STAFF, "/api/funders", body);
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        String id = (String) created.getBody().get("id");
        ResponseEntity<Map<String, Object>> added = post(STAFF, "/api/funders/" + id + "/users", Map.of("userId", user));
        assertThat(added.getStatusCode().value()).as("%s", added.getBody()).isEqualTo(200);
        return id;
    }

    private static Map<String, Object> levels(int decision, int convention, int firstPayment, int balance) {
        Map<String, Object> levels = new LinkedHashMap<>();
        levels.put("SUBMISSION_TO_DECISION", decision);
        levels.put("DECISION_TO_CONVENTION", convention);
        levels.put("CONVENTION_TO_FIRST_PAYMENT", firstPayment);
        levels.put("FIRST_PAYMENT_TO_BALANCE", balance);
        return levels;
    }

    private static RequestedAid request(String organisationId, OrganisationKind kind, String ir, String ed, String rate,
                                        String max, String requested) {
        return new RequestedAid(organisationId, kind, true, m(ir), m(ed), m(rate),
                kind == OrganisationKind.SME && "45.00".equals(rate) ? "FUI call 21" : "Default " + kind, m(max), m(requested));
    }

    private Instant day(int days, int hours, int minutes) {
        return t0.plus(Duration.ofDays(days).plusHours(hours).plusMinutes(minutes));
    }

    private static LocalDate date(Instant at) {
        return LocalDate.ofInstant(at, PARIS);
    }

    private static BigDecimal m(String amount) {
        return new BigDecimal(amount);
    }

    private void app(String applicationId, Object event, Instant at, String actor) {
        publish(APPLICATION, applicationId, event, at, actor);
    }

    private void aid(Object event, Instant at, String actor) {
        String ledgerId = event instanceof StateAidRecordedEvent r ? r.ledgerId() : ((StateAidReleasedEvent) event).ledgerId();
        publish(LEDGER, ledgerId, event, at, actor);
    }

    /** Appends one event to the real event store, with its aggregate's next sequence number, time and actor. */
    private void publish(String type, String aggregateId, Object payload, Instant at, String actor) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of("actor", actor), UUID.randomUUID().toString(), at);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> eventStore.publish(message));
        published.add(message);
    }

    private JsonNode json(String user, String path) {
        ResponseEntity<String> response = http.withBasicAuth(user, PASSWORD).exchange(path, HttpMethod.GET, json(null), String.class);
        assertThat(response.getStatusCode().value()).as("GET %s as %s: %s", path, user, response.getBody()).isEqualTo(200);
        try {
            return mapper.readTree(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertMoney(JsonNode node, String field, String expected) {
        JsonNode value = node.path(field);
        assertThat(value.isNumber()).as("%s in %s", field, node).isTrue();
        assertThat(value.decimalValue()).as("%s in %s", field, node).isEqualTo(new BigDecimal(expected));
    }


    private static JsonNode partner(JsonNode funderPart, String organisationId) {
        return StreamSupport.stream(funderPart.path("partners").spliterator(), false)
                .filter(p -> organisationId.equals(p.path("organisationId").asText())).findFirst().orElseThrow();
    }

    private static JsonNode stateAid(JsonNode summary, String organisationId) {
        return StreamSupport.stream(summary.path("stateAid").spliterator(), false)
                .filter(p -> organisationId.equals(p.path("organisationId").asText())).findFirst().orElseThrow();
    }
}
