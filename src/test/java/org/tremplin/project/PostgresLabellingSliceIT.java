package org.tremplin.project;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** The same slice on a real PostgreSQL, with the production profile's settings. */
@ActiveProfiles({"test", "postgres"})
class PostgresLabellingSliceIT extends LabellingSliceScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
