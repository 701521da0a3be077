package org.tremplin.project.upcasting;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stored {@code DomainEventEntry} rows kept under {@code src/test/resources/events}: the columns as the JDBC
 * storage engine wrote them (payload and metaData are the JSON bytes). Numbers are read exactly, so a
 * stored {@code 180000.00} stays that.
 */
final class StoredHistoryFixture {

    static final String HISTORY_2019 = "/events/project-history-2019-rev0.json";
    /** The aggregate identifier written in {@link #HISTORY_2019}. */
    static final String PROJECT_2019 = "PRJ-2019-0042";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
            .build();

    record StoredRow(String aggregateIdentifier, long sequenceNumber, String type, String eventIdentifier,
                     String timeStamp, String payloadType, String payloadRevision, JsonNode payload, JsonNode metaData) {

        byte[] payloadBytes() {
            return bytes(payload);
        }

        byte[] metaDataBytes() {
            return bytes(metaData);
        }
    }

    private StoredHistoryFixture() {
    }

    static List<StoredRow> rows(String resource) {
        try (InputStream in = StoredHistoryFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + resource);
            }
            List<StoredRow> rows = new ArrayList<>();
            for (JsonNode row : JSON.readTree(in).get("rows")) {
                rows.add(new StoredRow(row.get("aggregateIdentifier").asText(), row.get("sequenceNumber").asLong(),
                        row.get("type").asText(), row.get("eventIdentifier").asText(), row.get("timeStamp").asText(),
                        row.get("payloadType").asText(), row.get("payloadRevision").asText(), row.get("payload"),
                        row.get("metaData")));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored payload of the first row of that type and revision. */
    static ObjectNode payload(String resource, String payloadType, String revision) {
        return (ObjectNode) rows(resource).stream()
                .filter(row -> row.payloadType().equals(payloadType) && row.payloadRevision().equals(revision))
                .findFirst().orElseThrow().payload().deepCopy();
    }

    /**
     * Inserts the rows as they were stored, under another project id (aggregate identifier and the payloads'
     * {@code projectId}) with fresh event identifiers, so that each test owns its project in the shared database.
     */
    static void insert(JdbcTemplate jdbc, String resource, String projectId) {
        for (StoredRow row : rows(resource)) {
            ObjectNode payload = (ObjectNode) row.payload().deepCopy();
            if (payload.has("projectId")) {
                payload.put("projectId", projectId);
            }
            jdbc.update("""
                            INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,
                              metaData, payload, payloadRevision, payloadType, timeStamp)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    projectId, row.sequenceNumber(), row.type(), UUID.randomUUID().toString(), row.metaDataBytes(),
                    bytes(payload), row.payloadRevision(), row.payloadType(), row.timeStamp());
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
