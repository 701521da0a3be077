package org.tremplin.platform.process;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.tremplin.platform.config.StepMetadata;
import org.tremplin.shared.DomainException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends a command from inside a process step, in the step's transaction, with the step's metadata:
 * acting user and roles, process instance, activity and correlation id. Never catches the command's
 * exception: a refused command must roll the whole step back.
 */
@Component
public class StepCommands {

    private final CommandGateway commandGateway;
    private final IdentityService identityService;

    public StepCommands(CommandGateway commandGateway, IdentityService identityService) {
        this.commandGateway = commandGateway;
        this.identityService = identityService;
    }

    public <R> R send(DelegateExecution execution, Object command) {
        return dispatch(command, execution.getProcessInstanceId(), definitionKey(execution.getProcessDefinitionId()),
                execution.getCurrentActivityId());
    }

    /**
     * Sends the command of a completed user task, once the completing user is known to be entitled to it:
     * its assignee, or one of its candidate users or groups. This holds whatever the door (API, Tasklist,
     * engine REST), so nobody records a review or a label decision in someone else's place.
     */
    public <R> R send(DelegateTask task, Object command) {
        requireEntitled(task);
        return dispatch(command, task.getProcessInstanceId(), definitionKey(task.getProcessDefinitionId()),
                task.getTaskDefinitionKey());
    }

    private void requireEntitled(DelegateTask task) {
        String userId = currentActor();
        if (StepMetadata.SYSTEM_ACTOR.equals(userId)) {
            throw DomainException.forbidden("Task '" + task.getName() + "' must be completed by a signed-in user");
        }
        if (userId.equals(task.getAssignee())) {
            return;
        }
        List<String> groups = currentGroups();
        // A task assigned to someone is theirs; only a candidate group (e.g. pole staff driving a carrier's
        // step) may still complete it. An unassigned task is open to its candidate users and groups.
        boolean candidate = task.getCandidates().stream()
                .anyMatch(link -> (link.getGroupId() != null && groups.contains(link.getGroupId()))
                        || (task.getAssignee() == null && userId.equals(link.getUserId())));
        if (!candidate) {
            throw DomainException.forbidden("Task '" + task.getName() + "' is "
                    + (task.getAssignee() != null ? "assigned to " + task.getAssignee() : "not offered to you"));
        }
    }

    /** The user acting in the current step, or {@link StepMetadata#SYSTEM_ACTOR} for timers. */
    public String currentActor() {
        Caller.Identity caller = Caller.current();
        if (caller != null) {
            return caller.userId();
        }
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null
                ? StepMetadata.SYSTEM_ACTOR : authentication.getUserId();
    }

    public List<String> currentGroups() {
        Caller.Identity caller = Caller.current();
        if (caller != null) {
            return caller.groups();
        }
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            return List.of();
        }
        List<String> groups = authentication.getGroupIds();
        if (groups == null || groups.isEmpty()) {
            groups = identityService.createGroupQuery().groupMember(authentication.getUserId()).list().stream()
                    .map(org.camunda.bpm.engine.identity.Group::getId).toList();
        }
        return groups;
    }

    private <R> R dispatch(Object command, String processInstanceId, String processDefinitionKey, String activityId) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(StepMetadata.ACTOR, currentActor());
        metadata.put(StepMetadata.ROLES, String.join(",", currentGroups().stream().sorted().toList()));
        metadata.put(StepMetadata.PROCESS_INSTANCE_ID, processInstanceId);
        metadata.put(StepMetadata.PROCESS_DEFINITION_KEY, processDefinitionKey);
        metadata.put(StepMetadata.ACTIVITY_ID, activityId);
        String correlationId = MDC.get(StepMetadata.CORRELATION_ID);
        metadata.put(StepMetadata.CORRELATION_ID, correlationId != null ? correlationId : UUID.randomUUID().toString());
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
    }

    private static String definitionKey(String processDefinitionId) {
        if (processDefinitionId == null) {
            return null;
        }
        int colon = processDefinitionId.indexOf(':');
        return colon < 0 ? processDefinitionId : processDefinitionId.substring(0, colon);
    }
}
