package org.tremplin.audit.seal;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** Holes, open transactions, restarts and two sealers on a real PostgreSQL (pg_stat_activity as the horizon). */
@ActiveProfiles({"test", "postgres"})
class SealHolePostgresIT extends SealHoleScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
