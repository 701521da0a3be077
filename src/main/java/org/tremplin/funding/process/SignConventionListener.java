package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.SignConventionCommand;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.AgreementRequiredBefore;
import org.tremplin.project.api.RequireSignedConsortiumAgreementCommand;
import org.tremplin.project.api.StartResearchCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Percentage;

import java.math.BigDecimal;
import java.util.List;

import static org.tremplin.funding.process.FundingConventionProcess.Variables.*;

/**
 * Completing {@code user_sign_convention}: the signed convention with its tranche schedule; a pooled fund's
 * contributors and shares as they stand at signature are fixed in it. The project's R&amp;D starts with its first
 * signed convention; when the pole requires a signed consortium agreement before the first convention, its signatures
 * are checked first.
 */
@Component
public class SignConventionListener implements TaskListener {

    private final StepCommands commands;
    private final FundingLookups lookups;

    public SignConventionListener(StepCommands commands, FundingLookups lookups) {
        this.commands = commands;
        this.lookups = lookups;
    }

    @Override
    public void notify(DelegateTask task) {
        commands.send(task, new RequireSignedConsortiumAgreementCommand(task.getExecution().getProcessBusinessKey(),
                AgreementRequiredBefore.FIRST_CONVENTION));
        FunderView funder = lookups.funder(StepVariables.string(task, FUNDER_ID));
        commands.send(task, new SignConventionCommand(ConventionSteps.applicationId(task), ConventionSteps.conventionId(task),
                StepVariables.date(task, SIGNED_ON), StepVariables.date(task, END_DATE), percent(task, ADVANCE_PERCENT),
                percent(task, INTERIM_CAP_PERCENT), funder.kind() == FunderKind.POOLED_FUND ? funder.contributors() : List.of()));
        commands.send(task, new StartResearchCommand(task.getExecution().getProcessBusinessKey()));
    }

    private static BigDecimal percent(DelegateTask task, String name) {
        BigDecimal value = Percentage.parse(StepVariables.string(task, name), name);
        if (value == null) {
            throw DomainException.invalid(name + " is required: a percentage like 20 or 12.5");
        }
        return value;
    }
}
