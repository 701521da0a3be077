package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepVariables;

import static org.tremplin.funding.process.FundingConventionProcess.Variables.*;

/**
 * Leaving {@code start_convention_granted}: the convention's partner (from the convention id), its name (in task names)
 * and its members, the candidates of its expense statements. Records nothing.
 */
@Component
public class PrepareConventionListener implements ExecutionListener {

    private final FundingLookups lookups;

    public PrepareConventionListener(FundingLookups lookups) {
        this.lookups = lookups;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String organisationId = ConventionSteps.organisationId(execution);
        execution.setVariable(ORGANISATION_ID, organisationId);
        var organisation = lookups.organisation(organisationId);
        execution.setVariable(PARTNER_NAME, organisation.name());
        execution.setVariable(PARTNER_USERS, StepVariables.list(organisation.members()));
    }
}
