package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.platform.process.StepVariables;

import static org.tremplin.funding.process.FundingApplicationProcess.Variables.*;

/**
 * {@code service_prepare_application}: reads the call and its funder for the steps that follow: the application's
 * id, the funder's users (candidates of its tasks) and its service levels as timer durations. Records nothing.
 */
@Component
public class PrepareApplicationDelegate implements JavaDelegate {

    /** A stage without a service level is never escalated (ten years). */
    static final int NO_SERVICE_LEVEL_DAYS = 3650;

    private final FundingLookups lookups;

    public PrepareApplicationDelegate(FundingLookups lookups) {
        this.lookups = lookups;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CallView call = lookups.call(StepVariables.string(execution, CALL_ID));
        FunderView funder = lookups.funder(call.funderId());
        execution.setVariable(APPLICATION_ID, SubmitFundingApplicationCommand.applicationId(execution.getProcessBusinessKey(), call.code()));
        execution.setVariable(CALL_CODE, call.code());
        execution.setVariable(FUNDER_ID, funder.id());
        execution.setVariable(FUNDER_NAME, funder.name());
        execution.setVariable(FUNDER_USERS, StepVariables.list(funder.users()));
        execution.setVariable(DECISION_SERVICE_LEVEL, duration(funder, FundingStage.SUBMISSION_TO_DECISION));
        execution.setVariable(CONVENTION_SERVICE_LEVEL, duration(funder, FundingStage.DECISION_TO_CONVENTION));
        execution.setVariable(FIRST_PAYMENT_SERVICE_LEVEL, duration(funder, FundingStage.CONVENTION_TO_FIRST_PAYMENT));
        execution.setVariable(BALANCE_SERVICE_LEVEL, duration(funder, FundingStage.FIRST_PAYMENT_TO_BALANCE));
    }

    static String duration(FunderView funder, FundingStage stage) {
        Integer days = funder.serviceLevelDays() == null ? null : funder.serviceLevelDays().get(stage);
        return "P" + (days == null || days <= 0 ? NO_SERVICE_LEVEL_DAYS : days) + "D";
    }

    /** The days of an ISO duration written by {@link #duration}. */
    static int days(String duration) {
        return java.time.Period.parse(duration).getDays();
    }
}
