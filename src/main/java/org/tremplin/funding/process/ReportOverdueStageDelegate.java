package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.ReportOverdueStageCommand;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;

import static org.tremplin.funding.process.FundingApplicationProcess.Variables.*;

/**
 * The {@code service_report_*_overdue} steps (a service-level timer fired): the overdue stage is recorded against the
 * application, or against the convention in a convention process; a chase task for pole staff follows.
 */
@Component
public class ReportOverdueStageDelegate implements JavaDelegate {

    private final StepCommands commands;

    public ReportOverdueStageDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FundingStage stage = StepVariables.enumValue(execution, OVERDUE_STAGE, FundingStage.class);
        String level = StepVariables.string(execution, switch (stage) {
            case SUBMISSION_TO_DECISION -> DECISION_SERVICE_LEVEL;
            case DECISION_TO_CONVENTION -> CONVENTION_SERVICE_LEVEL;
            case CONVENTION_TO_FIRST_PAYMENT -> FIRST_PAYMENT_SERVICE_LEVEL;
            case FIRST_PAYMENT_TO_BALANCE -> BALANCE_SERVICE_LEVEL;
        });
        commands.send(execution, new ReportOverdueStageCommand(StepVariables.string(execution, APPLICATION_ID),
                StepVariables.string(execution, FundingConventionProcess.Variables.CONVENTION_ID), stage,
                PrepareApplicationDelegate.days(level)));
    }
}
