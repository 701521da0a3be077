package org.tremplin.investment.process;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tremplin.investment.api.AmendRoundTermsCommand;
import org.tremplin.investment.api.OpenRoundCommand;
import org.tremplin.investment.api.RoundTerms;
import org.tremplin.platform.process.Caller;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.RandomIds;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.List;

import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.*;

/**
 * Starts and steers investment rounds: the web layer's door into the engine for rounds, and the hook any process step
 * may call to open a round (e.g. the project lifecycle once R&D reached a milestone): {@link #open(RoundOpening)} starts
 * {@code investment-round}, whose first step records the opening, in the caller's transaction.
 */
@Service
public class InvestmentRounds {

    /** What a round opens with; {@code projectId} null for a member company's round on its own. */
    public record RoundOpening(String roundId, String title, String companyOrganisationId, String projectId,
                               RoundTerms terms, boolean sharePassport, boolean shareCommitments) {
    }

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ManagementService managementService;
    private final CommandGateway commandGateway;
    private final org.axonframework.queryhandling.QueryGateway queryGateway;
    private final org.axonframework.eventsourcing.eventstore.EventStore eventStore;
    private final Clock clock;

    public InvestmentRounds(RuntimeService runtimeService, TaskService taskService, ManagementService managementService,
                            CommandGateway commandGateway, org.axonframework.queryhandling.QueryGateway queryGateway,
                            org.axonframework.eventsourcing.eventstore.EventStore eventStore, Clock clock) {
        this.queryGateway = queryGateway;
        this.eventStore = eventStore;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.managementService = managementService;
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    /** A new round id, {@code ROUND-} and 12 random hexadecimal capitals ({@link RandomIds}). */
    public static String newRoundId() {
        return RandomIds.of(OpenRoundCommand.ID_PREFIX);
    }

    /** Starts the round's process; its first step opens the round (nothing is kept if the opening is refused). */
    public String open(RoundOpening opening) {
        RoundTerms terms = Require.terms(opening.terms());
        VariableMap variables = Variables.createVariables()
                .putValue(ROUND_ID, opening.roundId())
                .putValue(ROUND_TITLE, opening.title())
                .putValue(COMPANY_ORGANISATION_ID, opening.companyOrganisationId())
                .putValue(PROJECT_ID, opening.projectId())
                .putValue(INSTRUMENT, terms.instrument() == null ? null : terms.instrument().name())
                .putValue(TARGET_AMOUNT, text(terms.targetAmount()))
                .putValue(MINIMUM_RAISE, text(terms.minimumRaise()))
                .putValue(MAXIMUM_RAISE, text(terms.maximumRaise()))
                .putValue(MINIMUM_TICKET, text(terms.minimumTicket()))
                .putValue(PRE_MONEY_VALUATION, text(terms.preMoneyValuation()))
                .putValue(CLOSING_DATE, terms.closingDate() == null ? null : terms.closingDate().toString())
                .putValue(ALL_OR_NOTHING, terms.allOrNothing())
                .putValue(SHARE_PASSPORT, opening.sharePassport())
                .putValue(SHARE_COMMITMENTS, opening.shareCommitments())
                .putValue(CLOSING_AT, terms.closingDate() == null ? null : StepVariables.endOf(terms.closingDate()));
        return runtimeService.startProcessInstanceByKey(InvestmentRoundProcess.KEY, opening.roundId(), variables).getId();
    }

    /** Pole staff close the round before its date: the close task is completed as the user, with the reason. */
    @Transactional
    public void closeEarly(String roundId, String userId, List<String> groups, String reason) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(roundId)
                .taskDefinitionKey(InvestmentRoundProcess.Elements.USER_CLOSE_ROUND).singleResult();
        if (task == null) {
            throw DomainException.conflict("Round " + roundId + " has no running process: it is already closed or cancelled");
        }
        Caller.as(userId, groups, () -> {
            taskService.complete(task.getId(), Variables.createVariables().putValue(CLOSE_REASON, reason));
            return null;
        });
    }

