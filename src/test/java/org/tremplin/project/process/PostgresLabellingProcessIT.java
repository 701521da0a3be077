package org.tremplin.project.process;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** Every path of {@link LabellingProcessTest} again on PostgreSQL: steps and their events commit (or roll back) together there too. */
@ActiveProfiles({"test", "postgres"})
class PostgresLabellingProcessIT extends LabellingProcessTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
