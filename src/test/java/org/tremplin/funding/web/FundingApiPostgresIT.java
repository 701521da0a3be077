package org.tremplin.funding.web;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** The funding stage through the REST API on a real PostgreSQL. */
@ActiveProfiles({"test", "postgres"})
class FundingApiPostgresIT extends FundingApiScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
