package org.tremplin.benchmark;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

@ActiveProfiles({"test", "postgres"})
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PostgresReplayBenchmark extends ReplayBenchmark {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
