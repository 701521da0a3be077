package org.tremplin.platform.config;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Reads the next events for a tracking token that has gaps, as two reads by the global index joined with
 * {@code UNION ALL}: the batch after the token's position, and the gaps by key.
 *
 * <p>Axon's statement asks {@code (globalIndex > ? AND globalIndex <= ?) OR globalIndex IN (gaps)}. H2 cannot use the
 * primary key for that {@code OR}: it reads every row of the store and compares it with every gap. Every rolled-back
 * insert leaves a gap (a refusal after a command applied, a losing concurrent write, a crash), and Axon keeps up to
 * 250 of them in a token until 10,000 newer events pass. In the test suite's JVMs, where each cached context polls
 * every 100 ms ({@code tremplin.read-your-writes.event-poll-interval}), the event store's reader thread took 27 % of
 * the samples; on the generated store of a million events, the statement for three gaps took 5.9-6.7 s, this one
 * 34 ms. Both halves here are read through the primary key, on H2 and PostgreSQL alike, and the rows are the same: the
 * gaps are all below the token's position, the batch above it. Axon calls it only for a token that has gaps (an
 * empty list would make {@code IN ()}), as it does its own.
 */
public final class GapReadsByIndex implements ReadEventDataWithGapsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                   List<Long> gaps) throws SQLException {
        String index = schema.globalIndexColumn();
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable();
        String sql = select + " WHERE " + index + " > ? AND " + index + " <= ?"
                + " UNION ALL " + select + " WHERE " + index + " IN (" + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")"
                + " ORDER BY " + index + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }
}
