package org.tremplin.audit;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** The same timeline, exports and access log on a real PostgreSQL (the V5 migration and the log's SQL). */
@ActiveProfiles({"test", "postgres"})
class PostgresProjectHistoryIT extends ProjectHistoryApiTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
