package org.tremplin.funding.process;

import org.axonframework.eventhandling.DomainEventMessage;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.tremplin.funding.api.ConventionClosedEvent;
import org.tremplin.funding.api.ConventionLapsedEvent;
import org.tremplin.funding.api.FundingApplicationRejectedEvent;
import org.tremplin.funding.api.FundingGrantedEvent;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.FundingStageOverdueEvent;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.OverdueStageChasedEvent;
import org.tremplin.funding.api.PaymentKind;
import org.tremplin.funding.api.PaymentMadeEvent;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.StateAidRecordedEvent;
import org.tremplin.funding.api.StateAidReleasedEvent;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.process.ProcessTestSupport;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.tremplin.funding.process.FundingApplicationProcess.Elements.*;
import static org.tremplin.funding.process.FundingApplicationProcess.Variables.*;
import static org.tremplin.funding.process.FundingConventionProcess.Elements.*;

/**
 * The funding stage on the real engine and aggregates: a labelled project applies to three funders at once (FUI call
 * 25, the region, the pooled regional fund); decisions, conventions, tranches, lapses and escalations run as users
 * do them in Tasklist. Timers are fired by executing their jobs (the job executor is off in tests).
 */
class FundingProcessTest extends ProcessTestSupport {

    private String fuiUser;
    private String regionUser;
    private String poolUser;
    private String fuiCall;
    private String regionCall;
    private String poolCall;

