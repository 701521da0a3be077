package org.tremplin.audit;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** Funding as of any instant and the 360Giving export, through the REST API on a real PostgreSQL. */
@ActiveProfiles({"test", "postgres"})
class FundingAuditPostgresIT extends FundingAuditScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
