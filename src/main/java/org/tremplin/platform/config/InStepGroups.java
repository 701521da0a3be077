package org.tremplin.platform.config;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tremplin.platform.query.InStep;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processing groups whose handlers run in the step's own transaction ({@code tremplin.event-processing.in-step},
 * decision 11), and for each, up to which global index its tracking processor handles again the events steps applied
 * already ({@code read_model_in_step}; no row: all of them).
 *
 * <p>A processor passes by only the events a step applied past that index. The index is {@link #ALL} after a replay's
 * reset (the steps meanwhile wrote into tables being rebuilt) and before a group's first switch, so the processor then
 * handles every event again, in order, from its token; once it has caught up, {@link InStepReadModels} holds the steps
 * back for a moment and records the head as the new index. Each processor reads the index again whenever it claims a
 * segment ({@link InStepTokenStore}), so a node taking over a processor does not act on an index it read earlier.
 */
public final class InStepGroups {

    /** The index meaning "every event": no switch recorded. */
    public static final long ALL = Long.MAX_VALUE;

    private final Set<String> groups;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Long> rehandledTo = new ConcurrentHashMap<>();

    public InStepGroups(Collection<String> groups, DataSource dataSource, Clock clock) {
        this.groups = Set.copyOf(new LinkedHashSet<>(groups));
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** The groups applied in the steps. */
    public Set<String> groups() {
        return groups;
    }

    public boolean inStep(String group) {
        return groups.contains(group);
    }

    /**
     * Whether the group's tracking processor passes this stored event by: a step applied the group for it, past the
     * index up to which the processor handles such events again.
     */
    public boolean passesBy(String group, TrackedEventMessage<?> event) {
        if (!InStep.applied(event, group)) {
            return false;
        }
        TrackingToken token = event.trackingToken();
        long index = token == null ? ALL : token.position().orElse(ALL);
        return index != ALL && index > rehandledTo(group);
    }

    /** The index up to which the group's processor handles again the events steps applied (as last read here). */
    public long rehandledTo(String group) {
        Long known = rehandledTo.get(group);
        return known != null ? known : refresh(group);
    }

    /** Reads the group's index again from the database (in the caller's transaction, if any). */
    public long refresh(String group) {
        List<Long> rows = jdbc.queryForList("SELECT rehandled_to FROM read_model_in_step WHERE processing_group = ?",
                Long.class, group);
        long index = rows.isEmpty() ? ALL : rows.get(0);
        rehandledTo.put(group, index);
        return index;
    }

    /** Records that the group's processor passes by, from now on, the events steps applied past this index. */
    void switched(String group, long index) {
        jdbc.update("DELETE FROM read_model_in_step WHERE processing_group = ?", group);
        jdbc.update("INSERT INTO read_model_in_step (processing_group, rehandled_to, switched_at) VALUES (?, ?, ?)",
                group, index, Timestamp.from(clock.instant()));
        rehandledTo.put(group, index);
    }

    /**
     * Makes the group's processor handle again every event steps applied, until its next switch (a replay's reset, in
     * the reset's transaction; a node that does not apply the group in its steps).
     */
    public void forget(String group) {
        jdbc.update("DELETE FROM read_model_in_step WHERE processing_group = ?", group);
        rehandledTo.put(group, ALL);
    }
}
