package org.tremplin.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2ChunkCensusTest {

    @TempDir
    Path directory;

    @Test
    void countsWhatTheCommitsInARangeWroteByTable() throws Exception {
        Range range = range("census", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE labelled (id INT PRIMARY KEY, project VARCHAR(64), decided VARCHAR(64))");
                statement.execute("CREATE INDEX labelled_project ON labelled (project)");
                statement.execute("CREATE TABLE untouched (id INT PRIMARY KEY)");
                statement.execute("INSERT INTO untouched VALUES (1)");
            }
        }, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO labelled VALUES (?, ?, ?)")) {
                for (int i = 0; i < 20; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "project-" + i);
                    insert.setString(3, "2026-12-07");
                    insert.executeUpdate();
                }
            }
        });
        Path file = range.file();
        int before = range.before();
        int after = range.after();

        H2ChunkCensus.Census census = H2ChunkCensus.census(file, before, after);

        // a chunk per store (WRITE_DELAY=0 stores at each commit); a chunk whose pages were all written again since may
        // have given its space to a newer one: the census counts the chunks of the range still in the file
        assertThat(after).isGreaterThan(before);
        assertThat(census.chunks()).isBetween(1, after - before);
        assertThat(census.bytesByGroup()).containsKeys("LABELLED", "layout (roots and chunks)")
                .doesNotContainKey("UNTOUCHED");
        assertThat(census.bytesByGroup().get("LABELLED")).isPositive();
        assertThat(census.bytesByGroup().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(census.bytes());
        assertThat(H2ChunkCensus.census(file, after, after).chunks()).isZero();
        assertThat(census.storesByTables()).containsOnlyKeys("LABELLED");
        assertThat(census.storesByTables().get("LABELLED").chunks()).isEqualTo(census.chunks());
    }

    @Test
    void sortsTheChunksByTheTablesTheyWrote() throws Exception {
        Range range = range("kinds", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE ACT_HI_TASKINST (id INT PRIMARY KEY, name VARCHAR(64))");
                statement.execute("CREATE TABLE ACT_RU_TASK (id INT PRIMARY KEY, name VARCHAR(64))");
                statement.execute("CREATE TABLE domain_event (id INT PRIMARY KEY, payload VARCHAR(64))");
            }
        }, connection -> {
            try (Statement statement = connection.createStatement()) {
                for (int i = 0; i < 6; i++) {
                    // a step: Camunda's two tables and an event in one commit; then an event alone
                    connection.setAutoCommit(false);
                    statement.execute("INSERT INTO ACT_HI_TASKINST VALUES (" + i + ", 'review')");
                    statement.execute("INSERT INTO ACT_RU_TASK VALUES (" + i + ", 'review')");
                    statement.execute("INSERT INTO domain_event VALUES (" + (2 * i) + ", 'step')");
                    connection.commit();
                    connection.setAutoCommit(true);
                    statement.execute("INSERT INTO domain_event VALUES (" + (2 * i + 1) + ", 'invitation')");
                }
            }
        });
        Path file = range.file();
        int before = range.before();
        int after = range.after();

        H2ChunkCensus.Census census = H2ChunkCensus.census(file, before, after);

        assertThat(after).as("chunks written").isGreaterThan(before);
        assertThat(census.chunks()).as("chunks of %d..%d found", before, after).isPositive();
        // Camunda's tables under one name; every chunk of the range in exactly one kind
        assertThat(census.storesByTables()).containsKeys("ACT_* (Camunda) + DOMAIN_EVENT", "DOMAIN_EVENT");
        assertThat(census.storesByTables().keySet()).allMatch(k -> !k.contains("ACT_HI") && !k.contains("ACT_RU"));
        assertThat(census.storesByTables().values().stream().mapToInt(H2ChunkCensus.Stores::chunks).sum())
                .isEqualTo(census.chunks());
        assertThat(census.storesByTables().values().stream().mapToLong(H2ChunkCensus.Stores::bytes).sum())
                .isEqualTo(census.bytes());
        // one chunk per commit of each kind (WRITE_DELAY=0), six of each
        assertThat(census.storesByTables().get("ACT_* (Camunda) + DOMAIN_EVENT").chunks()).isBetween(1, 6);
        assertThat(census.storesByTables().get("DOMAIN_EVENT").chunks()).isBetween(1, 6);
    }

    /** SQL run on the test's connection. */
    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** An H2 file, and the newest chunk before and after a workload. */
    private record Range(Path file, int before, int after) {
    }

    /**
     * A fresh H2 file set up, then the workload run between two readings of its newest chunk; the file closed without
     * compacting it, which would move every live page into new chunks past the range.
     */
    private Range range(String name, Work setUp, Work workload) throws Exception {
        Path file = directory.resolve(name + ".mv.db");
        String url = "jdbc:h2:" + directory.resolve(name) + ";WRITE_DELAY=0;MAX_COMPACT_TIME=0";
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            setUp.run(connection);
            int before = H2ChunkCensus.newestChunk(file);
            workload.run(connection);
            return new Range(file, before, H2ChunkCensus.newestChunk(file));
        }
    }
}
