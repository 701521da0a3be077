package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.PayAdvanceCommand;
import org.tremplin.platform.process.StepCommands;

/** Completing {@code user_pay_advance}: the funder paid the advance its schedule sets. */
@Component
public class PayAdvanceListener implements TaskListener {

    private final StepCommands commands;

    public PayAdvanceListener(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        commands.send(task, new PayAdvanceCommand(ConventionSteps.applicationId(task), ConventionSteps.conventionId(task),
                ConventionSteps.newPaymentId(),
                ConventionSteps.paymentReference(task)));
    }
}
