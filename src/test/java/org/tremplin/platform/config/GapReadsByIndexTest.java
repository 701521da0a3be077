package org.tremplin.platform.config;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tracking token with gaps reads the same events through {@link GapReadsByIndex} as through Axon's own statement
 * (the gaps that now hold an event, then the batch after the position, in order), and on H2 both halves of the read go
 * through the primary key where Axon's statement scans the whole store.
 */
class GapReadsByIndexTest extends ApiTestSupport {

    private static final EventSchema SCHEMA = new EventSchema();

    @Autowired
    private DataSource dataSource;
    @Autowired
    private EventStorageEngine storageEngine;

    @Test
    void a_token_with_gaps_reads_the_gaps_by_key_then_the_batch_after_its_position() throws Exception {
        String user = newUser("gaps", Roles.CARRIER);
        for (int i = 0; i < 4; i++) {
            newOrganisation("Gap Reader " + i + " " + user, "SME", user);
        }
        List<Long> stored = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry ORDER BY globalIndex DESC", Long.class);
        assertThat(stored).hasSizeGreaterThanOrEqualTo(8);
        // the token stands four events from the head, with two stored events and one index that holds nothing as gaps
        long position = stored.get(4);
        List<Long> gaps = List.of(stored.get(7), stored.get(5), -5L);
        List<Long> expected = new ArrayList<>(List.of(stored.get(7), stored.get(5)));
        expected.addAll(List.of(stored.get(3), stored.get(2), stored.get(1), stored.get(0)));
        int batch = (int) (stored.get(0) - position);
        List<Long> sortedGaps = gaps.stream().sorted().toList();

        try (Connection connection = dataSource.getConnection()) {
            List<Long> axon = indexes(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, SCHEMA, position,
                    batch, sortedGaps));
            List<Long> byKey = indexes(new GapReadsByIndex().build(connection, SCHEMA, position, batch, sortedGaps));
            assertThat(byKey).isEqualTo(axon).isEqualTo(expected);

            if (connection.getMetaData().getDatabaseProductName().equals("H2")) {
                String axonPlan = plan(connection, c -> JdbcEventStorageEngineStatements.readEventDataWithGaps(c, SCHEMA,
                        position, batch, sortedGaps), position, batch, sortedGaps);
                // no index condition: every row of the store is read (in the primary key's order, or as a table scan)
                assertThat(axonPlan).as("Axon's statement on H2").doesNotContainPattern("PUBLIC\\.\\w+: GLOBALINDEX");
                String byKeyPlan = plan(connection, c -> new GapReadsByIndex().build(c, SCHEMA, position, batch, sortedGaps),
                        position, batch, sortedGaps);
                assertThat(byKeyPlan).as("the read by key on H2").containsPattern("(?s)/\\* PUBLIC\\.\\w+: GLOBALINDEX > .*/\\* PUBLIC\\.\\w+: GLOBALINDEX IN");
            }
        }

        assertThat(Stream.of(JdbcEventStorageEngine.class.getDeclaredFields())
                .filter(field -> field.getType() == ReadEventDataWithGapsStatementBuilder.class)
                .map(field -> {
                    field.setAccessible(true);
                    try {
                        return field.get(storageEngine);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })).as("the statement the storage engine reads gaps with").singleElement().isInstanceOf(GapReadsByIndex.class);

        // the storage engine reads through it: a processor's token with these gaps gets these events, in this order
        List<String> expectedEvents = expected.stream().map(index -> jdbc.queryForObject(
                "SELECT eventIdentifier FROM DomainEventEntry WHERE globalIndex = ?", String.class, index)).toList();
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(
                GapAwareTrackingToken.newInstance(position, gaps), false)) {
            assertThat(events.limit(expected.size()).map(TrackedEventMessage::getIdentifier).toList())
                    .containsExactlyElementsOf(expectedEvents);
        }
    }

    private static List<Long> indexes(PreparedStatement statement) throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (statement; ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getLong(SCHEMA.globalIndexColumn()));
            }
        }
        return indexes;
    }

    /** H2's plan of the statement a builder prepares, with the same parameters. */
    private static String plan(Connection connection, StatementBuilder builder, long position, int batch, List<Long> gaps)
            throws SQLException {
        String[] sql = new String[1];
        Connection capturing = (Connection) Proxy.newProxyInstance(GapReadsByIndexTest.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("prepareStatement")) {
                        sql[0] = (String) arguments[0];
                    }
                    return method.invoke(connection, arguments);
                });
        builder.build(capturing).close();
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql[0])) {
            explain.setLong(1, position);
            explain.setLong(2, position + batch);
            for (int i = 0; i < gaps.size(); i++) {
                explain.setLong(i + 3, gaps.get(i));
            }
            try (ResultSet rows = explain.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private interface StatementBuilder {
        PreparedStatement build(Connection connection) throws SQLException;
    }
}
