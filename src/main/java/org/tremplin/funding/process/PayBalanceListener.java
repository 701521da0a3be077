package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.PayBalanceCommand;
import org.tremplin.platform.process.StepCommands;

/**
 * Completing {@code user_pay_balance}: the funder paid the final balance; the convention closes, and the part of the
 * grant never paid leaves the partner's state-aid ledger ({@link StateAidFollowsConventions}, from the
 * {@code ConventionClosedEvent}, in this step's transaction).
 */
@Component
public class PayBalanceListener implements TaskListener {

    private final StepCommands commands;

    public PayBalanceListener(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        commands.send(task, new PayBalanceCommand(ConventionSteps.applicationId(task), ConventionSteps.conventionId(task),
                ConventionSteps.newPaymentId(), ConventionSteps.paymentReference(task)));
    }
}