    @BeforeEach
    void funders() {
        fuiUser = newUser("fui", Roles.FUNDER);
        regionUser = newUser("region", Roles.FUNDER);
        poolUser = newUser("pool", Roles.FUNDER);
        String fui = ensureFunder("FUI-T", "Fonds unique interministériel", "STATE_FUI", null, fuiUser);
        String region = ensureFunder("REGION-ARA-T", "Région Auvergne-Rhône-Alpes", "REGION", null, regionUser);
        String pool = ensureFunder("FONDS-ARA-T", "Fonds régional unique", "POOLED_FUND", List.of(
                Map.of("contributor", region, "sharePercent", 50),
                Map.of("contributor", "Département de l'Isère", "sharePercent", 30),
                Map.of("contributor", "Ville de Grenoble", "sharePercent", 20)), poolUser);
        fuiCall = ensureCall(fui, "FUI-25");
        regionCall = ensureCall(region, "ARA-RD-T");
        poolCall = ensureCall(pool, "FONDS-ARA-T");
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    void three_funders_in_parallel_one_rejects_one_lapses_one_pays_through_to_the_balance_and_the_project_closes() {
        Labelling labelling = labelled();
        chooseCalls(labelling, fuiCall, regionCall, poolCall);
        assertThat(labelling.lifecycle()).isWaitingAt(ProjectLifecycleProcess.Elements.CALL_FUNDING_APPLICATIONS);
        awaitProjectStatus(labelling.projectId(), ProjectStatus.FUNDING.name());
        ProcessInstance fui = application(labelling, fuiCall);
        ProcessInstance region = application(labelling, regionCall);
        ProcessInstance pool = application(labelling, poolCall);
        for (ProcessInstance application : List.of(fui, region, pool)) {
            assertThat(application).isWaitingAtExactly(USER_FILE_APPLICATION);
        }
        // within each funder's rate: FUI call 25 (SME 50 %, large 30 %, lab 40 %), the others' defaults (35, 20, 40 %)
        file(labelling, fui, "120000", "100000", "90000");
        file(labelling, region, "90000", "50000", "90000");
        file(labelling, pool, "60000", "50000", "90000");
        for (ProcessInstance application : List.of(fui, region, pool)) {
            assertThat(application).isWaitingAtExactly(USER_RECORD_FUNDING_DECISION);
        }

        // the region rejects; FUI funds the SME only; the pooled fund funds the lab only
        decide(regionUser, region, false, null, "Outside the regional strategy this year.");
        assertThat(region).isEnded().hasPassed(END_APPLICATION_REJECTED).hasNotPassed(CALL_CONVENTIONS);
        decide(fuiUser, fui, true, carrier(labelling) + "; 120000", "Only the SME's work package is funded.");
        decide(poolUser, pool, true, lab(labelling) + "; 90000", "The lab's part fits the fund.");
        ProcessInstance smeConvention = convention(fui, carrier(labelling));
        ProcessInstance labConvention = convention(pool, lab(labelling));
        assertThat(smeConvention).isWaitingAtExactly(USER_SIGN_CONVENTION);
        assertThat(labConvention).isWaitingAtExactly(USER_SIGN_CONVENTION);

        // the lab's convention is not signed by the contracting deadline: it lapses
        execute(job(TIMER_CONTRACTING_DEADLINE, labConvention));
        assertThat(labConvention).isEnded().hasPassed(SERVICE_LAPSE_CONVENTION, END_CONVENTION_LAPSED);
        assertThat(pool).isEnded().hasPassed(END_FUNDING_SETTLED);

        // the SME's convention runs: signature, advance, statements, final report, balance
        sign(smeConvention);
        awaitProjectStatus(labelling.projectId(), ProjectStatus.IN_RESEARCH.name());
        completeAs(fuiUser, task(USER_PAY_ADVANCE, smeConvention), Map.of());
        statement(labelling, smeConvention, "100000", false);
        review(smeConvention, true, null, "Conform.");
        statement(labelling, smeConvention, "30000", false);
        review(smeConvention, false, null, "Invoices of March are missing.");
        statement(labelling, smeConvention, "140000", true);
        review(smeConvention, true, null, "Final statement conform.");
        assertThat(smeConvention).isWaitingAtExactly(USER_ACCEPT_FINAL_REPORT);
        completeAs(fuiUser, task(USER_ACCEPT_FINAL_REPORT, smeConvention), Map.of("comment", "Work delivered."));
        completeAs(fuiUser, task(USER_PAY_BALANCE, smeConvention), Map.of());

        assertThat(smeConvention).isEnded().hasPassedInOrder(USER_SIGN_CONVENTION, USER_PAY_ADVANCE, SERVICE_PAY_INSTALMENT,
                END_RESEARCH_DONE, USER_ACCEPT_FINAL_REPORT, USER_PAY_BALANCE, END_BALANCE_PAID);
        assertThat(fui).isEnded().hasPassed(END_FUNDING_SETTLED);
        assertThat(labelling.lifecycle()).isWaitingAtExactly(ProjectLifecycleProcess.Elements.USER_PLAN_GROWTH);
        awaitProjectStatus(labelling.projectId(), ProjectStatus.CLOSED.name());

        // the R&D is over: pole staff open the carrier's investment round from the lifecycle
        completeAs(STAFF, task(ProjectLifecycleProcess.Elements.USER_PLAN_GROWTH, labelling.lifecycle()), Map.of(
                ProjectLifecycleProcess.Variables.OPEN_ROUND, true,
                ProjectLifecycleProcess.Variables.ROUND_TITLE, "Series A after the lidar R&D",
                ProjectLifecycleProcess.Variables.INSTRUMENT, "EQUITY",
                ProjectLifecycleProcess.Variables.TARGET_AMOUNT, "1000000",
                ProjectLifecycleProcess.Variables.MINIMUM_RAISE, "500000",
                ProjectLifecycleProcess.Variables.MAXIMUM_RAISE, "1500000",
                ProjectLifecycleProcess.Variables.MINIMUM_TICKET, "50000",
                ProjectLifecycleProcess.Variables.PRE_MONEY_VALUATION, "6000000",
                ProjectLifecycleProcess.Variables.CLOSING_DATE, Date.from(LocalDate.now(PARIS).plusMonths(3).atStartOfDay(PARIS).toInstant())));
        assertThat(labelling.lifecycle()).isEnded().hasPassedInOrder(ProjectLifecycleProcess.Elements.USER_CHOOSE_TARGET_CALLS,
                ProjectLifecycleProcess.Elements.CALL_FUNDING_APPLICATIONS, ProjectLifecycleProcess.Elements.SERVICE_CLOSE_PROJECT,
                ProjectLifecycleProcess.Elements.USER_PLAN_GROWTH, ProjectLifecycleProcess.Elements.END_PROJECT_CLOSED);
        ProcessInstance round = runtimeService().createProcessInstanceQuery().processDefinitionKey("investment-round")
                .variableValueEquals("projectId", labelling.projectId()).singleResult();
        assertThat(round).as("the round started from the lifecycle").isNotNull();
        assertThat(eventTypes(round.getBusinessKey())).containsExactly("RoundOpenedEvent");
        assertThat(((org.tremplin.project.api.GrowthPlannedEvent) events(labelling.projectId())
                .get(events(labelling.projectId()).size() - 1).getPayload()).roundId()).isEqualTo(round.getBusinessKey());
        assertThat(events(round.getBusinessKey()).get(0).getMetaData()).containsEntry("actor", STAFF);
        // the auditor's timeline of the project holds its funding and its round, each event once
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> String.valueOf(
                get(AUDITOR, "/api/projects/" + labelling.projectId() + "/history?size=500").getBody()).contains("RoundOpenedEvent"));
        Map<String, Object> history = get(AUDITOR, "/api/projects/" + labelling.projectId() + "/history?size=500").getBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) history.get("entries");
        assertThat(entries).extracting(e -> e.get("eventId")).doesNotHaveDuplicates();
        assertThat(entries).filteredOn(e -> String.valueOf(e.get("type")).endsWith("RoundOpenedEvent")).singleElement()
                .satisfies(e -> assertThat((String) e.get("summary")).startsWith("Investment round 'Series A after the lidar R&D'"));
        assertThat(entries).filteredOn(e -> String.valueOf(e.get("type")).endsWith("PaymentMadeEvent")).hasSize(3)
                .allSatisfy(e -> assertThat(e.get("funder")).isEqualTo("FUNDER-FUI-T"));

