package org.tremplin.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idle upkeep of an H2 file, on a real file written as the application writes it ({@code WRITE_DELAY=0}: a chunk a
 * commit): a run of small commits leaves most chunks holding a page or two, so the file grows by about what was
 * committed; once the node is idle the upkeep's passes rewrite those pages, and the next run of commits reuses the
 * emptied space instead of growing the file. Nothing is done while steps commit or the file is written without events
 * (a replay), or before the idle time.
 */
class H2FileUpkeepTest {

    private static final int COMMITS = 1_500;

    @TempDir
    Path directory;

    @Test
    void once_idle_it_empties_sparse_chunks_and_the_next_commits_reuse_their_space() throws Exception {
        JdbcDataSource dataSource = file("reused");
        AtomicLong commits = new AtomicLong();
        H2FileUpkeep upkeep = new H2FileUpkeep(dataSource, true, commits::get, Duration.ZERO);
        try (Connection connection = dataSource.getConnection()) {
            prepare(connection);
            long empty = size("reused");
            commitsOfOneRow(connection);
            long grown = size("reused") - empty;
            int sparse = H2FileUpkeep.store(connection).getFileStore().getChunksFillRate();

            assertThat(upkeep.pass(System.nanoTime())).as("the first look starts the idle time").isFalse();
            int passes = 0;
            while (upkeep.pass(System.nanoTime()) && passes < 1_000) {
                passes++;
            }
            int live = H2FileUpkeep.store(connection).getFileStore().getChunksFillRate();
            assertThat(passes).as("passes that moved pages").isPositive();
            assertThat(live).as("chunks' live share after the passes (%s %% before)", sparse)
                    .isGreaterThanOrEqualTo(H2FileUpkeep.FILL_RATE).isGreaterThan(sparse + 20);

            long before = size("reused");
            commitsOfOneRow(connection);
            long grownAgain = size("reused") - before;
            assertThat(grownAgain).as("growth of the file for the same commits after the upkeep (%s before it)", grown)
                    .isLessThan(grown / 3);
        }
    }

    @Test
    void nothing_is_done_while_events_are_committed_or_before_the_idle_time() throws Exception {
        JdbcDataSource dataSource = file("busy");
        AtomicLong commits = new AtomicLong();
        H2FileUpkeep upkeep = new H2FileUpkeep(dataSource, true, commits::get, Duration.ofSeconds(30));
        try (Connection connection = dataSource.getConnection()) {
            prepare(connection);
            commitsOfOneRow(connection);
            int sparse = H2FileUpkeep.store(connection).getFileStore().getChunksFillRate();
            long start = System.nanoTime();

            assertThat(upkeep.pass(start)).as("first look: the idle time starts").isFalse();
            assertThat(upkeep.pass(start + Duration.ofSeconds(29).toNanos())).as("before the idle time").isFalse();
            commits.incrementAndGet();
            assertThat(upkeep.pass(start + Duration.ofSeconds(31).toNanos())).as("an event was committed").isFalse();
            assertThat(upkeep.pass(start + Duration.ofSeconds(60).toNanos())).as("29 s after it").isFalse();
            assertThat(H2FileUpkeep.store(connection).getFileStore().getChunksFillRate()).isEqualTo(sparse);

            assertThat(upkeep.pass(start + Duration.ofSeconds(62).toNanos())).as("idle for 31 s").isTrue();
        }
        assertThat(new H2FileUpkeep(dataSource, false, commits::get, Duration.ZERO).pass(System.nanoTime()))
                .as("not an H2 file of this process").isFalse();
    }

    @Test
    void writing_without_events_as_a_replay_does_is_not_idle() throws Exception {
        JdbcDataSource dataSource = file("replay");
        AtomicLong commits = new AtomicLong();
        H2FileUpkeep upkeep = new H2FileUpkeep(dataSource, true, commits::get, Duration.ofSeconds(30));
        try (Connection connection = dataSource.getConnection()) {
            prepare(connection);
            commitsOfOneRow(connection);
            long start = System.nanoTime();
            assertThat(upkeep.pass(start)).as("first look").isFalse();
            // 3,000 commits of rows and no event in 40 s: far more writes than an idle node's claims
            commitsOfOneRow(connection);
            assertThat(upkeep.pass(start + Duration.ofSeconds(40).toNanos())).as("writing without events").isFalse();
            assertThat(upkeep.pass(start + Duration.ofSeconds(69).toNanos())).as("29 s after the writes").isFalse();
            assertThat(upkeep.pass(start + Duration.ofSeconds(71).toNanos())).as("31 s after the writes").isTrue();
        }
    }

    @Test
    void only_an_h2_file_of_this_process_is_kept() {
        assertThat(H2FileUpkeep.isH2File("jdbc:h2:retry:file:./data/tremplin;WRITE_DELAY=0")).isTrue();
        assertThat(H2FileUpkeep.isH2File("jdbc:h2:file:/var/tremplin/db")).isTrue();
        assertThat(H2FileUpkeep.isH2File("jdbc:h2:./data/tremplin")).isTrue();
        assertThat(H2FileUpkeep.isH2File("jdbc:h2:mem:tremplin;DB_CLOSE_DELAY=-1")).isFalse();
        assertThat(H2FileUpkeep.isH2File("jdbc:h2:tcp://db:9092/tremplin")).isFalse();
        assertThat(H2FileUpkeep.isH2File("jdbc:postgresql://db/tremplin")).isFalse();
        assertThat(H2FileUpkeep.isH2File("")).isFalse();
    }

    /** An H2 file opened as the application opens it, keeping no old data (H2 keeps it 45 s by default). */
    private JdbcDataSource file(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:retry:file:" + directory.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0");
        return dataSource;
    }

    private long size(String name) throws Exception {
        return Files.size(directory.resolve(name + ".mv.db"));
    }

    private static void prepare(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE account (id INT PRIMARY KEY, balance BIGINT, owner VARCHAR(200))");
            statement.execute("INSERT INTO account SELECT x, 0, REPEAT('owner ', 30) FROM SYSTEM_RANGE(1, 2000)");
            statement.execute("CREATE TABLE entry (id IDENTITY PRIMARY KEY, account INT, note VARCHAR(200))");
        }
    }

    /**
     * Commits as a step's: a row appended to a growing table (its last leaf, full, stays live in the chunk that wrote it
     * last) and a row changed among others (a leaf rewritten now and then).
     */
    private static void commitsOfOneRow(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE account SET balance = balance + 1 WHERE id = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO entry (account, note) VALUES (?, REPEAT('entry ', 20))")) {
            for (int i = 0; i < COMMITS; i++) {
                int account = 1 + (int) ((i * 7919L) % 2000);
                update.setInt(1, account);
                update.executeUpdate();
                insert.setInt(1, account);
                insert.executeUpdate();
            }
        }
    }
}
