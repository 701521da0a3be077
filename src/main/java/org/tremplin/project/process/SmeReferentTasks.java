package org.tremplin.project.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.Roles;

import java.util.Optional;
import java.util.Set;

/**
 * Offers an SME's set-up tasks to its referent (issue 13): when a pole-staff task of a project's lifecycle or
 * labelling is created and the carrier is an SME with a referent, the referent becomes a candidate user of the task
 * (beside the pole-staff group), so that it shows in the referent's own list of tasks. Reads the read models only;
 * a failure to find them, or a failed query, leaves the task as it was (pole staff keep it): the failure is logged and
 * the step goes on. The query bus joins the step's transaction without owning it, so a failed query does not mark the
 * step rollback-only; a failed SQL statement on PostgreSQL would still abort the transaction, which no catch can undo
 * (the read models' queries here are plain look-ups by key).
 */
@Component
class SmeReferentTasks {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SmeReferentTasks.class);

    private static final Set<String> PROCESSES = Set.of(ProjectLifecycleProcess.KEY, LabellingProcess.KEY);

    private final QueryGateway queryGateway;

    SmeReferentTasks(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @EventListener
    public void onCreate(DelegateTask task) {
        if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || !staffTask(task)
                || !PROCESSES.contains(processKey(task))) {
            return;
        }
        Optional<String> referent;
        try {
            referent = carrier(task).flatMap(this::organisation)
                    .filter(o -> o.kind() == OrganisationKind.SME && o.referentUserId() != null)
                    .map(OrganisationView::referentUserId);
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

    private static String processKey(DelegateTask task) {
        String definitionId = task.getProcessDefinitionId();
        return definitionId == null ? "" : definitionId.substring(0, Math.max(0, definitionId.indexOf(':')));
    }

    private Optional<String> carrier(DelegateTask task) {
        Object carrier = task.getVariable(ProjectLifecycleProcess.Variables.CARRIER_ORGANISATION_ID);
        if (carrier instanceof String id) {
            return Optional.of(id);
        }
        Object projectId = task.getVariable("projectId");
        if (!(projectId instanceof String id)) {
            return Optional.empty();
        }
        return queryGateway.query(new FindProjectQuery(id), ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .map(ProjectView::carrierOrganisationId);
    }

    private Optional<OrganisationView> organisation(String organisationId) {
        return queryGateway.query(new FindOrganisationQuery(organisationId),
                ResponseTypes.optionalInstanceOf(OrganisationView.class)).join();
    }
}
