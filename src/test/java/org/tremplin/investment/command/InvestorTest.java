package org.tremplin.investment.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.investment.api.AddInvestorUserCommand;
import org.tremplin.investment.api.InvestorKind;
import org.tremplin.investment.api.InvestorRegisteredEvent;
import org.tremplin.investment.api.InvestorUserAddedEvent;
import org.tremplin.investment.api.RegisterInvestorCommand;
import org.tremplin.shared.DomainException;

class InvestorTest {

    private AggregateTestFixture<Investor> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Investor.class);
    }

    @Test
    void staff_register_an_investor_under_its_code_and_add_its_users_once() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInvestorCommand("INVESTOR-ANGELS-ARA", "ANGELS-ARA", " Angels ARA ", InvestorKind.BUSINESS_ANGEL))
                .expectEvents(new InvestorRegisteredEvent("INVESTOR-ANGELS-ARA", "ANGELS-ARA", "Angels ARA", InvestorKind.BUSINESS_ANGEL));
    }

    @Test
    void a_user_is_added_once() {
        fixture.given(new InvestorRegisteredEvent("INVESTOR-VC", "VC", "VC Fund", InvestorKind.VC_FUND))
                .when(new AddInvestorUserCommand("INVESTOR-VC", "ivan"))
                .expectEvents(new InvestorUserAddedEvent("INVESTOR-VC", "ivan"));
        setUp();
        fixture.given(new InvestorRegisteredEvent("INVESTOR-VC", "VC", "VC Fund", InvestorKind.VC_FUND),
                        new InvestorUserAddedEvent("INVESTOR-VC", "ivan"))
                .when(new AddInvestorUserCommand("INVESTOR-VC", "ivan"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void an_id_not_derived_from_the_code_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInvestorCommand("INVESTOR-X", "VC", "VC Fund", InvestorKind.VC_FUND))
                .expectException(DomainException.class).expectNoEvents();
    }
}
