package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.RecordReviewCommand;
import org.tremplin.project.api.Recommendation;

import static org.tremplin.project.process.LabellingProcess.Variables.*;

/** Completing one {@code user_review_file}: the assigned reviewer's conclusions, score and recommendation. */
@Component
public class RecordReviewListener implements TaskListener {

    private final StepCommands commands;

    public RecordReviewListener(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        String reviewer = task.getAssignee() != null ? task.getAssignee() : StepVariables.string(task, REVIEWER);
        commands.send(task, new RecordReviewCommand(task.getExecution().getProcessBusinessKey(), reviewer,
                StepVariables.integer(task, SCORE),
                StepVariables.enumValue(task, RECOMMENDATION, Recommendation.class),
                StepVariables.string(task, CONCLUSIONS)));
    }
}
