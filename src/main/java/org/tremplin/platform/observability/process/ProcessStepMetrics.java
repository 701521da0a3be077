package org.tremplin.platform.observability.process;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import java.util.ArrayList;

/**
 * The counter {@code tremplin.process.steps{process, activity}}: activity instances ended (a task completed, an event
 * passed, a gateway crossed, a sub-process left, an activity cancelled by a boundary event), per process definition key
 * and activity id, counted when the engine's transaction commits (a step rolled back counts nothing).
 *
 * <p>Fed by the engine itself: a BPMN parse listener gives every activity of every deployed model a built-in "end"
 * listener (built-in: it runs even when a modification skips the models' own listeners). The counter of each
 * activity is made once, when the model is parsed; a step costs an increment after commit, no query.
 */
@Component
public class ProcessStepMetrics extends AbstractProcessEnginePlugin {

    /** The counter's name. */
    public static final String STEPS = "tremplin.process.steps";

    private final MeterRegistry registry;

    public ProcessStepMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                countEndsIn(processDefinition.getKey(), processDefinition);
            }
        });
    }

    private void countEndsIn(String processKey, ScopeImpl scope) {
        for (ActivityImpl activity : scope.getActivities()) {
            Counter counter = Counter.builder(STEPS)
                    .description("Activity instances ended (committed), per process definition key and activity id")
                    .tags("process", processKey, "activity", activity.getId())
                    .baseUnit("steps")
                    .register(registry);
            activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, new CountOnCommit(counter));
            countEndsIn(processKey, activity);
        }
    }

    private record CountOnCommit(Counter counter) implements ExecutionListener {

        @Override
        public void notify(DelegateExecution execution) {
            CommandContext commandContext = Context.getCommandContext();
            if (commandContext == null) {
                counter.increment();
                return;
            }
            commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    committed -> counter.increment());
        }
    }
}
