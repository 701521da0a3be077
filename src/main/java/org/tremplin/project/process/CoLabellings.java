package org.tremplin.project.process;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.shared.DomainException;

import java.util.List;

import static org.tremplin.project.process.CoLabellingProcess.Variables.*;

/** Starts and steers co-labelling requests ({@code bpmn/colabelling.bpmn}); the web layer's door into the engine. */
@Service
public class CoLabellings {

    private final RuntimeService runtimeService;

    public CoLabellings(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    /**
     * What the web layer read when asked: the project's title and status, and the pole's name ({@code null} if no
     * partner pole has that id) and users.
     */
    public record Request(String coLabelId, String projectId, String title, ProjectStatus projectStatus, String poleId,
                          String poleName, List<String> poleUsers, String message) {
    }

    /** Starts a request whose first step records it; nothing is kept (no instance, no event) if it is refused. */
    public String request(Request request) {
        VariableMap variables = Variables.createVariables()
                .putValue(PROJECT_ID, request.projectId())
                .putValue(CO_LABEL_ID, request.coLabelId())
                .putValue(POLE_ID, request.poleId())
                .putValue(POLE_NAME, request.poleName())
                .putValueTyped(POLE_USERS, StepVariables.list(request.poleUsers()))
                .putValue(PROJECT_STATUS, request.projectStatus() == null ? null : request.projectStatus().name())
                .putValueTyped(TITLE, Variables.stringValue(request.title(), true))
                .putValueTyped(REQUEST_MESSAGE, Variables.stringValue(request.message(), true));
        return runtimeService.startProcessInstanceByKey(CoLabellingProcess.KEY, request.projectId(), variables).getId();
    }

    /** Withdraws the pending request: its decision task ends and the withdrawal is recorded. */
    public void withdraw(String projectId, String coLabelId, String reason) {
        boolean correlated = !runtimeService.createMessageCorrelation(CoLabellingProcess.Messages.COLABEL_WITHDRAWN)
                .processInstanceBusinessKey(projectId)
                .processInstanceVariableEquals(CO_LABEL_ID, coLabelId)
                .setVariable(WITHDRAWAL_REASON, reason)
                .correlateAllWithResult().isEmpty();
        if (!correlated) {
            throw DomainException.conflict("No request of " + projectId + " is pending at this partner pole; only a "
                    + "pending request is withdrawn");
        }
    }

    /**
     * Withdraws every pending request of the project (the project was abandoned), each through its boundary event:
     * the decision tasks end and a {@code CoLabelRequestWithdrawnEvent} is recorded with the reason, in the caller's
     * transaction (a refusal rolls it back). Returns how many requests were withdrawn.
     */
    public int withdrawAllPending(String projectId, String reason) {
        return runtimeService.createMessageCorrelation(CoLabellingProcess.Messages.COLABEL_WITHDRAWN)
                .processInstanceBusinessKey(projectId)
                .setVariable(WITHDRAWAL_REASON, reason)
                .correlateAllWithResult().size();
    }
}
