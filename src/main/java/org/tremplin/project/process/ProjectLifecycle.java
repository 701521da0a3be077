package org.tremplin.project.process;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;

import static org.tremplin.project.process.ProjectLifecycleProcess.Variables.*;

/** Starts and steers project lifecycles; the web layer's only door into the engine for projects. */
@Service
public class ProjectLifecycle {

    private final RuntimeService runtimeService;

    public ProjectLifecycle(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    public record IdeaSubmission(String projectId, String title, String summary, String thematicAxis,
                                 ConfidentialityLevel confidentiality, String carrierOrganisationId, String carrierName,
                                 OrganisationKind carrierKind, BigDecimal plannedBudget, String carrierUser) {
    }

    /** Starts a lifecycle whose first step records the idea; nothing is kept if the idea is refused. */
    public String submitIdea(IdeaSubmission idea) {
        VariableMap variables = Variables.createVariables()
                .putValue(PROJECT_ID, idea.projectId())
                .putValue(TITLE, idea.title())
                .putValue(CARRIER_ORGANISATION_ID, idea.carrierOrganisationId())
                .putValue(CARRIER_USER, idea.carrierUser())
                .putValueTyped(SUMMARY, Variables.stringValue(idea.summary(), true))
                .putValueTyped(THEMATIC_AXIS, Variables.stringValue(idea.thematicAxis(), true))
                .putValueTyped(CONFIDENTIALITY, Variables.stringValue(
                        idea.confidentiality() == null ? null : idea.confidentiality().name(), true))
                .putValueTyped(CARRIER_NAME, Variables.stringValue(idea.carrierName(), true))
                .putValueTyped(CARRIER_KIND, Variables.stringValue(
                        idea.carrierKind() == null ? null : idea.carrierKind().name(), true))
                .putValueTyped(PLANNED_BUDGET, Variables.stringValue(
                        idea.plannedBudget() == null ? null : idea.plannedBudget().toPlainString(), true));
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(ProjectLifecycleProcess.KEY,
                idea.projectId(), variables);
        return instance.getId();
    }

    /** Interrupts the lifecycle wherever it stands (consortium or labelling) and records the abandonment. */
    public void abandon(String projectId, String reason) {
        // correlateAll answers "nothing matched" with an empty result rather than an exception, which Camunda would log
        // at ERROR with its stack trace (ENGINE-16004) although it is a refusal: the loser of two abandons at once
        // reaches here once the winner has ended the lifecycle. One instance per project, one subscription in it.
        boolean correlated = !runtimeService.createMessageCorrelation(ProjectLifecycleProcess.Messages.PROJECT_ABANDONED)
                .processInstanceBusinessKey(projectId)
                .setVariable(ABANDON_REASON, reason)
                .correlateAllWithResult().isEmpty();
        if (!correlated) {
            throw DomainException.conflict("Project " + projectId + " has no running lifecycle: it is already labelled, "
                    + "refused or abandoned");
        }
    }

}
