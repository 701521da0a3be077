package org.tremplin.investment.query;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** The investment round scenarios on a real PostgreSQL (V7 migration, numeric, timestamptz, the projection's SQL). */
@ActiveProfiles({"test", "postgres"})
class InvestmentRoundPostgresIT extends InvestmentRoundScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
