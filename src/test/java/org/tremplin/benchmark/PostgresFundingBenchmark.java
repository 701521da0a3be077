package org.tremplin.benchmark;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tremplin.support.EmbeddedPostgres;

/** {@link FundingBenchmark} on the embedded PostgreSQL. */
@ActiveProfiles({"test", "postgres"})
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PostgresFundingBenchmark extends FundingBenchmark {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.registerFreshDatabase(registry);
    }
}
