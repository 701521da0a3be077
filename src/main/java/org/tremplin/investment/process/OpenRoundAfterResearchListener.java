package org.tremplin.investment.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.investment.api.Instrument;
import org.tremplin.investment.api.RoundTerms;
import org.tremplin.platform.process.StepVariables;

import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.*;

/**
 * Completing the project lifecycle's {@code user_plan_growth} once its R&amp;D is over: when pole staff tick
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

    public OpenRoundAfterResearchListener(InvestmentRounds rounds) {
        this.rounds = rounds;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!Boolean.TRUE.equals(StepVariables.bool(task, OPEN_ROUND))) {
            return;
        }
        RoundTerms terms = new RoundTerms(StepVariables.enumValue(task, INSTRUMENT, Instrument.class),
                StepVariables.euros(task, TARGET_AMOUNT), StepVariables.euros(task, MINIMUM_RAISE),
                StepVariables.euros(task, MAXIMUM_RAISE), StepVariables.euros(task, MINIMUM_TICKET),
                StepVariables.euros(task, PRE_MONEY_VALUATION), StepVariables.date(task, CLOSING_DATE),
                Boolean.TRUE.equals(StepVariables.bool(task, ALL_OR_NOTHING)));
        rounds.open(new InvestmentRounds.RoundOpening(InvestmentRounds.newRoundId(), StepVariables.string(task, ROUND_TITLE),
                StepVariables.string(task, CARRIER_ORGANISATION_ID), task.getExecution().getProcessBusinessKey(), terms,
                !Boolean.FALSE.equals(StepVariables.bool(task, SHARE_PASSPORT)), false));
    }
}
