package org.tremplin.project.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.FindCallQuery;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.ChooseFundingCallsCommand;
import org.tremplin.shared.DomainException;

import java.util.Arrays;
import java.util.List;

import static org.tremplin.project.process.ProjectLifecycleProcess.Variables.TARGET_CALLS;
import static org.tremplin.project.process.ProjectLifecycleProcess.Variables.TARGET_CALL_IDS;

/**
 * Completing {@code user_choose_target_calls}: pole staff name the calls the labelled project applies to; each must
 * be a published call. The lifecycle then runs one funding application per call.
 */
@Component
public class ChooseFundingCallsListener implements TaskListener {

    private final StepCommands commands;
    private final QueryGateway queryGateway;

    public ChooseFundingCallsListener(StepCommands commands, QueryGateway queryGateway) {
        this.commands = commands;
        this.queryGateway = queryGateway;
    }

    @Override
    public void notify(DelegateTask task) {
        String text = StepVariables.string(task, TARGET_CALLS);
        if (text == null || text.isBlank()) {
            throw DomainException.invalid(TARGET_CALLS + " is required: call ids separated by commas, e.g. CALL-FUI-25, CALL-ARA-PME");
        }
        List<String> callIds = Arrays.stream(text.split("[,;\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String callId : callIds) {
            boolean known = queryGateway.query(new FindCallQuery(callId), ResponseTypes.optionalInstanceOf(CallView.class))
                    .join().isPresent();
            if (!known) {
                throw DomainException.invalid("No call " + callId + " is published (GET /api/calls lists them)");
            }
        }
        commands.send(task, new ChooseFundingCallsCommand(task.getExecution().getProcessBusinessKey(), callIds));
        task.getExecution().setVariable(TARGET_CALL_IDS, StepVariables.list(callIds));
    }
}
