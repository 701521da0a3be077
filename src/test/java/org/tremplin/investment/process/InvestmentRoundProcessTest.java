package org.tremplin.investment.process;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.investment.api.AcceptRoundNdaCommand;
import org.tremplin.investment.api.CommitToRoundCommand;
import org.tremplin.investment.api.Instrument;
import org.tremplin.investment.api.InviteInvestorCommand;
import org.tremplin.investment.api.RoundTerms;
import org.tremplin.project.process.ProcessTestSupport;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.tremplin.investment.process.InvestmentRoundProcess.Elements.*;

/**
 * The round's process on the real engine and aggregate: a member company's round opened through
 * {@link InvestmentRounds#open}, commitments sent as the investors' users, timers fired by executing their jobs.
 */
class InvestmentRoundProcessTest extends ProcessTestSupport {

    @Autowired
    private InvestmentRounds rounds;

    private record Round(String roundId, ProcessInstance instance, List<String> investors, List<String> users,
                         LocalDate closing) {
    }

    @Test
    void the_round_closes_on_its_date_and_an_oversubscribed_round_is_allocated_to_its_maximum() {
        Round round = opened(false, 3);
        commit(round, 0, 300000);
        commit(round, 1, 300000);
        commit(round, 2, 200000);
        assertThat(round.instance()).isWaitingAtExactly(USER_CLOSE_ROUND);
        assertThat(job(TIMER_CLOSING_DATE, round.instance()).getDuedate())
                .isEqualTo(java.util.Date.from(round.closing().plusDays(1).atStartOfDay(PARIS).toInstant()));

        execute(job(TIMER_CLOSING_DATE, round.instance()));

        assertThat(round.instance()).isEnded().hasPassedInOrder(SERVICE_OPEN_ROUND, SERVICE_CLOSE_ROUND, END_ROUND_CLOSED);
        assertThat(eventTypes(round.roundId())).containsExactly("RoundOpenedEvent",
                "InvestorInvitedEvent", "RoundNdaAcceptedEvent", "InvestorInvitedEvent", "RoundNdaAcceptedEvent",
                "InvestorInvitedEvent", "RoundNdaAcceptedEvent", "CommitmentMadeEvent", "CommitmentMadeEvent",
                "CommitmentMadeEvent", "CommitmentAllocatedEvent", "CommitmentAllocatedEvent", "CommitmentAllocatedEvent",
                "RoundClosedEvent");
        var closed = lastEvent(round.roundId(), org.tremplin.investment.api.RoundClosedEvent.class);
        assertThat(closed.raisedAmount()).isEqualByComparingTo("600000");
        assertThat(closed.postMoneyValuation()).isEqualByComparingTo("4600000");
        // the close is a process step: its events carry the timer's activity
        var last = events(round.roundId()).get(events(round.roundId()).size() - 1);
        assertThat(last.getMetaData()).containsEntry("activityId", SERVICE_CLOSE_ROUND)
                .containsEntry("processInstanceId", round.instance().getId());
    }

    @Test
    void an_all_or_nothing_round_under_its_minimum_is_cancelled_at_its_date_with_every_commitment_released() {
        Round round = opened(true, 2);
        commit(round, 0, 100000);
        commit(round, 1, 100000);

        execute(job(TIMER_CLOSING_DATE, round.instance()));

        assertThat(round.instance()).isEnded().hasPassed(SERVICE_CLOSE_ROUND, END_ROUND_CANCELLED).hasNotPassed(END_ROUND_CLOSED);
        assertThat(eventTypes(round.roundId())).endsWith("CommitmentReleasedEvent", "CommitmentReleasedEvent",
                "RoundCancelledEvent");
    }

