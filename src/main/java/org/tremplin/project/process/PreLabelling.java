package org.tremplin.project.process;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.tremplin.project.api.RequestPreLabelCommand;

import static org.tremplin.project.process.PreLabellingProcess.Variables.*;

/** Starts pre-labels (issue 13); the web layer's door into {@code bpmn/prelabelling.bpmn}. */
@Service
public class PreLabelling {

    private final RuntimeService runtimeService;

    public PreLabelling(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    /**
     * Starts a pre-label round whose first steps record the request and the orientation, in this transaction: nothing
     * is kept if the request is refused. Returns the pre-label's id.
     */
    public String request(String projectId, String title, String requestedBy, String note) {
        VariableMap variables = Variables.createVariables()
                .putValue(PROJECT_ID, projectId)
                .putValue(TITLE, title)
                .putValue(REQUESTED_BY, requestedBy)
                .putValueTyped(NOTE, Variables.stringValue(note, true));
        runtimeService.startProcessInstanceByKey(PreLabellingProcess.KEY, projectId, variables);
        return RequestPreLabelCommand.idOf(projectId);
    }

    /**
     * Closes the project's pending round, if any, without an opinion: its opinion task ends and
     * {@code PreLabelRoundClosedEvent} is recorded with the reason, in the caller's transaction (a refusal rolls it
     * back). Returns how many rounds were closed (0 or 1).
     */
    public int closePending(String projectId, String reason) {
        return runtimeService.createMessageCorrelation(PreLabellingProcess.Messages.PRELABEL_CLOSED)
                .processInstanceBusinessKey(projectId)
                .setVariable(CLOSE_REASON, reason)
                .correlateAllWithResult().size();
    }
}
