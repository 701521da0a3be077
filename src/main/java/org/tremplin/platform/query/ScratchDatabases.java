package org.tremplin.platform.query;

import jakarta.annotation.PreDestroy;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Function;

/**
 * Throwaway in-memory H2 databases with the read models' schema, for rebuilding a read model "as of" an instant with
 * the very same projection code. Migrating a new database costs about 100 ms (Flyway, every migration); so databases
 * are migrated once and reused: the work runs in one transaction that is rolled back, then every table is emptied
 * ({@code TRUNCATE ... RESTART IDENTITY}) and the rows the migrations themselves inserted are put back, which leaves the
 * database as a fresh migration would.
 * At most {@code tremplin.audit.as-of.pool-size} idle databases are kept; a request that finds none migrates one.
 * A database whose reset fails is dropped.
 */
@Component
public class ScratchDatabases {

    private static final String SEED_SCHEMA = "TREMPLIN_SEED";

    private final LinkedBlockingDeque<Scratch> idle = new LinkedBlockingDeque<>();
    private final int poolSize;
    private final int keptLimit;
    /** Not final: ViewsScaleBenchmark turns checkpoints off and on in one run, to compare. */
    private volatile int checkpointEvery;
    /** The databases kept with a replay's state, by replay key; guarded by {@code this}. */
    private final Map<String, List<Kept>> kept = new HashMap<>();
    private long uses;

    public ScratchDatabases(int poolSize) {
        this(poolSize, 0);
    }

    public ScratchDatabases(int poolSize, int keptLimit) {
        this(poolSize, keptLimit, DEFAULT_CHECKPOINT_EVERY);
    }

    @Autowired
    public ScratchDatabases(@Value("${tremplin.audit.as-of.pool-size:4}") int poolSize,
                            @Value("${tremplin.audit.as-of.kept:8}") int keptLimit,
                            @Value("${tremplin.audit.as-of.checkpoint-every:" + DEFAULT_CHECKPOINT_EVERY + "}")
                            int checkpointEvery) {
        this.poolSize = Math.max(0, poolSize);
        this.keptLimit = Math.max(0, keptLimit);
        this.checkpointEvery = checkpointEvery < 1 ? Integer.MAX_VALUE : checkpointEvery;
    }

    /**
     * Steps between two checkpoints of a full replay (see {@link #withReplay}); 0 or less: none. A checkpoint costs a
     * copy of the state in the kept database; a request served from one folds fewer steps than this.
     */
    static final int DEFAULT_CHECKPOINT_EVERY = 250;

    /**
     * One event of a replay, without its payload: its stream and sequence, and which of the replay's handlers folds it.
     * Two replays that fold the same steps in the same order with the same code reach the same state: a stored event
     * never changes.
     */
    public record Step(String aggregate, long sequence, int handler) {
    }

    /** Folds these steps (in order) into the database. */
    @FunctionalInterface
    public interface Fold {
        void apply(JdbcClient jdbc, List<Step> steps) throws Exception;
    }

    /** A copy, in a kept database, of the state after the first {@code length} steps of its replay (their hash). */
    private record Checkpoint(int length, long hash, String schema, List<String> tables) {
    }

    /**
     * A database kept holding the state after the first {@code length} steps of a replay (their hash), and the
     * checkpoints its full replay left: copies of the state after earlier prefixes of the same steps.
     */
    private static final class Kept {
        final String key;
        final Scratch scratch;
        final List<Checkpoint> checkpoints = new ArrayList<>();
        int length;
        long hash;
        long used;
        boolean busy;
        boolean dropped;

        Kept(String key, Scratch scratch, int length, long hash) {
            this.key = key;
            this.scratch = scratch;
            this.length = length;
            this.hash = hash;
        }
    }

    /** Steps beyond a kept state that are folded and kept (the state moves on) rather than rolled back. */
    static final int ADVANCE_AFTER = 500;

