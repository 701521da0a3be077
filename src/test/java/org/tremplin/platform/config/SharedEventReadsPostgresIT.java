package org.tremplin.platform.config;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.support.ApiTestSupport;
import org.tremplin.support.OnEmbeddedPostgres;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On PostgreSQL the event store's shared reader reads the next events through a connection of its own, whose session
 * keeps generic plans, while the application's connections keep PostgreSQL's default; the read models still follow
 * every step.
 */
@OnEmbeddedPostgres
class SharedEventReadsPostgresIT extends ApiTestSupport {

    @Autowired
    private SharedEventReads sharedEventReads;
    @Autowired
    private DataSource dataSource;

    @Test
    void the_shared_reader_reads_through_its_own_connection_with_generic_plans() throws Exception {
        DataSource reads = sharedEventReads.dataSource();
        assertThat(reads).as("the reader's own pool on PostgreSQL").isNotNull();
        int readerBackend;
        // the pool's one connection, borrowed a moment from the reader
        try (Connection connection = reads.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid(), current_setting('plan_cache_mode')")) {
            row.next();
            readerBackend = row.getInt(1);
            assertThat(row.getString(2)).isEqualTo("force_generic_plan");
        }
        assertThat(jdbc.queryForObject("SELECT current_setting('plan_cache_mode')", String.class))
                .as("the application's connections").isEqualTo("auto");

        String organisation = newOrganisation("Lecteur partagé", "SME", newUser("reader"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM organisation WHERE id = ?", Long.class, organisation))
                    .isEqualTo(1);
            // that backend's latest statement: the reader's read of the next events
            assertThat(jdbc.queryForObject("SELECT query FROM pg_stat_activity WHERE pid = ?", String.class,
                    readerBackend)).contains("FROM DomainEventEntry WHERE globalIndex > $1 AND globalIndex <= $2");
        });
        assertThat(dataSource).as("the application's pool is another").isNotSameAs(reads);
    }
}
