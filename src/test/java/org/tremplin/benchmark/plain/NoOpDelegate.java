package org.tremplin.benchmark.plain;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Stands for any of Tremplin's delegates and listeners in {@link PlainCamundaApplication}: does nothing. */
public class NoOpDelegate implements JavaDelegate, TaskListener, ExecutionListener {

    @Override
    public void execute(DelegateExecution execution) {
        // plain Camunda: no command, no event
    }

    @Override
    public void notify(DelegateTask task) {
        // plain Camunda: no command, no event
    }

    @Override
    public void notify(DelegateExecution execution) {
        // plain Camunda: no command, no event
    }
}
