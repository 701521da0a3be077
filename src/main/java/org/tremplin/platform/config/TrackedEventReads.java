package org.tremplin.platform.config;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithoutGapsStatementBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Reads the next events after a tracking token's position: the first {@code batchSize} events after it, in the order
 * of the global index, and, for a token with gaps, the gaps that now hold an event, by key.
 *
 * <p>Axon's statements read a window instead, {@code globalIndex > ? AND globalIndex <= ? + batchSize}, so that an
 * empty answer does not tell whether events lie beyond a hole wider than the window; Axon then asks
 * {@code min(globalIndex)} after the position (its "extended gap check") and reads again. The event store's reader
 * polls every 100 ms and reads until an answer is empty, so that second statement ran after almost every read: 22 of
 * the 55 statements a labelling's reads cost (src/docs/performance.md, session 25). Reading the next events rather
 * than a window answers the same rows when there is no wide hole, and the next events past one when there is: an
 * empty answer means nothing is stored after the position, and the check is switched off ({@link AxonConfig}).
 *
 * <p>For a token with gaps, Axon's statement asks {@code (window) OR globalIndex IN (gaps)}: H2 cannot use the primary
 * key for that {@code OR} and reads every row of the store, comparing it with every gap. Every rolled-back insert
 * leaves a gap (a refusal after a command applied, a losing concurrent write, a crash), and Axon keeps up to 250 of
 * them in a token until 10,000 newer events pass. In the test suite's JVMs the event store's reader thread took 27 % of
 * the samples; on the generated store of a million events, the statement for three gaps took 5.9-6.7 s, the read by
 * key 34 ms. Here both halves are read through the primary key, joined with {@code UNION ALL}, on H2 and PostgreSQL
 * alike: the gaps are all below the token's position, the next events above it. Axon asks for this form only for a
 * token that has gaps (an empty list would make {@code IN ()}).
 */
public final class TrackedEventReads implements ReadEventDataWithoutGapsStatementBuilder,
        ReadEventDataWithGapsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(nextEvents(schema, batchSize));
        statement.setLong(1, globalIndex);
        statement.setLong(2, Long.MAX_VALUE);
        return statement;
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                   List<Long> gaps) throws SQLException {
        String index = schema.globalIndexColumn();
        String sql = "SELECT * FROM (" + nextEvents(schema, batchSize) + ") next_events"
                + " UNION ALL SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + index + " IN (" + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")"
                + " ORDER BY " + index + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, Long.MAX_VALUE);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    /**
     * The first {@code batchSize} events after the position (the statement's first parameter), by the primary key.
     *
     * <p>The upper bound (the second parameter, {@link Long#MAX_VALUE}) holds every index: it is there for PostgreSQL's
     * planner. With {@code globalIndex > $1} alone, on a table not analyzed yet (a new database, until autovacuum's
     * first {@code ANALYZE}), the plan the prepared statement keeps assumes a third of the rows follow the position and
     * reads the whole table and sorts it, for every poll, as the table grows: 139 pages and 0.28 ms a read in a
     * four-client run on a fresh database, against 3 pages and 0.014 ms once analyzed. For a range between two
     * parameters the planner assumes half a percent and reads through the primary key, with or without statistics
     * (Axon's window has both bounds too). H2 reads both forms through the primary key.
     */
    private static String nextEvents(EventSchema schema, int batchSize) {
        String index = schema.globalIndexColumn();
        return "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + index + " > ? AND " + index + " <= ? ORDER BY " + index + " ASC FETCH FIRST " + batchSize
                + " ROWS ONLY";
    }
}
