package org.tremplin.audit;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** The tamper scenarios on a real PostgreSQL (BIGSERIAL global index, bytea payloads). */
@ActiveProfiles({"test", "postgres"})
class SealTamperPostgresIT extends SealTamperScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
