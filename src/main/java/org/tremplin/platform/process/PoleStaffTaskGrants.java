package org.tremplin.platform.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.tremplin.shared.Roles;

/**
 * No authorization of its own for each task offered to pole staff: the group holds READ and UPDATE on every task
 * ({@link IdentityBootstrap}), as Tremplin's API lets pole staff complete any open task.
 *
 * <p>With authorizations on, Camunda writes a grant for each candidate group of each new task (READ and UPDATE, for
 * Tasklist) and deletes it with the task. Pole staff are offered most steps of the pole's processes, so those grants
 * grew with the open steps: 5,450 of them after 5,450 labellings waiting on "choose the calls". Camunda's task query
 * for a user of the group (Tasklist's lists and counts, the engine REST's {@code GET /task}) joins the task table with
 * every authorization of the user's groups on tasks, a comparison per task per grant: 1.7 s for one page of 15 tasks
 * by a staff member at that size, quadratic beyond (Camunda's known issue #2217). Without them the same query took
 * 13 ms; each task offered to pole staff also spares the engine a look-up and an insert of its grant.
 *
 * <p>Grants Camunda writes for other groups and for users (assignees, candidate users) are unchanged; so are the
 * deletions of a task's grants when it ends.
 */
@Component
public class PoleStaffTaskGrants extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new Provider());
    }

    /** Camunda's default provider, without the per-task grant of the pole staff group. */
    static final class Provider extends DefaultAuthorizationProvider {

        @Override
        public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
            return Roles.POLE_STAFF.equals(groupId) ? null : super.newTaskGroupIdentityLink(task, groupId, type);
        }

        @Override
        public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
            return Roles.POLE_STAFF.equals(groupId) ? null : super.deleteTaskGroupIdentityLink(task, groupId, type);
        }
    }
}
