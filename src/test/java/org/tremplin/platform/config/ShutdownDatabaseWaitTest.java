package org.tremplin.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.StaticApplicationContext;

class ShutdownDatabaseWaitTest {

    /**
     * A running pool of a database no one answers for (nothing listens on port 9 here): each wait for a connection
     * lasts its whole timeout.
     */
    private static HikariDataSource unreachable(long connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:9/gone");
        config.setUsername("tremplin");
        config.setPassword("tremplin");
        config.setConnectionTimeout(connectionTimeout);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    @Test
    void aWaitForAConnectionEndsAfterTheShortWaitOnceTheNodeStops() throws InterruptedException {
        StaticApplicationContext context = new StaticApplicationContext();
        try (HikariDataSource pool = unreachable(30_000)) {
            ShutdownDatabaseWait shutdown = new ShutdownDatabaseWait(List.of(pool), context, Duration.ofSeconds(1));
            // past the pool's first housekeeping (at 0.1 s), which would copy the setting; the next is 30 s away
            Thread.sleep(500);

            shutdown.onApplicationEvent(new ContextClosedEvent(context));

            assertThat(pool.getConnectionTimeout()).isEqualTo(1_000);
            long start = System.nanoTime();
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
            // the pool's own 30 s would have held the caller that long, and so would its copy until the housekeeper's run
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void theEventStoreReadersPoolWaitsNoLongerEither() {
        StaticApplicationContext context = new StaticApplicationContext();
        try (HikariDataSource pool = unreachable(30_000); SharedEventReads reads = SharedEventReads.of(pool)) {
            context.getBeanFactory().registerSingleton("sharedEventReads", reads);
            HikariDataSource reader = (HikariDataSource) reads.dataSource();
            assertThat(reader.getConnectionTimeout()).isEqualTo(30_000);

            // as Spring builds it: the application's pool, and the reader's when there is one
            new ShutdownDatabaseWait(pool, context.getBeanProvider(SharedEventReads.class), context, Duration.ofSeconds(1))
                    .onApplicationEvent(new ContextClosedEvent(context));

            assertThat(pool.getConnectionTimeout()).isEqualTo(1_000);
            assertThat(reader.getConnectionTimeout()).isEqualTo(1_000);
        }
    }

    @Test
    void aChildContextClosingLeavesThePoolAsItWas() {
        StaticApplicationContext context = new StaticApplicationContext();
        try (HikariDataSource pool = unreachable(30_000)) {
            closing(pool, context, new StaticApplicationContext(context), Duration.ofSeconds(1));

            assertThat(pool.getConnectionTimeout()).isEqualTo(30_000);
        }
    }

    @Test
    void aPoolThatWaitsLessAlreadyKeepsItsWait() {
        StaticApplicationContext context = new StaticApplicationContext();
        try (HikariDataSource pool = unreachable(800)) {
            closing(pool, context, context, Duration.ofSeconds(5));

            assertThat(pool.getConnectionTimeout()).isEqualTo(800);
        }
    }

    /** The node's context {@code owner} told that {@code closed} (itself or a child) closes. */
    private static void closing(HikariDataSource pool, StaticApplicationContext owner, StaticApplicationContext closed,
                                Duration wait) {
        new ShutdownDatabaseWait(List.of(pool), owner, wait).onApplicationEvent(new ContextClosedEvent(closed));
    }

    @Test
    void aWaitUnderHikarisShortestIsRefusedAtStart() {
        StaticApplicationContext context = new StaticApplicationContext();
        try (HikariDataSource pool = unreachable(30_000)) {
            assertThatThrownBy(() -> new ShutdownDatabaseWait(List.of(pool), context, Duration.ofMillis(100)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tremplin.shutdown.database-wait");
        }
    }
}