    @Test
    void staff_close_early_through_the_close_task_with_the_reason() {
        Round round = opened(false, 1);
        commit(round, 0, 350000);

        completeAs(STAFF, task(USER_CLOSE_ROUND, round.instance()),
                Map.of(InvestmentRoundProcess.Variables.CLOSE_REASON, "Target reached"));

        assertThat(round.instance()).isEnded().hasPassed(USER_CLOSE_ROUND, END_ROUND_CLOSED).hasNotPassed(SERVICE_CLOSE_ROUND);
        var closed = lastEvent(round.roundId(), org.tremplin.investment.api.RoundClosedEvent.class);
        assertThat(closed.early()).isTrue();
        assertThat(closed.reason()).isEqualTo("Target reached");
    }

    @Test
    void a_commitment_not_reconfirmed_after_a_material_change_lapses_at_the_deadline() {
        Round round = opened(false, 2);
        commit(round, 0, 100000);
        commit(round, 1, 200000);
        RoundTerms lower = terms(false, round.closing(), new BigDecimal("3000000"));

        as(STAFF, () -> rounds.amendTerms(round.roundId(), lower, "Valuation revised", Period.ofDays(10)));
        assertThat(round.instance()).isWaitingAt(USER_CLOSE_ROUND, TIMER_RECONFIRMATION_DEADLINE);
        command(round.users().get(1), new org.tremplin.investment.api.ReconfirmCommitmentCommand(round.roundId(),
                round.investors().get(1)));

        execute(job(TIMER_RECONFIRMATION_DEADLINE, round.instance()));
        // the investors' own reconfirmation tasks expire at the same deadline
        processEngine.getManagementService().createJobQuery().processInstanceId(round.instance().getId())
                .activityId(TIMER_RECONFIRMATION_EXPIRED).list().forEach(timer -> execute(timer));

        assertThat(round.instance()).isWaitingAtExactly(USER_CLOSE_ROUND).hasPassed(SERVICE_LAPSE_UNCONFIRMED,
                END_RECONFIRMATION_EXPIRED);
        assertThat(eventTypes(round.roundId())).endsWith("RoundTermsAmendedEvent", "CommitmentReconfirmedEvent",
                "CommitmentLapsedEvent");
        var lapsed = lastEvent(round.roundId(), org.tremplin.investment.api.CommitmentLapsedEvent.class);
        assertThat(lapsed.investorId()).isEqualTo(round.investors().get(0));
        assertThat(lapsed.committedTotal()).isEqualByComparingTo("200000");
    }

