package org.tremplin.resilience;

import org.junit.jupiter.api.Test;
import org.tremplin.support.EmbeddedPostgres;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * {@code kill -9} under load on PostgreSQL: the packaged application with the {@code postgres} profile on a fresh
 * database of the embedded server. Every idea answered 201 must survive the crash (see {@link CrashRecoveryScenario}).
 */
class CrashRecoveryPostgresIT {

    @Test
    void every_acknowledged_idea_survives_kill_9_on_postgresql() throws Exception {
        String url = EmbeddedPostgres.createFreshDatabase();
        Path log = Path.of("target", "crash-postgres-" + UUID.randomUUID().toString().substring(0, 8), "application.log")
                .toAbsolutePath();

        CrashRecoveryScenario scenario = new CrashRecoveryScenario("PostgreSQL", log,
                new CrashRecoveryScenario.Database(url, EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD),
                List.of("--spring.profiles.active=postgres",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + EmbeddedPostgres.USER,
                        "--spring.datasource.password=" + EmbeddedPostgres.PASSWORD));
        scenario.run(CrashRecoveryScenario.crashes(1));
    }
}
