package org.tremplin.platform.web;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** Concurrent writes through every door on a real PostgreSQL, whose unique-key violation differs from H2's. */
@ActiveProfiles({"test", "postgres"})
class ConcurrentWritesPostgresIT extends ConcurrentWritesScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
