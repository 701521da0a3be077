package org.tremplin.project.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindSmeReferentQuery;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.Roles;

import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;

/**
 * Offers an SME's set-up tasks to its referent (issue 13): when a pole-staff task of a project's lifecycle or
 * labelling is created and the carrier is an SME with a referent, the referent becomes a candidate user of the task
 * (beside the pole-staff group), so that it shows in the referent's own list of tasks. The carrier is read from the
 * lifecycle's variables (the project's read model only when they lack it), its referent from the organisations' read
 * model in one statement; a failure to find them, or a failed query, leaves the task as it was (pole staff keep it):
 * the failure is logged and the step goes on. The query bus joins the step's transaction without owning it, so a
 * failed query does not mark the step rollback-only; a failed SQL statement on PostgreSQL would still abort the
 * transaction, which no catch can undo (the read models' queries here are plain look-ups by key).
 *
 * <p>An engine plugin: a BPMN parse listener gives each user task of those two processes a task listener for its
 * creation (skipped, as the models' own listeners, by a modification that skips custom listeners). Camunda's Spring
 * event bridge did this before, publishing every event of every task (create, assignment, update, complete, delete) as
 * a Spring application event for this one listener: 4.4 % of the request threads' samples under load on PostgreSQL
 * (src/docs/performance.md, session 27); it is now off ({@code camunda.bpm.eventing.task}).
 */
@Component
class SmeReferentTasks extends AbstractProcessEnginePlugin {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SmeReferentTasks.class);

    private static final Set<String> PROCESSES = Set.of(ProjectLifecycleProcess.KEY, LabellingProcess.KEY);

    private final QueryGateway queryGateway;

    SmeReferentTasks(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                        && PROCESSES.contains(definition.getKey())
                        && activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, SmeReferentTasks.this::onCreate);
                }
            }
        });
    }

    /** A task of the lifecycle or the labelling was created. */
    void onCreate(DelegateTask task) {
        if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || !staffTask(task)) {
            return;
        }
        Optional<String> referent;
        try {
            referent = carrier(task).flatMap(this::smeReferent);
        } catch (RuntimeException failure) {
            log.warn("Task {} ({}) not offered to an SME referent: the read models could not be queried ({}); pole staff keep it",
                    task.getId(), task.getTaskDefinitionKey(), failure.toString());
            return;
        }
        referent.ifPresent(task::addCandidateUser);
    }

    private static boolean staffTask(DelegateTask task) {
        return task.getCandidates().stream().anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
                && Roles.POLE_STAFF.equals(link.getGroupId()));
    }

    /**
     * The carrier: a variable of the lifecycle, read from the task's execution and its parents in the lifecycle and
     * from the calling lifecycle's in the labelling (which does not copy it); the project's read model only when
     * neither has it. Read through the execution, whose variables the step has already loaded, not through the task:
     * a task just created has no variables of its own, but asking it costs a query of them (Camunda's variables by
     * task id, planned afresh on PostgreSQL each time: 0.3–0.4 ms of the database's time, once a staff task).
     */
    private Optional<String> carrier(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        if (execution == null) {
            return Optional.empty();
        }
        if (execution.getVariable(ProjectLifecycleProcess.Variables.CARRIER_ORGANISATION_ID) instanceof String id) {
            return Optional.of(id);
        }
        DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
        if (caller != null && caller.getVariable(ProjectLifecycleProcess.Variables.CARRIER_ORGANISATION_ID) instanceof String id) {
            return Optional.of(id);
        }
        if (!(execution.getVariable("projectId") instanceof String projectId)) {
            return Optional.empty();
        }
        return queryGateway.query(new FindProjectQuery(projectId), ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .map(ProjectView::carrierOrganisationId);
    }

    /** The referent of the organisation when it is an SME with one (one statement). */
    private Optional<String> smeReferent(String organisationId) {
        return queryGateway.query(new FindSmeReferentQuery(organisationId), ResponseTypes.optionalInstanceOf(String.class))
                .join();
    }
}
