package org.tremplin.audit;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** The replay scenarios on a real PostgreSQL (timestamptz, numeric, lower-case identifiers). */
@ActiveProfiles({"test", "postgres"})
class ReplayPostgresIT extends ReplayScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
