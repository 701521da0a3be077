package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.platform.process.StepVariables;

import java.util.UUID;

import static org.tremplin.funding.process.FundingConventionProcess.Variables.*;

/** What every step of a convention process reads the same way. */
final class ConventionSteps {

    private ConventionSteps() {
    }

    static String applicationId(VariableScope scope) {
        return StepVariables.string(scope, APPLICATION_ID);
    }

    static String conventionId(VariableScope scope) {
        return StepVariables.string(scope, CONVENTION_ID);
    }

    /** The partner of a convention: its id is {@link GrantedAid#conventionId} of the application and the partner. */
    static String organisationId(VariableScope scope) {
        String prefix = GrantedAid.conventionId(applicationId(scope), "");
        return conventionId(scope).substring(prefix.length());
    }

    /**
     * The payment reference typed in the payment task's form (optional), taken out of the process variables, so that
     * the next payment task of the convention starts without it.
     */
    static String paymentReference(org.camunda.bpm.engine.delegate.DelegateTask task) {
        String reference = StepVariables.string(task, FundingConventionProcess.Variables.PAYMENT_REFERENCE);
        task.removeVariable(FundingConventionProcess.Variables.PAYMENT_REFERENCE);
        return reference;
    }

    static String newPaymentId() {
        return "PAY-" + UUID.randomUUID();
    }

    static String newStatementId() {
        return "STM-" + UUID.randomUUID();
    }
}
