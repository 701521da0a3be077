package org.tremplin.benchmark;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tremplin.support.OnEmbeddedPostgres;

/** {@link PortfolioImportBenchmark} on the embedded PostgreSQL. */
@OnEmbeddedPostgres
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PostgresPortfolioImportBenchmark extends PortfolioImportBenchmark {
}
