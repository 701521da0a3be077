package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.ApproveExpenseStatementCommand;
import org.tremplin.funding.api.RejectExpenseStatementCommand;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;

import java.math.BigDecimal;

import static org.tremplin.funding.process.FundingConventionProcess.Variables.*;

/**
 * Completing {@code user_review_expense_statement}: approved (in full when no amount is given, or in part) or
 * rejected with reasons; the outcome drives the gateway.
 */
@Component
public class ReviewExpenseStatementListener implements TaskListener {

    private final StepCommands commands;

    public ReviewExpenseStatementListener(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        boolean approved = Boolean.TRUE.equals(StepVariables.bool(task, APPROVED));
        String statementId = StepVariables.string(task, STATEMENT_ID);
        String comment = StepVariables.string(task, COMMENT);
        if (approved) {
            BigDecimal amount = StepVariables.euros(task, APPROVED_AMOUNT);
            if (amount == null) {
                amount = StepVariables.parseEuros(StepVariables.string(task, SubmitExpenseStatementListener.STATEMENT_AMOUNT), AMOUNT);
            }
            commands.send(task, new ApproveExpenseStatementCommand(ConventionSteps.applicationId(task), ConventionSteps.conventionId(task),
                    statementId, amount, comment == null || comment.isBlank() ? null : comment));
        } else {
            commands.send(task, new RejectExpenseStatementCommand(ConventionSteps.applicationId(task), ConventionSteps.conventionId(task),
                    statementId, comment));
        }
        task.getExecution().setVariable(STATEMENT_APPROVED, approved);
    }
}