    /**
     * Amends the terms in one transaction with what follows: a new closing date moves the closing timer, and a material
     * change starts a reconfirmation whose deadline timer lapses the commitments not reconfirmed by then.
     */
    @Transactional
    public void amendTerms(String roundId, RoundTerms terms, String reason, Period reconfirmWithin) {
        String processInstanceId = processInstanceId(roundId);
        Period period = reconfirmWithin == null ? Period.parse(AmendRoundTermsCommand.DEFAULT_RECONFIRMATION_PERIOD)
                : reconfirmWithin;
        Instant reconfirmBy = clock.instant().atZone(org.tremplin.shared.ParisTime.ZONE).plus(period).toInstant();
        Integer amendment = commandGateway.sendAndWait(new AmendRoundTermsCommand(roundId, terms, reason, reconfirmBy));
        if (terms.closingDate() != null) {
            java.util.Date closingAt = StepVariables.endOf(terms.closingDate());
            runtimeService.setVariable(processInstanceId, CLOSING_AT, closingAt);
            Job timer = managementService.createJobQuery().processInstanceId(processInstanceId)
                    .activityId(InvestmentRoundProcess.Elements.TIMER_CLOSING_DATE).singleResult();
            if (timer != null) {
                managementService.setJobDuedate(timer.getId(), closingAt);
            }
        }
        if (amendment != null) {
            runtimeService.createMessageCorrelation(InvestmentRoundProcess.Messages.TERMS_AMENDED)
                    .processInstanceId(processInstanceId)
                    .setVariableLocal(AMENDMENT, amendment)
                    .setVariableLocal(RECONFIRM_BY, java.util.Date.from(reconfirmBy))
                    .correlateWithResult();
            // the investors the change asks to reconfirm, as the round recorded them (this transaction's event)
            List<String> committed = eventStore.readEvents(roundId).asStream().map(org.axonframework.eventhandling.EventMessage::getPayload)
                    .filter(org.tremplin.investment.api.RoundTermsAmendedEvent.class::isInstance)
                    .map(org.tremplin.investment.api.RoundTermsAmendedEvent.class::cast)
                    .filter(e -> e.amendment() == amendment).findFirst()
                    .map(org.tremplin.investment.api.RoundTermsAmendedEvent::toReconfirm).orElse(List.of());
            for (String investorId : committed) {
                List<String> users = queryGateway.query(new org.tremplin.investment.api.FindInvestorQuery(investorId),
                                org.axonframework.messaging.responsetypes.ResponseTypes.optionalInstanceOf(
                                        org.tremplin.investment.api.InvestorView.class)).join()
                        .map(org.tremplin.investment.api.InvestorView::users).orElse(List.of());
                runtimeService.createMessageCorrelation(InvestmentRoundProcess.Messages.RECONFIRMATION_REQUESTED)
                        .processInstanceId(processInstanceId)
                        .setVariableLocal(INVESTOR_ID, investorId)
                        .setVariableLocal(INVESTOR_USERS, StepVariables.list(users))
                        .setVariableLocal(RECONFIRM_BY, java.util.Date.from(reconfirmBy))
                        .correlateWithResult();
            }
        }
    }

    /**
     * Invites an investor, in one transaction with its consequence: the investor's users get a task to answer (accept the
     * NDA, commit) in Tasklist, as an alternative to the API.
     */
    @Transactional
    public void invite(String roundId, String investorId, List<String> investorUsers) {
        String processInstanceId = processInstanceId(roundId);
        commandGateway.sendAndWait(new org.tremplin.investment.api.InviteInvestorCommand(roundId, investorId));
        runtimeService.createMessageCorrelation(InvestmentRoundProcess.Messages.INVESTOR_INVITED)
                .processInstanceId(processInstanceId)
                .setVariableLocal(INVESTOR_ID, investorId)
                .setVariableLocal(INVESTOR_USERS, StepVariables.list(investorUsers))
                .correlateWithResult();
    }

    private String processInstanceId(String roundId) {
        var instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(roundId)
                .processDefinitionKey(InvestmentRoundProcess.KEY).singleResult();
        if (instance == null) {
            throw DomainException.conflict("Round " + roundId + " has no running process: it is already closed or cancelled");
        }
        return instance.getId();
    }

    private static String text(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    /** Null-safe terms for the variables (the aggregate checks them). */
    private static final class Require {
        static RoundTerms terms(RoundTerms terms) {
            if (terms == null) {
                throw DomainException.invalid("terms is required");
            }
            return terms;
        }
    }
}