    /**
     * Folds these steps into a database and answers the query on it, starting from a kept state when one holds a prefix
     * of the very same steps: up to {@code tremplin.audit.as-of.kept} databases (8) stay alive holding the state a replay
     * reached (committed), each under its key (the view and its subject) with the length and a hash of the steps it
     * folded. A request whose steps begin with those of a kept state folds only the rest, in a transaction rolled back
     * after the query (or kept, when more than {@value #ADVANCE_AFTER} steps were folded: the state moves on); any other
     * folds every step into a pooled database that is then kept (the least recently used kept one is given up), copying
     * the state every {@code tremplin.audit.as-of.checkpoint-every} steps (250) into the kept database as it goes. A
     * request whose steps are a shorter prefix of a kept replay's (the same subject at an earlier instant) restores the
     * latest such copy within its steps, in a transaction rolled back after the query, and folds the rest only: fewer
     * than {@code checkpoint-every} steps instead of all of them.
     * The answer is the very one a replay of every step gives: the same code folds the same stored events in the same
     * order.
     */
    public <T> T withReplay(String key, List<Step> steps, Fold fold, Function<JdbcClient, T> query) {
        long[] prefix = prefixHashes(steps);
        Kept from = null;
        Checkpoint restore = null;
        int start = -1;
        synchronized (this) {
            for (Kept candidate : kept.getOrDefault(key, List.of())) {
                if (candidate.busy) {
                    continue;
                }
                if (candidate.length <= steps.size() && prefix[candidate.length] == candidate.hash
                        && candidate.length > start) {
                    from = candidate;
                    restore = null;
                    start = candidate.length;
                }
                // a shorter prefix of the same steps (an earlier instant): the latest checkpoint within it
                for (Checkpoint checkpoint : candidate.checkpoints) {
                    if (checkpoint.length() <= steps.size() && prefix[checkpoint.length()] == checkpoint.hash()
                            && checkpoint.length() > start) {
                        from = candidate;
                        restore = checkpoint;
                        start = checkpoint.length();
                    }
                }
            }
            if (from != null) {
                from.busy = true;
                from.used = ++uses;
            }
        }
        if (from == null) {
            return replayAll(key, steps, prefix, fold, query);
        }
        boolean sound = false;
        try {
            from.scratch.begin();
            if (restore != null) {
                from.scratch.restore(restore);
            }
            JdbcClient jdbc = JdbcClient.create(from.scratch.dataSource);
            fold.apply(jdbc, steps.subList(start, steps.size()));
            T result = query.apply(jdbc);
            if (restore == null && steps.size() - from.length > ADVANCE_AFTER) {
                sound = from.scratch.commit();
                from.length = steps.size();
                from.hash = prefix[steps.size()];
            } else {
                sound = from.scratch.rollback();
            }
            return result;
        } catch (Exception e) {
            throw asRuntime(key, e);
        } finally {
            release(from, sound);
        }
    }

    private <T> T replayAll(String key, List<Step> steps, long[] prefix, Fold fold, Function<JdbcClient, T> query) {
        if (keptLimit == 0) {
            return withScratch(jdbc -> {
                try {
                    fold.apply(jdbc, steps);
                } catch (Exception e) {
                    throw asRuntime(key, e);
                }
                return query.apply(jdbc);
            });
        }
        Scratch scratch = idle.pollFirst();
        if (scratch == null) {
            scratch = Scratch.migrate();
        }
        boolean committed = false;
        List<Checkpoint> checkpoints = new ArrayList<>();
        try {
            scratch.begin();
            JdbcClient jdbc = JdbcClient.create(scratch.dataSource);
            // folded in runs of checkpointEvery steps, the state copied between runs: a later request for a shorter
            // prefix of these steps (an earlier instant) restores the latest copy within it and folds the rest only
            int done = 0;
            do {
                int end = (int) Math.min((long) done + checkpointEvery, steps.size());
                fold.apply(jdbc, steps.subList(done, end));
                done = end;
                if (done < steps.size()) {
                    checkpoints.add(scratch.checkpoint(done, prefix[done]));
                }
            } while (done < steps.size());
            T result = query.apply(jdbc);
            committed = scratch.commit();
            return result;
        } catch (Exception e) {
            throw asRuntime(key, e);
        } finally {
            if (committed) {
                Kept fresh = new Kept(key, scratch, steps.size(), prefix[steps.size()]);
                fresh.checkpoints.addAll(checkpoints);
                keep(fresh);
            } else {
                scratch.destroy();
            }
        }
    }

    private static RuntimeException asRuntime(String key, Exception e) {
        return e instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("The replay " + key + " could not be folded", e);
    }