    @Test
    void an_invited_investor_answers_in_tasklist_accepting_the_nda_and_committing() {
        Round round = opened(false, 0);
        String user = newUser("investor", Roles.INVESTOR);
        String stranger = newUser("investor", Roles.INVESTOR);
        String code = "T" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        assertThat(post(STAFF, "/api/investors", Map.of("code", code, "name", "Fund " + code, "kind", "BUSINESS_ANGEL"))
                .getStatusCode().value()).isEqualTo(201);
        String investorId = "INVESTOR-" + code;
        assertThat(post(STAFF, "/api/investors/" + investorId + "/users", Map.of("userId", user)).getStatusCode().value())
                .isEqualTo(200);

        String otherCode = "T" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        assertThat(post(STAFF, "/api/investors", Map.of("code", otherCode, "name", "Fund " + otherCode, "kind", "VC_FUND"))
                .getStatusCode().value()).isEqualTo(201);

        // two invitations in a row: each task keeps its own investor
        as(STAFF, () -> rounds.invite(round.roundId(), investorId, List.of(user)));
        as(STAFF, () -> rounds.invite(round.roundId(), "INVESTOR-" + otherCode, List.of(stranger)));

        assertThat(round.instance()).isWaitingAt(USER_CLOSE_ROUND, InvestmentRoundProcess.Elements.USER_ANSWER_INVITATION);
        org.camunda.bpm.engine.task.Task answer = taskService.createTaskQuery().processInstanceId(round.instance().getId())
                .taskDefinitionKey(InvestmentRoundProcess.Elements.USER_ANSWER_INVITATION).taskCandidateUser(user).singleResult();
        assertThat(answer).hasCandidateUser(user);
        assertThat(answer.getName()).isEqualTo("Consider the round Series A");
        long before = storedEventCount();
        // below the minimum ticket, without the NDA, or by another investor's user: refused, nothing stored
        assertThat(refusal(() -> completeAs(user, answer, Map.of(InvestmentRoundProcess.Variables.ACCEPT_NDA, true,
                InvestmentRoundProcess.Variables.COMMITMENT, "40000"))).getMessage()).contains("minimum ticket");
        assertThat(refusal(() -> completeAs(user, answer, Map.of(InvestmentRoundProcess.Variables.ACCEPT_NDA, false)))
                .getMessage()).contains("NDA");
        assertThat(refusal(() -> completeAs(stranger, answer, Map.of(InvestmentRoundProcess.Variables.ACCEPT_NDA, true)))
                .getMessage()).contains("not offered to you");
        assertThat(storedEventCount()).isEqualTo(before);

        completeAs(user, answer, Map.of(InvestmentRoundProcess.Variables.ACCEPT_NDA, true,
                InvestmentRoundProcess.Variables.COMMITMENT, "100000"));

        assertThat(round.instance()).isWaitingAt(USER_CLOSE_ROUND, InvestmentRoundProcess.Elements.USER_ANSWER_INVITATION)
                .hasPassed(InvestmentRoundProcess.Elements.END_INVITATION_ANSWERED);
        assertThat(eventTypes(round.roundId())).endsWith("InvestorInvitedEvent", "RoundNdaAcceptedEvent", "CommitmentMadeEvent");
        assertThat(lastEvent(round.roundId(), org.tremplin.investment.api.CommitmentMadeEvent.class).investorId()).isEqualTo(investorId);
        var committed = events(round.roundId()).get(events(round.roundId()).size() - 1);
        assertThat(committed.getMetaData()).containsEntry("actor", user)
                .containsEntry("activityId", InvestmentRoundProcess.Elements.USER_ANSWER_INVITATION);
    }

    @Test
    void after_a_material_change_committed_investors_reconfirm_or_withdraw_in_tasklist() {
        Round round = opened(false, 2);
        commit(round, 0, 100000);
        commit(round, 1, 200000);
        RoundTerms lower = terms(false, round.closing(), new BigDecimal("3000000"));

        as(STAFF, () -> rounds.amendTerms(round.roundId(), lower, "Valuation revised", Period.ofDays(10)));

        List<org.camunda.bpm.engine.task.Task> asks = taskService.createTaskQuery().processInstanceId(round.instance().getId())
                .taskDefinitionKey(USER_RECONFIRM_COMMITMENT).list();
        assertThat(asks).hasSize(2);
        org.camunda.bpm.engine.task.Task first = taskService.createTaskQuery().processInstanceId(round.instance().getId())
                .taskDefinitionKey(USER_RECONFIRM_COMMITMENT).taskCandidateUser(round.users().get(0)).singleResult();
        org.camunda.bpm.engine.task.Task second = taskService.createTaskQuery().processInstanceId(round.instance().getId())
                .taskDefinitionKey(USER_RECONFIRM_COMMITMENT).taskCandidateUser(round.users().get(1)).singleResult();
        assertThat(first.getName()).isEqualTo("Reconfirm your commitment to Series A");
        // refused at once: the step sends its command whatever the read models show, so the caller is always checked
        assertThat(refusal(() -> completeAs(round.users().get(1), first,
                Map.of(InvestmentRoundProcess.Variables.RECONFIRM, true))).getMessage()).contains("not offered to you");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> String.valueOf(
                get(STAFF, "/api/rounds/" + round.roundId()).getBody()).contains("AWAITING_RECONFIRMATION"));

        completeAs(round.users().get(0), first, Map.of(InvestmentRoundProcess.Variables.RECONFIRM, true));
        completeAs(round.users().get(1), second, Map.of(InvestmentRoundProcess.Variables.RECONFIRM, false));

