package org.tremplin.funding.process;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.ConventionAmendedEvent;
import org.tremplin.funding.api.ConventionClosedEvent;
import org.tremplin.funding.api.ConventionLapsedEvent;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.ReleaseStateAidCommand;

import java.math.BigDecimal;

/**
 * A partner's state-aid ledger follows its convention: aid that will never be paid leaves the ledger as the event
 * saying so is applied (a lapse, a withdrawal, a budget shift out, a close below the grant), with the amount the event
 * carries.
 *
 * <p>A <b>subscribing</b> processor: the handler runs in the unit of work that applies the convention's event, so the
 * release joins the step's (or the request's) one transaction, and its refusal rolls the whole step back — errors
 * propagate ({@link PropagatingErrorHandler}), they are never logged and swallowed. It does not replay: the released
 * amounts are in the ledgers' own events.
 */
@Component
@ProcessingGroup(StateAidFollowsConventions.PROCESSING_GROUP)
public class StateAidFollowsConventions {

    public static final String PROCESSING_GROUP = "state-aid-follows-conventions";

    private final CommandGateway commandGateway;

    public StateAidFollowsConventions(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** The processing group runs subscribing, and lets every error through to the unit of work that applied the event. */
    @Configuration(proxyBeanMethods = false)
    static class Processor {

        @Autowired
        void configure(EventProcessingConfigurer configurer) {
            configurer.registerSubscribingEventProcessor(PROCESSING_GROUP)
                    .registerListenerInvocationErrorHandler(PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                    .registerErrorHandler(PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
        }
    }

    @EventHandler
    void on(ConventionLapsedEvent event) {
        release(event.projectId(), event.organisationId(), event.applicationId(), event.funderId(),
                event.releasedAmount(), "Convention lapsed unsigned");
    }

    @EventHandler
    void on(ConventionClosedEvent event) {
        release(event.projectId(), event.organisationId(), event.applicationId(), event.funderId(),
                event.releasedAmount(), "Convention closed below its grant");
    }

    @EventHandler
    void on(ConventionAmendedEvent event) {
        BigDecimal less = event.grantedAmountBefore().subtract(event.grantedAmountAfter());
        if (event.kind() == AmendmentKind.PARTNER_WITHDRAWAL) {
            release(event.projectId(), event.organisationId(), event.applicationId(), event.funderId(), less,
                    "Partner withdrawn: " + event.reason());
        } else if (event.kind() == AmendmentKind.BUDGET_SHIFT_OUT) {
            release(event.projectId(), event.organisationId(), event.applicationId(), event.funderId(), less,
                    "Budget shifted to " + event.counterpartOrganisationId() + ": " + event.reason());
        }
    }

    private void release(String projectId, String organisationId, String applicationId, String funderId,
                         BigDecimal amount, String reason) {
        if (amount != null && amount.signum() > 0) {
            commandGateway.sendAndWait(new ReleaseStateAidCommand(RecordStateAidCommand.ledgerId(projectId, organisationId),
                    applicationId, funderId, amount, reason));
        }
    }
}