        // every step is an event: 24,000 advance (20 %), 26,000 instalment (100,000 x 50 % - advance), 70,000 balance
        String fuiApplication = applicationId(labelling, "FUI-25");
        assertThat(eventTypes(fuiApplication)).containsExactly("FundingApplicationSubmittedEvent", "FundingGrantedEvent",
                "ConventionSignedEvent", "PaymentMadeEvent", "ExpenseStatementSubmittedEvent", "ExpenseStatementApprovedEvent",
                "PaymentMadeEvent", "ExpenseStatementSubmittedEvent", "ExpenseStatementRejectedEvent",
                "ExpenseStatementSubmittedEvent", "ExpenseStatementApprovedEvent", "FinalReportAcceptedEvent", "PaymentMadeEvent",
                "ConventionClosedEvent");
        List<PaymentMadeEvent> payments = payloads(fuiApplication, PaymentMadeEvent.class);
        assertThat(payments).extracting(PaymentMadeEvent::kind, PaymentMadeEvent::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PaymentKind.ADVANCE, new BigDecimal("24000.00")),
                org.assertj.core.groups.Tuple.tuple(PaymentKind.INSTALMENT, new BigDecimal("26000.00")),
                org.assertj.core.groups.Tuple.tuple(PaymentKind.BALANCE, new BigDecimal("70000.00")));
        ConventionClosedEvent closed = payloads(fuiApplication, ConventionClosedEvent.class).get(0);
        assertThat(closed.paidTotal()).isEqualByComparingTo("120000.00");
        assertThat(closed.releasedAmount()).isEqualByComparingTo("0.00");
        FundingGrantedEvent granted = payloads(fuiApplication, FundingGrantedEvent.class).get(0);
        assertThat(granted.partial()).isTrue();
        assertThat(granted.grants()).extracting(GrantedAid::organisationId).containsExactly(carrier(labelling));
        assertThat(payloads(applicationId(labelling, "ARA-RD-T"), FundingApplicationRejectedEvent.class))
                .singleElement().satisfies(e -> assertThat(e.reasons()).isEqualTo("Outside the regional strategy this year."));
        assertThat(payloads(applicationId(labelling, "FONDS-ARA-T"), ConventionLapsedEvent.class))
                .singleElement().satisfies(e -> assertThat(e.releasedAmount()).isEqualByComparingTo("90000.00"));
        // the lapsed grant left the lab's state-aid ledger
        String labLedger = RecordStateAidCommand.ledgerId(labelling.projectId(), lab(labelling));
        assertThat(eventTypes(labLedger)).containsExactly("StateAidRecordedEvent", "StateAidReleasedEvent");
        assertThat(payloads(labLedger, StateAidReleasedEvent.class).get(0).totalAid()).isEqualByComparingTo("0.00");
        assertThat(eventTypes(labelling.projectId())).endsWith("FundingCallsChosenEvent", "ResearchStartedEvent", "ProjectClosedEvent",
                "GrowthPlannedEvent");

        // with the step's context: who, in which process and activity
        DomainEventMessage<?> decision = events(fuiApplication).get(1);
        assertThat(decision.getMetaData()).containsEntry("actor", fuiUser)
                .containsEntry("processDefinitionKey", FundingApplicationProcess.KEY)
                .containsEntry("activityId", USER_RECORD_FUNDING_DECISION)
                .containsEntry("processInstanceId", fui.getId());
    }

    @Test
    void an_overdue_decision_raises_a_chase_task_for_pole_staff_while_the_decision_stays_open() {
        Labelling labelling = labelled();
        chooseCalls(labelling, fuiCall);
        ProcessInstance fui = application(labelling, fuiCall);
        file(labelling, fui, "120000", "100000", "90000");

        // the timer is set at the funder's service level (120 days for a decision)
        Job timer = job(TIMER_DECISION_OVERDUE, fui);
        assertThat(timer.getDuedate().toInstant()).isCloseTo(Instant.now().plus(120, ChronoUnit.DAYS), within(1, ChronoUnit.HOURS));
        execute(timer);

        assertThat(fui).isWaitingAt(USER_RECORD_FUNDING_DECISION, USER_CHASE_DECISION);
        assertThat(task(USER_CHASE_DECISION, fui)).hasCandidateGroup(Roles.POLE_STAFF);
        String applicationId = applicationId(labelling, "FUI-25");
        FundingStageOverdueEvent overdue = payloads(applicationId, FundingStageOverdueEvent.class).get(0);
        assertThat(overdue.stage()).isEqualTo(FundingStage.SUBMISSION_TO_DECISION);
        assertThat(overdue.serviceLevelDays()).isEqualTo(120);
        assertThat(overdue.conventionId()).isNull();

        // only pole staff chase; what they did is recorded
        DomainException refused = refusal(() -> completeAs(fuiUser, task(USER_CHASE_DECISION, fui), Map.of(CHASE_ACTION, "Nothing")));
        assertThat(refused.getMessage()).contains("not offered to you");
        completeAs(STAFF, task(USER_CHASE_DECISION, fui), Map.of(CHASE_ACTION, "Phoned the FUI desk; decision promised for Friday."));
        assertThat(fui).isWaitingAtExactly(USER_RECORD_FUNDING_DECISION).hasPassed(END_DECISION_CHASED);
        assertThat(payloads(applicationId, OverdueStageChasedEvent.class)).singleElement()
                .satisfies(e -> assertThat(e.action()).startsWith("Phoned the FUI desk"));
    }

    @Test
    void the_convention_timers_follow_the_funders_levels_and_an_overdue_signature_is_chased() {
        Labelling labelling = labelled();
        chooseCalls(labelling, fuiCall);
        ProcessInstance fui = application(labelling, fuiCall);
        file(labelling, fui, "120000", "100000", "90000");
        decide(fuiUser, fui, true, carrier(labelling) + "; 120000\n" + large(labelling) + "; 100000\n" + lab(labelling) + "; 90000", null);
        ProcessInstance sme = convention(fui, carrier(labelling));

        // lapse at the end of the decision day plus six months (Paris), escalation after 60 days
        LocalDate lapseDay = LocalDate.now(PARIS).plusMonths(6);
        assertThat(job(TIMER_CONTRACTING_DEADLINE, sme).getDuedate())
                .isEqualTo(Date.from(lapseDay.plusDays(1).atStartOfDay(PARIS).toInstant()));
        assertThat(job(TIMER_CONVENTION_OVERDUE, sme).getDuedate().toInstant())
                .isCloseTo(Instant.now().plus(60, ChronoUnit.DAYS), within(1, ChronoUnit.HOURS));
        execute(job(TIMER_CONVENTION_OVERDUE, sme));
        assertThat(sme).isWaitingAt(USER_SIGN_CONVENTION, USER_CHASE_CONVENTION);
        FundingStageOverdueEvent overdue = payloads(applicationId(labelling, "FUI-25"), FundingStageOverdueEvent.class).get(0);
        assertThat(overdue.stage()).isEqualTo(FundingStage.DECISION_TO_CONVENTION);
        assertThat(overdue.conventionId()).isEqualTo(GrantedAid.conventionId(applicationId(labelling, "FUI-25"), carrier(labelling)));

        // a signature ends the lapse timer; the first-payment clock starts
        sign(sme);
        assertThat(sme).isWaitingAt(USER_PAY_ADVANCE, USER_CHASE_CONVENTION);
        assertThat(job(TIMER_FIRST_PAYMENT_OVERDUE, sme)).isNotNull();
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(sme.getId())
                .activityId(TIMER_CONTRACTING_DEADLINE).count()).isZero();
    }

    @Test
    void in_tasklist_a_funders_user_sees_and_records_its_own_funders_decision_only() {
        Labelling labelling = labelled();
        chooseCalls(labelling, fuiCall, regionCall);
        ProcessInstance fui = application(labelling, fuiCall);
        ProcessInstance region = application(labelling, regionCall);
        file(labelling, fui, "120000", "100000", "90000");
        file(labelling, region, "90000", "50000", "90000");

        // under Camunda's authorizations, as in Tasklist
        List<String> seen = inTasklistAs(fuiUser, () -> taskService.createTaskQuery()
                .processInstanceBusinessKey(labelling.projectId()).list().stream().map(t -> t.getName()).toList());
        assertThat(seen).containsExactly("Record the decision of Fonds unique interministériel on "
                + runtimeService().getVariable(labelling.lifecycle().getId(), "title"));
        String fuiDecision = task(USER_RECORD_FUNDING_DECISION, fui).getId();
        inTasklistAs(fuiUser, () -> {
            taskService.complete(fuiDecision, Map.of(GRANTED, true,
                    GRANTS, carrier(labelling) + "; 120000", REASONS, "SME only."));
            return null;
        });
        assertThat(eventTypes(applicationId(labelling, "FUI-25"))).endsWith("FundingGrantedEvent");
        String regionDecision = task(USER_RECORD_FUNDING_DECISION, region).getId();
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> inTasklistAs(fuiUser, () -> {
            taskService.complete(regionDecision, Map.of(GRANTED, false, REASONS, "No."));
            return null;
        }));
        assertThat(refused).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        assertThat(region).isWaitingAtExactly(USER_RECORD_FUNDING_DECISION);
    }

    @Test
    void a_request_above_the_rate_leaves_the_task_open_and_stores_nothing() {
        Labelling labelling = labelled();
        chooseCalls(labelling, fuiCall);
        ProcessInstance fui = application(labelling, fuiCall);
        long before = storedEventCount();

        // FUI call 25 pays an SME 50 % of its eligible costs: 150,000.00 on 300,000
        DomainException refused = refusal(() -> file(labelling, fui, "150000.01", "100000", "90000"));

        assertThat(refused.getMessage()).contains(carrier(labelling)).contains("150000.01").contains("150000.00").contains("50");
        assertThat(fui).isWaitingAtExactly(USER_FILE_APPLICATION);
        assertThat(storedEventCount()).isEqualTo(before);

        DomainException stranger = refusal(() -> completeAs(labelling.consortium().carrierUser(), task(USER_FILE_APPLICATION, fui),
                Map.of(REQUESTS, "OTHER-NOBODY; 1000; 1000; 100")));
        assertThat(stranger.getMessage()).contains("OTHER-NOBODY is not a partner");
        assertThat(storedEventCount()).isEqualTo(before);
    }

    @Test
    void an_application_to_a_call_closed_in_the_meantime_is_refused_naming_the_window_and_nothing_is_stored() {
        Labelling labelling = labelled();
        String region = ensureFunder("REGION-ARA-T", "Région Auvergne-Rhône-Alpes", "REGION", null, null);
        String code = "ARA-LATE-" + java.util.UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "X");
        String lateCall = ensureCall(region, code);
        chooseCalls(labelling, lateCall);
        ProcessInstance late = application(labelling, lateCall);
        assertThat(post(STAFF, "/api/calls/" + lateCall + "/close", Map.of("reason", "Budget exhausted")).getStatusCode().value())
                .isEqualTo(200);
        long before = storedEventCount();

        DomainException refused = refusal(() -> file(labelling, late, "90000", "50000", "90000"));

        assertThat(refused.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(refused.getMessage()).contains(code).contains("closed");
        assertThat(late).isWaitingAtExactly(USER_FILE_APPLICATION);
        assertThat(storedEventCount()).isEqualTo(before);
    }

    @Test
    void a_grant_over_the_cross_funder_state_aid_ceiling_is_refused_unless_pole_staff_justify_it() {
        Labelling labelling = labelled();
        chooseCalls(labelling, fuiCall, regionCall, poolCall);
        ProcessInstance fui = application(labelling, fuiCall);
        ProcessInstance region = application(labelling, regionCall);
        ProcessInstance pool = application(labelling, poolCall);
        file(labelling, fui, "120000", "100000", "90000");
        file(labelling, region, "90000", "50000", "50000");
        file(labelling, pool, "60000", "50000", "50000");
        decide(fuiUser, fui, true, carrier(labelling) + "; 120000", "SME only.");
        decide(regionUser, region, true, carrier(labelling) + "; 90000", "SME only.");
        long before = storedEventCount();

        // a small SME in an effective collaboration: 80 % of 200,000 + 60 % of 100,000 = 220,000 in all; 210,000 granted
        DomainException refused = refusal(() -> decide(poolUser, pool, true, carrier(labelling) + "; 60000", "SME only."));
        // the fund's user learns its grant and the ceiling, never the 270,000 total that gives away the others' 210,000
        assertThat(refused.getMessage()).contains("60,000.00 €").contains("220,000.00 €").doesNotContain("270000")
                .doesNotContain("270,000");
        assertThat(storedEventCount()).isEqualTo(before);
        assertThat(pool).isWaitingAtExactly(USER_RECORD_FUNDING_DECISION);

        // a funder cannot justify it; pole staff can, and the justification is kept
        DomainException notAuthorised = refusal(() -> completeAs(poolUser, task(USER_RECORD_FUNDING_DECISION, pool), Map.of(
                GRANTED, true, GRANTS, carrier(labelling) + "; 60000", REASONS, "SME only.",
                STATE_AID_JUSTIFICATION, "We want to")));
        assertThat(notAuthorised.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(storedEventCount()).isEqualTo(before);
        completeAs(STAFF, task(USER_RECORD_FUNDING_DECISION, pool), Map.of(GRANTED, true, GRANTS, carrier(labelling) + "; 60000",
                REASONS, "SME only.", STATE_AID_JUSTIFICATION, "De minimis regime applies to the fund's part (board decision 2027-04)."));
        StateAidRecordedEvent recorded = payloads(RecordStateAidCommand.ledgerId(labelling.projectId(), carrier(labelling)),
                StateAidRecordedEvent.class).get(2);
        assertThat(recorded.overCeiling()).isTrue();
        assertThat(recorded.totalAid()).isEqualByComparingTo("270000.00");
        assertThat(recorded.ceilingAmount()).isEqualByComparingTo("220000.00");
        assertThat(recorded.justification()).startsWith("De minimis");
    }

    @Test
    void a_partner_withdrawal_amends_its_convention_releases_its_aid_and_ends_its_process() {
        Labelling labelling = labelled();
        chooseCalls(labelling, fuiCall);
        ProcessInstance fui = application(labelling, fuiCall);
        file(labelling, fui, "120000", "100000", "90000");
        decide(fuiUser, fui, true, carrier(labelling) + "; 120000\n" + large(labelling) + "; 100000", "The lab is funded by ANR.");
        ProcessInstance large = convention(fui, large(labelling));
        ProcessInstance sme = convention(fui, carrier(labelling));
        String applicationId = applicationId(labelling, "FUI-25");

        ResponseEntity<Map<String, Object>> withdrawn = post(STAFF, "/api/funding/applications/" + applicationId + "/conventions/"
                + large(labelling) + "/amendments", Map.of("kind", "PARTNER_WITHDRAWAL", "reason", "The company left the project."));

        assertThat(withdrawn.getStatusCode().value()).as("%s", withdrawn.getBody()).isEqualTo(200);
        assertThat(large).isEnded().hasPassed(END_PARTNER_WITHDRAWN).hasNotPassed(USER_PAY_ADVANCE);
        assertThat(sme).isWaitingAtExactly(USER_SIGN_CONVENTION);
        assertThat(eventTypes(RecordStateAidCommand.ledgerId(labelling.projectId(), large(labelling))))
                .containsExactly("StateAidRecordedEvent", "StateAidReleasedEvent");
        assertThat(eventTypes(applicationId)).endsWith("ConventionAmendedEvent");

        // the carrier's other partner cannot amend; an unknown application is a 404
        ResponseEntity<Map<String, Object>> byLab = post(labelling.consortium().labUser(), "/api/funding/applications/" + applicationId
                + "/conventions/" + carrier(labelling) + "/amendments", Map.of("kind", "PARTNER_WITHDRAWAL", "reason", "No."));
        assertThat(byLab.getStatusCode().value()).isEqualTo(403);
        assertThat(post(STAFF, "/api/funding/applications/APP-NOPE/conventions/X/amendments",
                Map.of("kind", "PARTNER_WITHDRAWAL", "reason", "No.")).getStatusCode().value()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- steps

    private Labelling labelled() {
        Labelling labelling = reviewed(newReviewers(2));
        decide(labelling, true);
        communicate(labelling);
        return labelling;
    }

    private void chooseCalls(Labelling labelling, String... callIds) {
        completeAs(STAFF, task(ProjectLifecycleProcess.Elements.USER_CHOOSE_TARGET_CALLS, labelling.lifecycle()),
                Map.of(ProjectLifecycleProcess.Variables.TARGET_CALLS, String.join(", ", callIds)));
    }

    private ProcessInstance application(Labelling labelling, String callId) {
        ProcessInstance instance = runtimeService().createProcessInstanceQuery().processDefinitionKey(FundingApplicationProcess.KEY)
                .superProcessInstanceId(labelling.lifecycle().getId()).variableValueEquals(CALL_ID, callId).singleResult();
        assertThat(instance).as("application to %s", callId).isNotNull();
        return instance;
    }

    private ProcessInstance convention(ProcessInstance application, String organisationId) {
        String applicationId = (String) runtimeService().getVariable(application.getId(), APPLICATION_ID);
        ProcessInstance instance = runtimeService().createProcessInstanceQuery().processDefinitionKey(FundingConventionProcess.KEY)
                .variableValueEquals(FundingConventionProcess.Variables.CONVENTION_ID,
                        GrantedAid.conventionId(applicationId, organisationId)).singleResult();
        assertThat(instance).as("convention of %s", organisationId).isNotNull();
        return instance;
    }

    private static String applicationId(Labelling labelling, String callCode) {
        return SubmitFundingApplicationCommand.applicationId(labelling.projectId(), callCode);
    }

    private static String carrier(Labelling labelling) {
        return labelling.consortium().carrier().organisationId();
    }

    private static String large(Labelling labelling) {
        return labelling.consortium().large().organisationId();
    }

    private static String lab(Labelling labelling) {
        return labelling.consortium().lab().organisationId();
    }

    /** The carrier files: SME 200,000 IR + 100,000 ED; large 300,000 + 100,000; lab 200,000 + 100,000. */
    private void file(Labelling labelling, ProcessInstance application, String sme, String large, String lab) {
        completeAs(labelling.consortium().carrierUser(), task(USER_FILE_APPLICATION, application), Map.of(REQUESTS,
                carrier(labelling) + "; 200000; 100000; " + sme + "\n"
                        + large(labelling) + "; 300000; 100000; " + large + "\n"
                        + lab(labelling) + "; 200000; 100000; " + lab));
    }

    private void decide(String user, ProcessInstance application, boolean granted, String grants, String reasons) {
        Map<String, Object> form = new java.util.HashMap<>();
        form.put(GRANTED, granted);
        if (grants != null) {
            form.put(GRANTS, grants);
        }
        if (reasons != null) {
            form.put(REASONS, reasons);
        }
        completeAs(user, task(USER_RECORD_FUNDING_DECISION, application), form);
    }

    private void sign(ProcessInstance convention) {
        LocalDate today = LocalDate.now(PARIS);
        completeAs(fuiUser, task(USER_SIGN_CONVENTION, convention), Map.of(
                FundingConventionProcess.Variables.SIGNED_ON, Date.from(today.atStartOfDay(PARIS).toInstant()),
                FundingConventionProcess.Variables.END_DATE, Date.from(today.plusYears(2).atStartOfDay(PARIS).toInstant()),
                FundingConventionProcess.Variables.ADVANCE_PERCENT, "20",
                FundingConventionProcess.Variables.INTERIM_CAP_PERCENT, "80"));
    }

    private void statement(Labelling labelling, ProcessInstance convention, String amount, boolean finalStatement) {
        completeAs(labelling.consortium().carrierUser(), task(USER_SUBMIT_EXPENSE_STATEMENT, convention), Map.of(
                FundingConventionProcess.Variables.PERIOD_END, Date.from(LocalDate.now(PARIS).atStartOfDay(PARIS).toInstant()),
                FundingConventionProcess.Variables.AMOUNT, amount,
                FundingConventionProcess.Variables.FINAL_STATEMENT, finalStatement));
    }

    private void review(ProcessInstance convention, boolean approved, String approvedAmount, String comment) {
        Map<String, Object> form = new java.util.HashMap<>();
        form.put(FundingConventionProcess.Variables.APPROVED, approved);
        form.put(FundingConventionProcess.Variables.COMMENT, comment);
        if (approvedAmount != null) {
            form.put(FundingConventionProcess.Variables.APPROVED_AMOUNT, approvedAmount);
        }
        completeAs(fuiUser, task(USER_REVIEW_EXPENSE_STATEMENT, convention), form);
    }

    private <T> List<T> payloads(String aggregateId, Class<T> type) {
        return events(aggregateId).stream().map(DomainEventMessage::getPayload).filter(type::isInstance).map(type::cast).toList();
    }
}
