package org.tremplin.investment.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.investment.api.AnswerReconfirmationCommand;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;

import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.INVESTOR_ID;
import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.RECONFIRM;

/**
 * Completing {@code user_reconfirm_commitment} (a committed investor's user, in Tasklist, after a material change of
 * terms): reconfirms the commitment, or withdraws it when unticked. A commitment already reconfirmed or withdrawn
 * through the API is left as it is (nothing more to record).
 */
@Component
public class ReconfirmCommitmentListener implements TaskListener {

    static final String NOT_RECONFIRMED = "Not reconfirmed after the change of terms";

    private final StepCommands commands;

    public ReconfirmCommitmentListener(StepCommands commands) {
        this.commands = commands;
    }

    /** The round decides from its own state whether there is anything to record (never from a read model). */
    @Override
    public void notify(DelegateTask task) {
        String roundId = task.getExecution().getProcessBusinessKey();
        String investorId = StepVariables.string(task, INVESTOR_ID);
        boolean reconfirm = !Boolean.FALSE.equals(StepVariables.bool(task, RECONFIRM));
        commands.send(task, new AnswerReconfirmationCommand(roundId, investorId, reconfirm, reconfirm ? null : NOT_RECONFIRMED));
    }
}
