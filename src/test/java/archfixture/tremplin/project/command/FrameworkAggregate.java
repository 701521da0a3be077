package archfixture.tremplin.project.command;

import org.axonframework.spring.stereotype.Aggregate;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationContext;

/** Violates "aggregates use neither Camunda nor Spring". */
@Aggregate
public class FrameworkAggregate {

    private ApplicationContext applicationContext;
    private RuntimeService runtimeService;

    public boolean wired() {
        return applicationContext != null && runtimeService != null;
    }
}