    private void keep(Kept fresh) {
        List<Kept> given = new ArrayList<>();
        synchronized (this) {
            fresh.used = ++uses;
            kept.computeIfAbsent(fresh.key, k -> new ArrayList<>()).add(fresh);
            int count = kept.values().stream().mapToInt(List::size).sum();
            while (count > keptLimit) {
                Kept oldest = null;
                for (List<Kept> list : kept.values()) {
                    for (Kept candidate : list) {
                        if (!candidate.busy && candidate != fresh && (oldest == null || candidate.used < oldest.used)) {
                            oldest = candidate;
                        }
                    }
                }
                if (oldest == null) {
                    break;
                }
                forget(oldest);
                given.add(oldest);
                count--;
            }
        }
        given.forEach(old -> recycle(old.scratch));
    }

    private void release(Kept used, boolean sound) {
        boolean give;
        synchronized (this) {
            used.busy = false;
            give = !sound || used.dropped;
            if (give && !used.dropped) {
                forget(used);
            }
        }
        if (give) {
            used.scratch.destroy();
        }
    }

    /** Guarded by {@code this}. */
    private void forget(Kept old) {
        old.dropped = true;
        List<Kept> list = kept.get(old.key);
        if (list != null) {
            list.remove(old);
            if (list.isEmpty()) {
                kept.remove(old.key);
            }
        }
    }

    private void recycle(Scratch scratch) {
        if (idle.size() < poolSize && scratch.reset()) {
            idle.offerFirst(scratch);
        } else {
            scratch.destroy();
        }
    }

