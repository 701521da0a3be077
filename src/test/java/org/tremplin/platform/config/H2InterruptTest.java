package org.tremplin.platform.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.tremplin.support.DefaultDatasource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread interrupted while it writes the embedded H2 file, on the default URL of {@code application.yml} (its
 * {@code retry:} file system, {@link H2FileSystemCheck}): the other connections of the pool go on working and every
 * acknowledged commit is kept. On the same URL without {@code retry:}, the same interrupts close the database under
 * every connection, which is what the default URL avoids.
 */
class H2InterruptTest {

    /** Interrupted writers on the default URL: enough for many interrupts to land inside H2's file I/O. */
    private static final int INTERRUPTS = 150;

    @Test
    void the_default_url_keeps_the_database_open_when_a_writer_is_interrupted_in_its_io() throws Exception {
        String url = DefaultDatasource.urlAt(store());
        assertThat(url).startsWith("jdbc:h2:retry:file:");
        assertThat(H2FileSystemCheck.isInterruptibleH2File(url)).isFalse();

        try (HikariDataSource pool = pool(url); Connection held = pool.getConnection()) {
            createTable(held);
            AtomicLong acknowledged = new AtomicLong();
            for (int i = 0; i < INTERRUPTS; i++) {
                interruptAWriter(pool, acknowledged);
                assertThat(rows(held)).as("the held connection after %d interrupted writers", i + 1)
                        .isGreaterThanOrEqualTo(acknowledged.get());
            }
            assertThat(acknowledged.get()).as("commits acknowledged to the interrupted writers").isPositive();
            try (Statement statement = held.createStatement()) {
                assertThat(statement.executeUpdate("INSERT INTO written (payload) VALUES ('after')")).isEqualTo(1);
            }
            try (Connection fresh = pool.getConnection()) {
                assertThat(rows(fresh)).isGreaterThan(acknowledged.get());
            }
        }
    }

    @Test
    void without_retry_an_interrupted_writer_closes_the_database_for_every_connection() throws Exception {
        String url = DefaultDatasource.urlAt(store()).replace("jdbc:h2:retry:file:", "jdbc:h2:file:");
        assertThat(H2FileSystemCheck.isInterruptibleH2File(url)).isTrue();

        SQLException closed = null;
        long deadline = System.nanoTime() + 30_000_000_000L;
        try (HikariDataSource pool = pool(url); Connection held = pool.getConnection()) {
            createTable(held);
            AtomicLong acknowledged = new AtomicLong();
            while (closed == null && System.nanoTime() < deadline) {
                interruptAWriter(pool, acknowledged);
                try {
                    rows(held);
                } catch (SQLException e) {
                    closed = e;
                }
            }
        }
        assertThat((Throwable) closed).as("the held connection after writers interrupted for up to 30 s").isNotNull()
                .hasMessageContaining("The database has been closed");
    }

    @Test
    void the_check_warns_for_h2_files_opened_without_retry_only() {
        assertThat(H2FileSystemCheck.isInterruptibleH2File("jdbc:h2:file:./data/tremplin;WRITE_DELAY=0")).isTrue();
        assertThat(H2FileSystemCheck.isInterruptibleH2File("jdbc:h2:./data/tremplin")).isTrue();
        assertThat(H2FileSystemCheck.isInterruptibleH2File("JDBC:H2:~/tremplin")).isTrue();
        assertThat(H2FileSystemCheck.isInterruptibleH2File("jdbc:h2:retry:file:./data/tremplin")).isFalse();
        assertThat(H2FileSystemCheck.isInterruptibleH2File("jdbc:h2:mem:tremplin;DB_CLOSE_DELAY=-1")).isFalse();
        assertThat(H2FileSystemCheck.isInterruptibleH2File("jdbc:h2:tcp://localhost/./data/tremplin")).isFalse();
        assertThat(H2FileSystemCheck.isInterruptibleH2File("jdbc:postgresql://localhost/tremplin")).isFalse();
        assertThat(H2FileSystemCheck.isInterruptibleH2File("")).isFalse();
        assertThat(H2FileSystemCheck.isInterruptibleH2File(null)).isFalse();
    }

    private static Path store() {
        return Path.of("target", "h2-interrupt-" + UUID.randomUUID().toString().substring(0, 8), "tremplin");
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE written (id BIGINT AUTO_INCREMENT PRIMARY KEY, payload VARCHAR(2000))");
        }
    }

    private static long rows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM written")) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * A writer committing one row at a time (each commit written to the file, {@code WRITE_DELAY=0}), interrupted
     * after a few milliseconds and told to stop; counts the commits that returned.
     */
    private static void interruptAWriter(HikariDataSource pool, AtomicLong acknowledged) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (Connection connection = pool.getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO written (payload) VALUES (?)")) {
                for (int i = 0; !stop.get(); i++) {
                    insert.setString(1, "x".repeat(1_500) + i);
                    insert.executeUpdate();
                    acknowledged.incrementAndGet();
                }
            } catch (SQLException | RuntimeException e) {
                // the interrupt may end the writer; what matters is what the other connections see afterwards
            }
        }, "interrupted-writer");
        writer.start();
        Thread.sleep(10);
        writer.interrupt();
        stop.set(true);
        writer.join(10_000);
        assertThat(writer.isAlive()).as("the writer ended").isFalse();
    }
}
