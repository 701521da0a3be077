package org.tremplin.platform.config;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithoutGapsStatementBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
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
 *
 * <p>A run of {@link #RANGE_READ} or more consecutive gaps (a wide hole: a rolled-back import of a hundred projects
 * leaves some 300) is read as a range by key, {@code globalIndex >= first AND globalIndex <= last}, in a branch of its
 * own, rather than as that many parameters of the list: a hole 5,000 indexes wide was 5,000 parameters bound, sent and
 * looked up at every read.
 */
public final class TrackedEventReads implements ReadEventDataWithoutGapsStatementBuilder,
        ReadEventDataWithGapsStatementBuilder {

    /** Consecutive gaps read as one range rather than listed one by one, from this many on. */
    static final int RANGE_READ = 8;

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
        String gapRows = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        List<Long> single = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        GapRuns.forEach(gaps.stream().sorted().distinct().toList(), (first, last) -> {
            if (last - first + 1 >= RANGE_READ) {
                ranges.add(new long[]{first, last});
            } else {
                for (long gap = first; gap <= last; gap++) {
                    single.add(gap);
                }
            }
        });
        StringBuilder sql = new StringBuilder("SELECT * FROM (").append(nextEvents(schema, batchSize))
                .append(") next_events");
        if (!single.isEmpty()) {
            sql.append(" UNION ALL ").append(gapRows).append(index).append(" IN (")
                    .append(String.join(",", Collections.nCopies(single.size(), "?"))).append(')');
        }
        for (int i = 0; i < ranges.size(); i++) {
            sql.append(" UNION ALL ").append(gapRows).append(index).append(" >= ? AND ").append(index).append(" <= ?");
        }
        sql.append(" ORDER BY ").append(index).append(" ASC");
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        int parameter = 1;
        statement.setLong(parameter++, globalIndex);
        statement.setLong(parameter++, Long.MAX_VALUE);
        for (long gap : single) {
            statement.setLong(parameter++, gap);
        }
        for (long[] range : ranges) {
            statement.setLong(parameter++, range[0]);
            statement.setLong(parameter++, range[1]);
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
