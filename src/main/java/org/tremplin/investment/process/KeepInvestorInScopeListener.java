package org.tremplin.investment.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.INVESTOR_ID;
import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.INVESTOR_USERS;
import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.RECONFIRM_BY;

/**
 * Leaving the start of a per-investor event sub-process (an invitation, a reconfirmation): the message's investor, its
 * users and deadline become local to this sub-process instance. The message sets them on the round's process instance,
 * where the next investor's message would overwrite them while this instance's task is still open.
 */
@Component
public class KeepInvestorInScopeListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        for (String name : new String[]{INVESTOR_ID, INVESTOR_USERS, RECONFIRM_BY}) {
            if (execution.hasVariable(name)) {
                execution.setVariableLocal(name, execution.getVariableTyped(name));
            }
        }
    }
}
