package org.tremplin.funding.process;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.funding.api.ConventionLapsedEvent;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.LapseConventionCommand;
import org.tremplin.funding.api.PartnerGrant;
import org.tremplin.funding.api.PartnerRequest;
import org.tremplin.funding.api.RecordFundingDecisionCommand;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.StateAidParticipant;
import org.tremplin.funding.api.StateAidReleasedEvent;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.support.ApiTestSupport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger follows the convention in the unit of work (and the transaction) that applies the convention's event: a
 * lapse releases the grant from the partner's ledger with it, and a refused release refuses the lapse, nothing stored.
 */
class StateAidFollowsConventionsTest extends ApiTestSupport {

    private static final String ORG = "SIREN-POLICY";

    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private PlatformTransactionManager transactionManager;

    private String projectId;
    private String applicationId;
    private String conventionId;

    @BeforeEach
    void grantedApplication() {
        projectId = "PRJ-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        applicationId = SubmitFundingApplicationCommand.applicationId(projectId, "ARA-POLICY");
        conventionId = GrantedAid.conventionId(applicationId, ORG);
        commandGateway.sendAndWait(new SubmitFundingApplicationCommand(applicationId, projectId, "CALL-POLICY", "ARA-POLICY",
                "FUNDER-POLICY", FunderKind.REGION, true, 6, List.of(new PartnerRequest(ORG, OrganisationKind.SME, true,
                new BigDecimal("100000"), BigDecimal.ZERO, new BigDecimal("10000")))));
        commandGateway.sendAndWait(new RecordFundingDecisionCommand(applicationId, true,
                List.of(new PartnerGrant(ORG, new BigDecimal("10000"))), null, LocalDate.now().minusDays(1)));
    }

    @Test
    void a_lapse_releases_the_grant_from_the_partners_ledger_in_its_own_transaction() {
        commandGateway.sendAndWait(new RecordStateAidCommand(RecordStateAidCommand.ledgerId(projectId, ORG), projectId, ORG,
                applicationId, "FUNDER-POLICY", OrganisationKind.SME, 10,
                List.of(new StateAidParticipant(ORG, OrganisationKind.SME, new BigDecimal("100000"), BigDecimal.ZERO)),
                new BigDecimal("10000"), null));

        inOneTransaction(() -> commandGateway.sendAndWait(new LapseConventionCommand(applicationId, conventionId)));

        assertThat(payloads(applicationId)).anyMatch(ConventionLapsedEvent.class::isInstance);
        assertThat(payloads(RecordStateAidCommand.ledgerId(projectId, ORG)))
                .filteredOn(StateAidReleasedEvent.class::isInstance).map(StateAidReleasedEvent.class::cast)
                .singleElement().satisfies(released -> {
                    assertThat(released.amount()).isEqualByComparingTo("10000.00");
                    assertThat(released.totalAid()).isEqualByComparingTo("0.00");
                    assertThat(released.reason()).isEqualTo("Convention lapsed unsigned");
                });
    }

    @Test
    void a_refused_release_refuses_the_lapse_and_nothing_is_stored() {
        // no aid was ever recorded on the partner's ledger: the release is refused
        assertThatThrownBy(() -> inOneTransaction(() ->
                commandGateway.sendAndWait(new LapseConventionCommand(applicationId, conventionId))))
                .isInstanceOf(RuntimeException.class);

        assertThat(payloads(applicationId)).noneMatch(ConventionLapsedEvent.class::isInstance);
        assertThat(payloads(RecordStateAidCommand.ledgerId(projectId, ORG))).isEmpty();
    }

    private void inOneTransaction(Runnable step) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> step.run());
    }

    private List<Object> payloads(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }
}
