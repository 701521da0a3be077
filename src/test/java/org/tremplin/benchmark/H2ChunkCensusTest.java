package org.tremplin.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2ChunkCensusTest {

    @TempDir
    Path directory;

    @Test
    void countsWhatTheCommitsInARangeWroteByTable() throws Exception {
        Path file = directory.resolve("census.mv.db");
        String url = "jdbc:h2:" + directory.resolve("census") + ";WRITE_DELAY=0";
        int before;
        int after;
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE labelled (id INT PRIMARY KEY, project VARCHAR(64), decided VARCHAR(64))");
                statement.execute("CREATE INDEX labelled_project ON labelled (project)");
                statement.execute("CREATE TABLE untouched (id INT PRIMARY KEY)");
                statement.execute("INSERT INTO untouched VALUES (1)");
            }
            before = H2ChunkCensus.newestChunk(file);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO labelled VALUES (?, ?, ?)")) {
                for (int i = 0; i < 20; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "project-" + i);
                    insert.setString(3, "2026-12-07");
                    insert.executeUpdate();
                }
            }
            after = H2ChunkCensus.newestChunk(file);
        }

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
    }
}
