package org.tremplin.investment.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.investment.api.Instrument;
import org.tremplin.investment.api.RoundTerms;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.PlanGrowthCommand;

import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.*;

/**
 * Completing the project lifecycle's {@code user_plan_growth} once its R&amp;D is over, the decision is recorded on the
 * project (a round or none for now); when pole staff tick
 * {@link #OPEN_ROUND}, an investment round opens for the project's carrier with the terms of the form, in the same
 * transaction (a refused opening leaves the task open and nothing stored). The form's fields carry this process's
 * variable names; the carrier is the lifecycle's {@code carrierOrganisationId}.
 */
@Component
public class OpenRoundAfterResearchListener implements TaskListener {

    /** The lifecycle's form field: open a round now. */
    static final String OPEN_ROUND = "openRound";
    /** The lifecycle's variable naming the carrier organisation. */
    static final String CARRIER_ORGANISATION_ID = "carrierOrganisationId";

    private final InvestmentRounds rounds;
    private final StepCommands commands;

    public OpenRoundAfterResearchListener(InvestmentRounds rounds, StepCommands commands) {
        this.rounds = rounds;
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        String projectId = task.getExecution().getProcessBusinessKey();
        if (!Boolean.TRUE.equals(StepVariables.bool(task, OPEN_ROUND))) {
            commands.send(task, new PlanGrowthCommand(projectId, null));
            return;
        }
        RoundTerms terms = new RoundTerms(StepVariables.enumValue(task, INSTRUMENT, Instrument.class),
                StepVariables.euros(task, TARGET_AMOUNT), StepVariables.euros(task, MINIMUM_RAISE),
                StepVariables.euros(task, MAXIMUM_RAISE), StepVariables.euros(task, MINIMUM_TICKET),
                StepVariables.euros(task, PRE_MONEY_VALUATION), StepVariables.date(task, CLOSING_DATE),
                Boolean.TRUE.equals(StepVariables.bool(task, ALL_OR_NOTHING)));
        String roundId = InvestmentRounds.newRoundId();
        commands.send(task, new PlanGrowthCommand(projectId, roundId));
        rounds.open(new InvestmentRounds.RoundOpening(roundId, StepVariables.string(task, ROUND_TITLE),
                StepVariables.string(task, CARRIER_ORGANISATION_ID), projectId, terms,
                !Boolean.FALSE.equals(StepVariables.bool(task, SHARE_PASSPORT)), false));
    }
}
