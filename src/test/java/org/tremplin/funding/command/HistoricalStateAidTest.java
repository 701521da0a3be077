package org.tremplin.funding.command;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.funding.api.EnterpriseSize;
import org.tremplin.funding.api.HistoricalStateAidImportedEvent;
import org.tremplin.funding.api.ImportHistoricalStateAidCommand;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.StateAidParticipant;
import org.tremplin.funding.process.DmnFundingRules;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.platform.config.StepMetadata;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Aid imported as history on a state-aid ledger: recorded once per source row, and counted towards the ceiling. */
class HistoricalStateAidTest {

    static final String PROJECT = "ANR-10-IEED-0008";
    static final String ORG = "OTHER-ANR-10-IEED-0008-01";
    static final String LEDGER = RecordStateAidCommand.ledgerId(PROJECT, ORG);
    static final String NOTE = "the whole project's aid, paid to its coordinator";
    static final MetaData FUNDER_USER = MetaData.with(StepMetadata.ROLES, Roles.FUNDER);

    private AggregateTestFixture<StateAidLedger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StateAidLedger.class);
        fixture.registerInjectableResource(new DmnFundingRules());
    }

    private static ImportHistoricalStateAidCommand importAid(String amount, int row) {
        return new ImportHistoricalStateAidCommand(LEDGER, PROJECT, ORG, "ANR", new BigDecimal(amount), NOTE, "IMPORT-1",
                "projets.csv", row);
    }

    private static HistoricalStateAidImportedEvent imported(String amount, String total, int row) {
        return new HistoricalStateAidImportedEvent(LEDGER, PROJECT, ORG, "ANR", new BigDecimal(amount), new BigDecimal(total),
                NOTE, "IMPORT-1", "projets.csv", row);
    }

    /** A small SME in effective collaboration: ceiling 80 % of 200,000 + 60 % of 50,000 = 190,000. */
    private static RecordStateAidCommand grant(String amount) {
        return new RecordStateAidCommand(LEDGER, PROJECT, ORG, "APP-X", "FUNDER-FUI", OrganisationKind.SME, 10,
                List.of(new StateAidParticipant(ORG, OrganisationKind.SME, new BigDecimal("200000"), new BigDecimal("50000")),
                        new StateAidParticipant("SIREN-LAB", OrganisationKind.RESEARCH_LAB, new BigDecimal("250000"),
                                BigDecimal.ZERO)),
                new BigDecimal(amount), null);
    }

    @Test
    void imported_aid_is_recorded_once_per_source_row_with_the_ledgers_total() {
        fixture.givenNoPriorActivity()
                .when(importAid("15384886", 14))
                .expectEvents(imported("15384886.00", "15384886.00", 14))
                .expectResultMessagePayload(true);
        fixture.given(imported("15384886.00", "15384886.00", 14))
                .when(importAid("15384886", 14))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.givenNoPriorActivity()
                .when(importAid("0", 14))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void imported_aid_counts_towards_the_ceiling_of_aid_recorded_later() {
        // without history, 50,000 fits under the 190,000 ceiling
        fixture.givenNoPriorActivity().when(grant("50000"), FUNDER_USER).expectSuccessfulHandlerExecution();
        // with 150,000 received before Tremplin, the same grant would take the total to 200,000: refused
        fixture.given(imported("150000.00", "150000.00", 14))
                .when(grant("50000"), FUNDER_USER)
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void the_imported_kinds_are_never_read_as_an_sme() {
        assertThat(StateAidFacts.size(OrganisationKind.COMPANY, 0)).isEqualTo(EnterpriseSize.LARGE);
        assertThat(StateAidFacts.size(OrganisationKind.UNKNOWN, 0)).isEqualTo(EnterpriseSize.LARGE);
        assertThat(OrganisationKind.COMPANY.isCompany()).isTrue();
        assertThat(OrganisationKind.UNKNOWN.isCompany()).isFalse();
    }
}
