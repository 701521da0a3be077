package archfixture.tremplin.project.web;

import archfixture.tremplin.organisation.api.OrganisationReference;
import archfixture.tremplin.organisation.command.OrganisationInternals;
import org.axonframework.spring.stereotype.Aggregate;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Violates "contexts meet through their api" (uses the organisation context's command package), "only process
 * packages use Camunda" and "web controllers do not use Camunda". Its use of the organisation api is allowed.
 */
@RestController
public class ViolatingController {

    private final RuntimeService runtimeService;
    private final OrganisationInternals internals = new OrganisationInternals();

    public ViolatingController(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    @GetMapping("/fixture")
    public String get(OrganisationReference reference) {
        return reference.organisationId() + internals.secret() + runtimeService.createProcessInstanceQuery().count();
    }
}

/** Violates "aggregates live in command packages". */
@Aggregate
class AggregateOutsideCommand {
}
