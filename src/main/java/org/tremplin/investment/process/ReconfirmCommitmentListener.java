package org.tremplin.investment.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.investment.api.CommitmentStatus;
import org.tremplin.investment.api.FindRoundQuery;
import org.tremplin.investment.api.ReconfirmCommitmentCommand;
import org.tremplin.investment.api.RoundView;
import org.tremplin.investment.api.WithdrawCommitmentCommand;
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
    private final QueryGateway queryGateway;

    public ReconfirmCommitmentListener(StepCommands commands, QueryGateway queryGateway) {
        this.commands = commands;
        this.queryGateway = queryGateway;
    }

    @Override
    public void notify(DelegateTask task) {
        String roundId = task.getExecution().getProcessBusinessKey();
        String investorId = StepVariables.string(task, INVESTOR_ID);
        boolean awaiting = queryGateway.query(new FindRoundQuery(roundId), ResponseTypes.optionalInstanceOf(RoundView.class)).join()
                .flatMap(round -> round.investors().stream().filter(p -> investorId.equals(p.investorId())).findFirst())
                .map(p -> p.commitmentStatus() == CommitmentStatus.AWAITING_RECONFIRMATION).orElse(false);
        if (!awaiting) {
            return;
        }
        if (Boolean.FALSE.equals(StepVariables.bool(task, RECONFIRM))) {
            commands.send(task, new WithdrawCommitmentCommand(roundId, investorId, NOT_RECONFIRMED));
        } else {
            commands.send(task, new ReconfirmCommitmentCommand(roundId, investorId));
        }
    }
}
