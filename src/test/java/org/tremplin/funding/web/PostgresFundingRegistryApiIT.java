package org.tremplin.funding.web;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** The same registry scenarios and refusals on a real PostgreSQL (the V3 migration and the projections' SQL). */
@ActiveProfiles({"test", "postgres"})
class PostgresFundingRegistryApiIT extends FundingRegistryApiTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
