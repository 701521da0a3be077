package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.CommunicateConclusionsCommand;
import org.tremplin.project.command.RedressRules;

import java.time.Clock;
import java.time.LocalDate;

import static org.tremplin.project.process.LabellingProcess.Variables.LABEL_GRANTED;
import static org.tremplin.project.process.LabellingProcess.Variables.MESSAGE;
import static org.tremplin.project.process.LabellingProcess.Variables.REDRESS_DEADLINE_AT;

/**
 * Completing {@code user_communicate_conclusions}: the decision and the experts' conclusions reach the carrier. After a
 * refusal the redress period opens: {@code timer_redress_deadline} waits until the end of its last day (Paris time),
 * the same day the project computes from the day the refusal was communicated (src/docs/redress.md).
 */
@Component
public class CommunicateConclusionsListener implements TaskListener {

    private final StepCommands commands;
    private final RedressRules redressRules;
    private final Clock clock;

    public CommunicateConclusionsListener(StepCommands commands, RedressRules redressRules, Clock clock) {
        this.commands = commands;
        this.redressRules = redressRules;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        commands.send(task, new CommunicateConclusionsCommand(task.getExecution().getProcessBusinessKey(),
                StepVariables.string(task, MESSAGE)));
        if (Boolean.FALSE.equals(task.getExecution().getVariable(LABEL_GRANTED))) {
            LocalDate today = LocalDate.now(clock.withZone(org.tremplin.shared.ParisTime.ZONE));
            task.getExecution().setVariable(REDRESS_DEADLINE_AT, StepVariables.endOf(redressRules.deadlineAfter(today)));
        }
    }
}
