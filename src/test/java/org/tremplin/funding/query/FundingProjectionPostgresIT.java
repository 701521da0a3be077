package org.tremplin.funding.query;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** The funding read-model scenarios on a real PostgreSQL (V6 migration, numeric, timestamptz, the projection's SQL). */
@ActiveProfiles({"test", "postgres"})
class FundingProjectionPostgresIT extends FundingProjectionScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