        assertThat(eventTypes(round.roundId())).endsWith("RoundTermsAmendedEvent", "CommitmentReconfirmedEvent",
                "CommitmentWithdrawnEvent");
        var reconfirmed = (org.tremplin.investment.api.CommitmentReconfirmedEvent) events(round.roundId())
                .get(events(round.roundId()).size() - 2).getPayload();
        assertThat(reconfirmed.investorId()).isEqualTo(round.investors().get(0));
        var withdrawn = lastEvent(round.roundId(), org.tremplin.investment.api.CommitmentWithdrawnEvent.class);
        assertThat(withdrawn.investorId()).isEqualTo(round.investors().get(1));
        assertThat(withdrawn.reason()).isEqualTo("Not reconfirmed after the change of terms");
        assertThat(events(round.roundId()).get(events(round.roundId()).size() - 2).getMetaData())
                .containsEntry("actor", round.users().get(0)).containsEntry("activityId", USER_RECONFIRM_COMMITMENT);
        assertThat(round.instance()).isWaitingAt(USER_CLOSE_ROUND, TIMER_RECONFIRMATION_DEADLINE)
                .hasPassed(END_RECONFIRMATION_ANSWERED);
        assertThat(taskService.createTaskQuery().processInstanceId(round.instance().getId())
                .taskDefinitionKey(USER_RECONFIRM_COMMITMENT).count()).isZero();
    }

    @Test
    void a_refused_opening_starts_no_process_and_stores_no_event() {
        String company = newOrganisation("Refused SAS", "SME", null);
        String roundId = InvestmentRounds.newRoundId();
        var refusal = refusal(() -> as(STAFF, () -> rounds.open(new InvestmentRounds.RoundOpening(roundId, "Seed", company,
                null, new RoundTerms(Instrument.EQUITY, eur(500000), eur(300000), eur(600000), eur(50000), null,
                LocalDate.now(PARIS).plusMonths(1), false), true, false))));
        assertThat(refusal.getMessage()).contains("preMoneyValuation is required");
        assertThat(events(roundId)).isEmpty();
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(roundId).count()).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private Round opened(boolean allOrNothing, int investors) {
        String company = newOrganisation("Growth SME", "SME", null);
        String roundId = InvestmentRounds.newRoundId();
        LocalDate closing = LocalDate.now(PARIS).plusMonths(2);
        String processInstanceId = as(STAFF, () -> rounds.open(new InvestmentRounds.RoundOpening(roundId, "Series A", company,
                null, terms(allOrNothing, closing, new BigDecimal("4000000")), true, false)));
        ProcessInstance instance = runtimeService().createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        List<String> ids = new java.util.ArrayList<>();
        List<String> users = new java.util.ArrayList<>();
        for (int i = 0; i < investors; i++) {
            String user = newUser("investor", Roles.INVESTOR);
            String code = "T" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
            assertThat(post(STAFF, "/api/investors", Map.of("code", code, "name", "Fund " + code, "kind", "VC_FUND"))
                    .getStatusCode().value()).isEqualTo(201);
            String investorId = "INVESTOR-" + code;
            assertThat(post(STAFF, "/api/investors/" + investorId + "/users", Map.of("userId", user)).getStatusCode().value())
                    .isEqualTo(200);
            command(STAFF, new InviteInvestorCommand(roundId, investorId));
            command(user, new AcceptRoundNdaCommand(roundId, investorId, user, Instant.now()));
            ids.add(investorId);
            users.add(user);
        }
        return new Round(roundId, instance, ids, users, closing);
    }

    private void commit(Round round, int investor, long amount) {
        command(round.users().get(investor), new CommitToRoundCommand(round.roundId(), round.investors().get(investor),
                eur(amount)));
    }

    private static RoundTerms terms(boolean allOrNothing, LocalDate closing, BigDecimal preMoney) {
        return new RoundTerms(Instrument.EQUITY, eur(500000), eur(300000), eur(600000), eur(50000), preMoney, closing,
                allOrNothing);
    }

    private static BigDecimal eur(long amount) {
        return BigDecimal.valueOf(amount).setScale(2);
    }
}