    /** prefix[i]: a 64-bit hash of the first i steps. */
    private static long[] prefixHashes(List<Step> steps) {
        long[] prefix = new long[steps.size() + 1];
        long hash = 1125899906842597L;
        prefix[0] = hash;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            hash = 31 * hash + step.aggregate().hashCode();
            hash = 1_000_003L * hash + step.sequence();
            hash = 131 * hash + step.handler();
            hash ^= hash >>> 29;
            prefix[i + 1] = hash;
        }
        return prefix;
    }

    /** Kept databases (for tests). */
    synchronized int keptCount() {
        return kept.values().stream().mapToInt(List::size).sum();
    }

    /** Runs the work on an empty, migrated database of its own, then gives the database back. */
    public <T> T withScratch(Function<JdbcClient, T> work) {
        Scratch scratch = idle.pollFirst();
        if (scratch == null) {
            scratch = Scratch.migrate();
        }
        boolean reusable = false;
        try {
            // one transaction for the whole rebuild, rolled back: no commit per statement (measured: a commit per
            // projection statement was a visible share of an "as of" of 10⁴ events)
            scratch.begin();
            T result = work.apply(JdbcClient.create(scratch.dataSource));
            reusable = scratch.rollback();
            return result;
        } finally {
            if (reusable && idle.size() < poolSize && scratch.reset()) {
                idle.offerFirst(scratch);
            } else {
                scratch.destroy();
            }
        }
    }

    /** Idle databases kept (for tests). */
    int idleCount() {
        return idle.size();
    }

    @PreDestroy
    void close() {
        for (Scratch scratch = idle.pollFirst(); scratch != null; scratch = idle.pollFirst()) {
            scratch.destroy();
        }
        List<Kept> all = new ArrayList<>();
        synchronized (this) {
            kept.values().forEach(all::addAll);
            kept.clear();
            all.forEach(old -> old.dropped = true);
        }
        all.stream().filter(old -> !old.busy).forEach(old -> old.scratch.destroy());
    }

    private static final class Scratch {
        final SingleConnectionDataSource dataSource;
        final List<String> tables;
        final List<String> seeded;
        /** The checkpoint schemas in this database (dropped by {@link #reset}). */
        final List<String> checkpointSchemas = new ArrayList<>();

        private Scratch(SingleConnectionDataSource dataSource, List<String> tables, List<String> seeded) {
            this.dataSource = dataSource;
            this.tables = tables;
            this.seeded = seeded;
        }

        static Scratch migrate() {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                    "jdbc:h2:mem:scratch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=0", "sa", "", true);
            try {
                Flyway.configure().dataSource(dataSource)
                        .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
                List<String> tables = new ArrayList<>();
                List<String> seeded = new ArrayList<>();
                Connection connection = dataSource.getConnection();
                try (Statement statement = connection.createStatement()) {
                    try (ResultSet rows = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                            + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
                        while (rows.next()) {
                            String table = rows.getString(1);
                            if (!table.toLowerCase(Locale.ROOT).startsWith("flyway_schema_history")) {
                                tables.add(table);
                            }
                        }
                    }
                    statement.execute("CREATE SCHEMA " + SEED_SCHEMA);
                    for (String table : tables) {
                        try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
                            count.next();
                            if (count.getLong(1) > 0) {
                                seeded.add(table);
                                statement.execute("CREATE TABLE " + SEED_SCHEMA + "." + quote(table) + " AS SELECT * FROM "
                                        + quote(table));
                            }
                        }
                    }
                }
                return new Scratch(dataSource, List.copyOf(tables), List.copyOf(seeded));
            } catch (SQLException | RuntimeException e) {
                dataSource.destroy();
                throw new IllegalStateException("A scratch database for an \"as of\" view could not be migrated", e);
            }
        }

        /**
         * Copies the state (every table that holds rows) into a schema of its own. Creating tables commits the work so
         * far: only a full replay, whose database is dropped if it fails, takes checkpoints.
         */
        Checkpoint checkpoint(int length, long hash) throws SQLException {
            String schema = "CHECKPOINT_" + checkpointSchemas.size();
            List<String> copied = new ArrayList<>();
            try (Statement statement = dataSource.getConnection().createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
                checkpointSchemas.add(schema);
                for (String table : tables) {
                    try (ResultSet any = statement.executeQuery("SELECT 1 FROM " + quote(table) + " LIMIT 1")) {
                        if (!any.next()) {
                            continue;
                        }
                    }
                    statement.execute("CREATE TABLE " + schema + "." + quote(table) + " AS SELECT * FROM " + quote(table));
                    copied.add(table);
                }
            }
            return new Checkpoint(length, hash, schema, List.copyOf(copied));
        }

        /** In the open transaction (rolled back after the query): every table as the checkpoint holds it. */
        void restore(Checkpoint checkpoint) throws SQLException {
            try (Statement statement = dataSource.getConnection().createStatement()) {
                for (String table : tables) {
                    statement.execute("DELETE FROM " + quote(table));
                }
                for (String table : checkpoint.tables()) {
                    statement.execute("INSERT INTO " + quote(table) + " SELECT * FROM " + checkpoint.schema() + "."
                            + quote(table));
                }
            }
        }

        void begin() {
            try {
                dataSource.getConnection().setAutoCommit(false);
            } catch (SQLException e) {
                throw new IllegalStateException("A scratch database could not start a transaction", e);
            }
        }

        /** Keeps the work; false if that failed (the database is then dropped). */
        boolean commit() {
            try {
                Connection connection = dataSource.getConnection();
                connection.commit();
                connection.setAutoCommit(true);
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        /** Undoes the work; false if that failed (the database is then dropped). */
        boolean rollback() {
            try {
                Connection connection = dataSource.getConnection();
                connection.rollback();
                connection.setAutoCommit(true);
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        /**
         * Back to a freshly migrated state, also for what a rollback does not undo (identity counters, and anything
         * committed by a statement that commits by itself); false if that failed (the database is then dropped).
         */
        boolean reset() {
            try (Statement statement = dataSource.getConnection().createStatement()) {
                for (String schema : checkpointSchemas) {
                    statement.execute("DROP SCHEMA " + schema + " CASCADE");
                }
                checkpointSchemas.clear();
                statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
                for (String table : tables) {
                    if (seeded.contains(table)) {
                        statement.execute("DELETE FROM " + quote(table));
                        statement.execute("INSERT INTO " + quote(table) + " SELECT * FROM " + SEED_SCHEMA + "." + quote(table));
                    } else {
                        statement.execute("TRUNCATE TABLE " + quote(table) + " RESTART IDENTITY");
                    }
                }
                statement.execute("SET REFERENTIAL_INTEGRITY TRUE");
                return true;
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        }

        void destroy() {
            dataSource.destroy();
        }

        private static String quote(String table) {
            return '"' + table.replace("\"", "\"\"") + '"';
        }
    }
}
