package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.AbandonProjectCommand;

import static org.tremplin.project.process.ProjectLifecycleProcess.Variables.ABANDON_REASON;

/**
 * {@code service_abandon_project}: records why the project was abandoned, then closes what was still waiting beside
 * the lifecycle, in the same transaction: the pending pre-label round (closed without an opinion) and every pending
 * request to a partner pole (withdrawn), each with the reason "Project abandoned: …". If any of them is refused the
 * whole abandonment rolls back.
 */
@Component
public class AbandonProjectDelegate implements JavaDelegate {

    private final StepCommands commands;
    private final PreLabelling preLabelling;
    private final CoLabellings coLabellings;

    public AbandonProjectDelegate(StepCommands commands, PreLabelling preLabelling, CoLabellings coLabellings) {
        this.commands = commands;
        this.preLabelling = preLabelling;
        this.coLabellings = coLabellings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String projectId = execution.getProcessBusinessKey();
        String reason = StepVariables.string(execution, ABANDON_REASON);
        commands.send(execution, new AbandonProjectCommand(projectId, reason));
        String why = reasonOf(reason);
        preLabelling.closePending(projectId, why);
        coLabellings.withdrawAllPending(projectId, why);
    }

    /** The reason kept with each closed pre-label round and withdrawn co-label request. */
    static String reasonOf(String abandonReason) {
        String why = "Project abandoned" + (abandonReason == null || abandonReason.isBlank() ? "" : ": " + abandonReason.strip());
        return why.length() <= 1000 ? why : why.substring(0, 999) + "…";
    }
}
