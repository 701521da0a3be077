package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.SubmitExpenseStatementCommand;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;

import static org.tremplin.funding.process.FundingConventionProcess.Variables.*;

/** Completing {@code user_submit_expense_statement}: the partner's certified expenses of the period. */
@Component
public class SubmitExpenseStatementListener implements TaskListener {

    static final String STATEMENT_AMOUNT = "statementAmount";

    private final StepCommands commands;

    public SubmitExpenseStatementListener(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        BigDecimal amount = StepVariables.euros(task, AMOUNT);
        if (amount == null) {
            throw DomainException.invalid(AMOUNT + " is required: the certified expenses in euros, e.g. 84000.50");
        }
        boolean finalStatement = Boolean.TRUE.equals(StepVariables.bool(task, FINAL_STATEMENT));
        String statementId = ConventionSteps.newStatementId();
        commands.send(task, new SubmitExpenseStatementCommand(ConventionSteps.applicationId(task), ConventionSteps.conventionId(task),
                statementId, StepVariables.date(task, PERIOD_END), amount, finalStatement));
        task.getExecution().setVariable(STATEMENT_ID, statementId);
        task.getExecution().setVariable(STATEMENT_AMOUNT, amount.toPlainString());
        task.getExecution().setVariable(STATEMENT_IS_FINAL, finalStatement);
    }
}
