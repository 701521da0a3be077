package org.tremplin.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The H2 migration that keeps Axon's serialized bytes in their rows (V101): a store written before it, with payloads
 * and metadata held as BLOBs, keeps every byte, and its columns keep their constraints.
 */
class EventStoreBytesMigrationTest {

    private static final String[] LOCATIONS = {"classpath:db/migration/common", "classpath:db/migration/h2"};

    @Test
    void aStoreWrittenWithBlobsKeepsItsBytesInVarbinaryColumns() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:bytes-migration-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations(LOCATIONS).target("100").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(types(jdbc)).containsEntry("DOMAINEVENTENTRY.PAYLOAD", "BINARY LARGE OBJECT");

        // a payload well over H2's 256 bytes kept in a row for a BLOB, and one byte of every value
        byte[] payload = ("{\"projectId\":\"PRJ-1\",\"summary\":\"" + "x".repeat(2_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] metaData = new byte[256 * 3];
        for (int i = 0; i < metaData.length; i++) {
            metaData[i] = (byte) i;
        }
        jdbc.update("""
                INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,
                    payloadType, timeStamp) VALUES ('PRJ-1', 0, 'Project', 'e-1', ?, ?, 'IdeaSubmittedEvent', '2026-12-03T10:00:00Z')""",
                metaData, payload);
        jdbc.update("""
                INSERT INTO SnapshotEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,
                    payloadType, timeStamp) VALUES ('PRJ-1', 0, 'Project', 's-1', ?, ?, 'Project', '2026-12-03T10:00:00Z')""",
                metaData, payload);
        jdbc.update("INSERT INTO TokenEntry (processorName, segment, token, tokenType) VALUES ('projects', 0, ?, 'T')", payload);

        Flyway.configure().dataSource(dataSource).locations(LOCATIONS).load().migrate();

        Map<String, String> types = types(jdbc);
        for (String column : List.of("DOMAINEVENTENTRY.PAYLOAD", "DOMAINEVENTENTRY.METADATA", "SNAPSHOTEVENTENTRY.PAYLOAD",
                "SNAPSHOTEVENTENTRY.METADATA", "TOKENENTRY.TOKEN")) {
            assertThat(types).containsEntry(column, "BINARY VARYING");
        }
        assertThat(jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE eventIdentifier = 'e-1'", byte[].class))
                .isEqualTo(payload);
        assertThat(jdbc.queryForObject("SELECT metaData FROM DomainEventEntry WHERE eventIdentifier = 'e-1'", byte[].class))
                .isEqualTo(metaData);
        assertThat(jdbc.queryForObject("SELECT payload FROM SnapshotEventEntry WHERE eventIdentifier = 's-1'", byte[].class))
                .isEqualTo(payload);
        assertThat(jdbc.queryForObject("SELECT token FROM TokenEntry WHERE processorName = 'projects'", byte[].class))
                .isEqualTo(payload);
        // NOT NULL stays: an event without a payload is still refused
        assertThat(jdbc.queryForObject("""
                SELECT IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS
                WHERE TABLE_NAME = 'DOMAINEVENTENTRY' AND COLUMN_NAME = 'PAYLOAD'""", String.class)).isEqualTo("NO");
    }

    private static Map<String, String> types(JdbcTemplate jdbc) {
        Map<String, String> types = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS
                WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME IN ('DOMAINEVENTENTRY', 'SNAPSHOTEVENTENTRY', 'TOKENENTRY')""",
                rs -> {
                    types.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3));
                });
        return types;
    }
}
