package org.tremplin.platform.query;

import jakarta.annotation.PreDestroy;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScratchDatabases.class);

    private static final String SEED_SCHEMA = "TREMPLIN_SEED";
    private static final String PUBLIC = "PUBLIC";

    private final LinkedBlockingDeque<Scratch> idle = new LinkedBlockingDeque<>();
    private final int poolSize;
    private final int keptLimit;
    /** Not final: ViewsScaleBenchmark turns checkpoints off and on in one run, to compare. */
    private volatile int checkpointEvery;
    /** The databases kept with a replay's state, by replay key; guarded by {@code this}. */
    private final Map<String, List<Kept>> kept = new HashMap<>();
    private long uses;
    /** Databases migrated in the background once the application is ready (the first request then migrates none). */
    private final int warmUp;
    private final java.util.concurrent.atomic.AtomicBoolean refilling = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean ready;
    private volatile boolean closed;
    /** The checkpoints kept in the database ({@code tremplin.audit.as-of.persisted-checkpoints}); null: none. */
    private volatile AsOfCheckpoints persisted;
    private final java.util.concurrent.atomic.AtomicLong restored = new java.util.concurrent.atomic.AtomicLong();
    /** Restores a subject's stored checkpoints into a database of its own, after a request restored one. */
    private final java.util.concurrent.ThreadPoolExecutor preloader = background("as-of-checkpoint-preload",
            Thread.MIN_PRIORITY);
    /**
     * How many subjects' stored checkpoints a start restores ahead ({@code tremplin.audit.as-of.restore-at-start}),
     * the longest histories first, within the kept limit.
     */
    private volatile int restoreAtStart;
    /** Whether this start restored its subjects ahead already (once: later requests restore their own). */
    private final java.util.concurrent.atomic.AtomicBoolean restoredAhead = new java.util.concurrent.atomic.AtomicBoolean();
    /** The subjects being restored ahead or waiting to be. */
    private final java.util.Set<String> preloading = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Writes the checkpoints a request's replay leaves, after it answered. */
    private final java.util.concurrent.ThreadPoolExecutor saver = background("as-of-checkpoint-save",
            Thread.NORM_PRIORITY);

    /**
     * One daemon thread doing one task at a time, a few waiting at most; more are refused
     * ({@link java.util.concurrent.RejectedExecutionException}: they only save time).
     */
    private static java.util.concurrent.ThreadPoolExecutor background(String name, int priority) {
        return new java.util.concurrent.ThreadPoolExecutor(1, 1, 30, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(4), runnable -> {
                    Thread thread = new Thread(runnable, name);
                    thread.setDaemon(true);
                    thread.setPriority(priority);
                    return thread;
                }, new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
    }

    public ScratchDatabases(int poolSize) {
        this(poolSize, 0);
    }

    public ScratchDatabases(int poolSize, int keptLimit) {
        this(poolSize, keptLimit, DEFAULT_CHECKPOINT_EVERY);
    }

    public ScratchDatabases(int poolSize, int keptLimit, int checkpointEvery) {
        this(poolSize, keptLimit, checkpointEvery, 0);
    }

    @Autowired
    public ScratchDatabases(@Value("${tremplin.audit.as-of.pool-size:4}") int poolSize,
                            @Value("${tremplin.audit.as-of.kept:8}") int keptLimit,
                            @Value("${tremplin.audit.as-of.checkpoint-every:" + DEFAULT_CHECKPOINT_EVERY + "}")
                            int checkpointEvery,
                            @Value("${tremplin.audit.as-of.warm-up:1}") int warmUp) {
        this.poolSize = Math.max(0, poolSize);
        this.keptLimit = Math.max(0, keptLimit);
        this.checkpointEvery = checkpointEvery < 1 ? Integer.MAX_VALUE : checkpointEvery;
        this.warmUp = Math.max(0, Math.min(warmUp, this.poolSize));
    }

    /**
     * Reads and writes checkpoints kept in the database ({@link AsOfCheckpoints}): a request that would fold more than
     * {@code checkpoint-every} steps past every kept state first restores the latest stored checkpoint within its steps,
     * and a replay of more than that many steps stores its final state (after answering, on a thread of its own).
     */
    @Autowired(required = false)
    public void persistTo(AsOfCheckpoints checkpoints) {
        this.persisted = checkpoints;
    }

    /** Whether stored checkpoints are being restored ahead (after a start, or after a request restored one). */
    public boolean restoringAhead() {
        return preloader.getActiveCount() > 0 || !preloader.getQueue().isEmpty();
    }

    @Autowired
    void restoreAtStart(@Value("${tremplin.audit.as-of.restore-at-start:2}") int subjects) {
        this.restoreAtStart = Math.max(0, subjects);
    }

    /**
     * After a start, restores ahead the stored checkpoints of the {@code restore-at-start} subjects with the longest
     * stored histories (those whose full replay costs most), each into a database of its own then kept, as after a
     * request's restore: the first "as of" of such a history after a start then starts from a copy in memory instead
     * of restoring a stored state while the auditor waits (on the 1M-event store, the long project's funding after a
     * restart: 314 ms on H2 and 462 ms on PostgreSQL that way, 48 and 51 ms restored ahead). Runs once per start, on
     * the restoring thread, at the first call that finds such subjects: when the application is ready, or after a pass
     * of the checkpoint builder (after an upgrade, when the earlier version's states were deleted). Returns whether it
     * was queued now.
     */
    public boolean restoreAhead() {
        AsOfCheckpoints store = persisted;
        int subjects = Math.min(restoreAtStart, keptLimit);
        if (store == null || subjects == 0 || closed || restoredAhead.get()) {
            return false;
        }
        try {
            preloader.execute(() -> {
                List<String> keys;
                try {
                    keys = store.longestHistories(subjects);
                } catch (RuntimeException e) {
                    LOG.warn("The stored \"as of\" checkpoints could not be listed to restore ahead: {}", e.toString());
                    return;
                }
                if (keys.isEmpty() || !restoredAhead.compareAndSet(false, true)) {
                    return;
                }
                long start = System.nanoTime();
                long before = restored.get();
                for (String key : keys) {
                    if (closed) {
                        return;
                    }
                    if (preloading.add(key)) {
                        preloadClaimed(key);
                    }
                }
                LOG.info("Stored \"as of\" checkpoints of {} restored ahead: {} state(s) restored in {} ms (none for a"
                                + " subject whose states a kept database holds already)", keys, restored.get() - before,
                        (System.nanoTime() - start) / 1_000_000);
            });
            return true;
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            return false;
        }
    }

    /**
     * Keeps {@code tremplin.audit.as-of.warm-up} databases (1) migrated in the pool, on a background thread, from the
     * moment the application is ready and after each request that takes one: migrating a database takes 0.1-0.2 s,
     * which an "as of" at an instant no kept replay serves would otherwise wait for.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUpWhenReady() {
        ready = true;
        refill();
        restoreAhead();
    }

    private void refill() {
        if (ready && !closed && idle.size() < warmUp && refilling.compareAndSet(false, true)) {
            Thread thread = new Thread(() -> {
                try {
                    warmUp();
                } finally {
                    refilling.set(false);
                }
            }, "as-of-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Migrates databases into the pool until it holds {@code warm-up} of them (or this is closed). */
    void warmUp() {
        while (!closed && idle.size() < warmUp) {
            Scratch scratch;
            try {
                scratch = Scratch.migrate();
            } catch (RuntimeException e) {
                return; // the first request migrates its own, and says why if it cannot
            }
            idle.offerFirst(scratch);
            if (closed) {
                close();
            }
        }
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

    /**
     * A copy, in a kept database, of the state after the first {@code length} steps of its replay (their hash): a schema
     * of its own holding the tables that had rows then, created with their keys and indexes, so that a request can fold
     * its remaining steps into it directly, in a transaction rolled back afterwards. The tables not copied (empty then)
     * are read from {@code PUBLIC} when they are empty there too, else created empty in the copy first.
     */
    private record Checkpoint(int length, long hash, String schema, java.util.Set<String> tables) {
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
     * request whose steps are a shorter prefix of a kept replay's (the same subject at an earlier instant) works on the
     * latest such copy within its steps (its schema made the connection's default), in a transaction rolled back after
     * the query, and folds the rest only: fewer than {@code checkpoint-every} steps instead of all of them, and nothing
     * copied back (a copy restored into the kept state, then rolled back, was most of such a request's time). A replay
     * that takes checkpoints also keeps the state before any step, which serves a request of fewer steps than the
     * first checkpoint's (the first instants of a long history) without migrating and keeping a database for it.
     * With {@linkplain #persistTo checkpoints kept in the database}, a request that would fold more than
     * {@code checkpoint-every} steps past every state kept here first restores the latest stored state within its
     * steps (of the same prefix hash, under the same code version): into a schema beside a kept database of the same
     * subject, as a checkpoint of its own, or else into a fresh database then kept; and a replay of more than that many
     * steps stores its final state for the other nodes and the next start.
     * The answer is the very one a replay of every step gives: the same code folds the same stored events in the same
     * order.
     */
    public <T> T withReplay(String key, List<Step> steps, Fold fold, Function<JdbcClient, T> query) {
        return replay(key, steps, prefixHashes(steps), fold, (jdbc, scratch) -> query.apply(jdbc), true);
    }

    /**
     * Stores in the database the state after these steps ({@link AsOfCheckpoints}) unless it is stored already: the
     * replay starts from the best kept or stored state, as a request's does, and its database is not kept (a
     * background build must not push the auditors' kept states out). Returns whether a checkpoint was written; false
     * too when no {@link AsOfCheckpoints} is in use.
     */
    public boolean storeCheckpoint(String key, List<Step> steps, Fold fold) {
        AsOfCheckpoints store = persisted;
        if (store == null || steps.isEmpty()) {
            return false;
        }
        long[] prefix = prefixHashes(steps);
        if (store.has(key, steps.size(), prefix[steps.size()])) {
            return false;
        }
        byte[] state = replay(key, steps, prefix, fold, (jdbc, scratch) -> writeState(scratch), false);
        store.save(key, steps.size(), prefix[steps.size()], state);
        return true;
    }

    /** A query on a scratch database, also given its connection (to write its state). */
    @FunctionalInterface
    private interface Query<T> {
        T apply(JdbcClient jdbc, Scratch scratch) throws SQLException;
    }

    private <T> T replay(String key, List<Step> steps, long[] prefix, Fold fold, Query<T> query, boolean keepAfter) {
        Kept from = null;
        Checkpoint copy = null;
        int start = -1;
        synchronized (this) {
            for (Kept candidate : kept.getOrDefault(key, List.of())) {
                if (candidate.busy) {
                    continue;
                }
                if (candidate.length <= steps.size() && prefix[candidate.length] == candidate.hash
                        && candidate.length > start) {
                    from = candidate;
                    copy = null;
                    start = candidate.length;
                }
                // a shorter prefix of the same steps (an earlier instant): the latest checkpoint within it
                for (Checkpoint checkpoint : candidate.checkpoints) {
                    // the state before any step serves fewer steps than a checkpoint's run only: a longer request that
                    // is no prefix of the kept replay gets a kept replay of its own
                    boolean near = checkpoint.length() > 0 || steps.size() <= checkpointEvery;
                    if (near && checkpoint.length() <= steps.size() && prefix[checkpoint.length()] == checkpoint.hash()
                            && checkpoint.length() > start) {
                        from = candidate;
                        copy = checkpoint;
                        start = checkpoint.length();
                    }
                }
            }
            if (from != null) {
                from.busy = true;
                from.used = ++uses;
            }
        }
        AsOfCheckpoints store = persisted;
        if (store != null && steps.size() - Math.max(start, 0) > checkpointEvery) {
            // more than a checkpoint's run to fold from every kept state: a stored checkpoint may be nearer
            Stored stored = latestStored(store, key, steps.size(), prefix, Math.max(start, 0));
            if (stored != null && from == null) {
                // no kept state holds a prefix of these steps; a kept database of the subject still can hold the copy
                from = claimAny(key);
                if (from == null) {
                    return restoreAndFold(key, steps, prefix, stored, fold, query, keepAfter);
                }
            }
            if (stored != null) {
                // restored beside the kept state's own checkpoints, where later requests near that instant find it
                try {
                    Checkpoint restored = from.scratch.restoreCheckpoint(stored.checkpoint().steps(),
                            stored.checkpoint().hash(), stored.state());
                    synchronized (this) {
                        from.checkpoints.add(restored);
                    }
                    this.restored.incrementAndGet();
                    copy = restored;
                    start = restored.length();
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("The \"as of\" checkpoint of {} after {} steps could not be restored; replaying instead: {}",
                            key, stored.checkpoint().steps(), e.toString());
                    release(from, false);
                    return replayAll(key, steps, prefix, fold, query, keepAfter);
                }
            }
        }
        if (from == null) {
            return replayAll(key, steps, prefix, fold, query, keepAfter);
        }
        boolean sound = false;
        boolean onCheckpoint = false;
        try {
            if (copy != null) {
                // the checkpoint's own tables: written in this transaction, rolled back below, so the copy stays as it was
                onCheckpoint = true;
                from.scratch.use(copy);
            }
            from.scratch.begin();
            JdbcClient jdbc = JdbcClient.create(from.scratch.dataSource);
            fold.apply(jdbc, steps.subList(start, steps.size()));
            T result = query.apply(jdbc, from.scratch);
            if (copy == null && steps.size() - from.length > ADVANCE_AFTER) {
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
            if (onCheckpoint) {
                sound = from.scratch.rollback() && from.scratch.usePublic() && sound;
            }
            release(from, sound);
        }
    }

    /** Whether a kept database of this key holds at least that many checkpoints (a preload's, or a full replay's). */
    private synchronized boolean heldInMemory(String key, int checkpoints) {
        return kept.getOrDefault(key, List.of()).stream().anyMatch(held -> held.checkpoints.size() >= checkpoints);
    }

    /** Any kept database of this key not in use, marked in use; null if none. */
    private synchronized Kept claimAny(String key) {
        for (Kept candidate : kept.getOrDefault(key, List.of())) {
            if (!candidate.busy) {
                candidate.busy = true;
                candidate.used = ++uses;
                return candidate;
            }
        }
        return null;
    }

    /** A stored checkpoint and its state. */
    private record Stored(AsOfCheckpoints.Stored checkpoint, byte[] state) {
    }

    /** The longest stored checkpoint of these steps longer than {@code after} steps, with its state; null if none. */
    private Stored latestStored(AsOfCheckpoints store, String key, int length, long[] prefix, int after) {
        try {
            for (AsOfCheckpoints.Stored candidate : store.candidates(key, length, 64)) {
                if (candidate.steps() <= after) {
                    return null;
                }
                if (prefix[candidate.steps()] == candidate.hash()) {
                    return store.state(key, candidate).map(state -> new Stored(candidate, state)).orElse(null);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("The \"as of\" checkpoints of {} could not be read; replaying instead: {}", key, e.toString());
        }
        return null;
    }

    /**
     * A fresh database given the stored checkpoint's rows, then the steps after it folded, the query answered and the
     * database kept (or given back, for a background build).
     */
    private <T> T restoreAndFold(String key, List<Step> steps, long[] prefix, Stored stored, Fold fold, Query<T> query,
                                 boolean keepAfter) {
        // the pool is refilled after the request, not during it: a migration beside the restore slowed it (130 ms, 59 alone)
        Scratch scratch = idle.pollFirst();
        if (scratch == null) {
            scratch = Scratch.migrate();
        }
        try {
            scratch.begin();
            scratch.restore(stored.state());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("The \"as of\" checkpoint of {} after {} steps could not be restored; replaying instead: {}", key,
                    stored.checkpoint().steps(), e.toString());
            scratch.destroy();
            return replayAll(key, steps, prefix, fold, query, keepAfter);
        }
        restored.incrementAndGet();
        boolean committed = false;
        try {
            JdbcClient jdbc = JdbcClient.create(scratch.dataSource);
            int after = stored.checkpoint().steps();
            fold.apply(jdbc, steps.subList(after, steps.size()));
            T result = query.apply(jdbc, scratch);
            if (keepAfter && steps.size() - after > checkpointEvery) {
                storeLater(key, steps.size(), prefix[steps.size()], scratch);
            }
            committed = scratch.commit();
            return result;
        } catch (Exception e) {
            throw asRuntime(key, e);
        } finally {
            settle(key, scratch, committed, keepAfter, steps.size(), prefix[steps.size()], List.of());
            refill();
            if (committed && keepAfter && keptLimit > 0 && preloading.add(key)) {
                // once per subject at a time: several first requests at once (several auditors) restore one each
                try {
                    preloader.execute(() -> preloadClaimed(key));
                } catch (java.util.concurrent.RejectedExecutionException busy) {
                    preloading.remove(key);
                }
            }
        }
    }

    /** {@link #preload} of a subject claimed in {@code preloading} (once at a time), which it then gives back. */
    private void preloadClaimed(String key) {
        try {
            preload(key);
        } finally {
            preloading.remove(key);
        }
    }

    /**
     * Restores every stored checkpoint of the subject into a database of its own, on a thread of its own, each as a
     * checkpoint of that database, which is then kept (holding the state before any step, as a full replay's keeps):
     * a request at another instant of the same history then starts from a copy in memory, as after a full replay,
     * instead of restoring a stored state of its own (on PostgreSQL, p99 163-221 ms at new instants that way, against
     * 49 ms from a full replay's copies). Restoring into a database no request uses keeps the requests from waiting on
     * it. Costs about 10 µs a row restored, in the background.
     */
    private void preload(String key) {
        AsOfCheckpoints store = persisted;
        if (store == null || closed) {
            return;
        }
        Scratch scratch = null;
        boolean sound = false;
        List<Checkpoint> copies = new ArrayList<>();
        try {
            List<AsOfCheckpoints.Stored> stored = store.candidates(key, Integer.MAX_VALUE, 1_000);
            if (stored.size() < 2 || heldInMemory(key, stored.size())) {
                return; // the one restored is kept already, or a kept database holds them all
            }
            scratch = Scratch.migrate();
            for (AsOfCheckpoints.Stored candidate : stored) {
                if (closed) {
                    return;
                }
                byte[] state = store.state(key, candidate).orElse(null);
                if (state != null) {
                    copies.add(scratch.restoreCheckpoint(candidate.steps(), candidate.hash(), state));
                }
            }
            sound = true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("The stored \"as of\" checkpoints of {} could not be restored ahead: {}", key, e.toString());
        } finally {
            if (sound && !closed) {
                Kept preloaded = new Kept(key, scratch, 0, prefixHashes(List.of())[0]);
                preloaded.checkpoints.addAll(copies);
                restored.addAndGet(copies.size());
                keep(preloaded);
            } else if (scratch != null) {
                scratch.destroy();
            }
        }
    }

    /** A committed database is kept (or recycled, for a background build); a failed one is dropped. */
    private void settle(String key, Scratch scratch, boolean committed, boolean keepAfter, int length, long hash,
                        List<Checkpoint> checkpoints) {
        if (!committed) {
            scratch.destroy();
        } else if (keepAfter && keptLimit > 0) {
            Kept fresh = new Kept(key, scratch, length, hash);
            fresh.checkpoints.addAll(checkpoints);
            keep(fresh);
        } else {
            recycle(scratch);
        }
    }

    /** Writes the database's state now and stores it as a checkpoint on the saver's thread (dropped if it is busy). */
    private void storeLater(String key, int length, long hash, Scratch scratch) {
        AsOfCheckpoints store = persisted;
        if (store == null || saver.getQueue().remainingCapacity() == 0) {
            return;
        }
        byte[] state;
        try {
            state = writeState(scratch);
        } catch (RuntimeException | SQLException e) {
            LOG.warn("The \"as of\" state of {} could not be written as a checkpoint: {}", key, e.toString());
            return;
        }
        try {
            saver.execute(() -> {
                try {
                    store.save(key, length, hash, state);
                } catch (RuntimeException e) {
                    LOG.warn("The \"as of\" checkpoint of {} could not be stored: {}", key, e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            LOG.debug("The \"as of\" checkpoint of {} was not stored: the saver is busy", key);
        }
    }

    /** The read-model rows the connection sees (its schema, then {@code PUBLIC}), as a checkpoint keeps them. */
    private static byte[] writeState(Scratch scratch) throws SQLException {
        return ScratchState.write(scratch.connection(), scratch.tables);
    }

    private <T> T replayAll(String key, List<Step> steps, long[] prefix, Fold fold, Query<T> query, boolean keepAfter) {
        if (keptLimit == 0 && keepAfter) {
            return withScratch(jdbc -> {
                try {
                    fold.apply(jdbc, steps);
                } catch (Exception e) {
                    throw asRuntime(key, e);
                }
                try {
                    return query.apply(jdbc, null);
                } catch (SQLException e) {
                    throw asRuntime(key, e);
                }
            });
        }
        Scratch scratch = idle.pollFirst();
        refill();
        if (scratch == null) {
            scratch = Scratch.migrate();
        }
        boolean committed = false;
        List<Checkpoint> checkpoints = new ArrayList<>();
        try {
            scratch.begin();
            JdbcClient jdbc = JdbcClient.create(scratch.dataSource);
            // folded in runs of checkpointEvery steps, the state copied between runs: a later request for a shorter
            // prefix of these steps (an earlier instant) works on the latest copy within it and folds the rest only;
            // a replay long enough to take copies also keeps the state before any step, for instants before the first
            // (not for a background build, whose database is not kept)
            boolean copies = keepAfter && keptLimit > 0;
            if (copies && steps.size() > checkpointEvery) {
                checkpoints.add(scratch.checkpoint(0, prefix[0]));
            }
            int done = 0;
            do {
                int end = (int) Math.min((long) done + checkpointEvery, steps.size());
                fold.apply(jdbc, steps.subList(done, end));
                done = end;
                if (copies && done < steps.size()) {
                    checkpoints.add(scratch.checkpoint(done, prefix[done]));
                }
            } while (done < steps.size());
            T result = query.apply(jdbc, scratch);
            if (keepAfter && steps.size() > checkpointEvery) {
                storeLater(key, steps.size(), prefix[steps.size()], scratch);
            }
            committed = scratch.commit();
            return result;
        } catch (Exception e) {
            throw asRuntime(key, e);
        } finally {
            settle(key, scratch, committed, keepAfter, steps.size(), prefix[steps.size()], checkpoints);
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

    /** Stored checkpoints restored since the start (the operations' readings, and tests). */
    public long checkpointsRestored() {
        return restored.get();
    }

    /** Kept databases (for tests). */
    synchronized int keptCount() {
        return kept.values().stream().mapToInt(List::size).sum();
    }

    /** Runs the work on an empty, migrated database of its own, then gives the database back. */
    public <T> T withScratch(Function<JdbcClient, T> work) {
        Scratch scratch = idle.pollFirst();
        refill();
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
        closed = true;
        // not interrupted (org.tremplin.platform.BackgroundThreads): they read and write the application's database
        org.tremplin.platform.BackgroundThreads.stopWithoutInterrupting(saver, java.time.Duration.ofSeconds(20), LOG,
                "Saving an \"as of\" state");
        org.tremplin.platform.BackgroundThreads.stopWithoutInterrupting(preloader, java.time.Duration.ofSeconds(20), LOG,
                "Restoring \"as of\" states ahead");
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

    /**
     * The statements of H2's {@code SCRIPT} that define a table of {@code PUBLIC}, its keys or its indexes; group 4 is
     * the table's name. A checkpoint creates them with {@code PUBLIC} replaced by its schema: the read models have no
     * foreign key nor sequence, which would name objects the checkpoint does not hold.
     */
    private static final java.util.regex.Pattern TABLE_DEFINITION = java.util.regex.Pattern.compile(
            "(CREATE (MEMORY |CACHED )?TABLE|ALTER TABLE|CREATE (UNIQUE )?INDEX \"" + PUBLIC + "\"\\.\"[^\"]+\" ON) \""
                    + PUBLIC + "\"\\.\"([^\"]+)\"");

    private static final class Scratch {
        final SingleConnectionDataSource dataSource;
        final List<String> tables;
        final List<String> seeded;
        /** Per table, the statements that create it with its keys and indexes in schema {@code PUBLIC}. */
        final Map<String, List<String>> tableDefinitions;
        /** The checkpoint schemas in this database (dropped by {@link #reset}). */
        final List<String> checkpointSchemas = new ArrayList<>();

        private Scratch(SingleConnectionDataSource dataSource, List<String> tables, List<String> seeded,
                        Map<String, List<String>> tableDefinitions) {
            this.dataSource = dataSource;
            this.tables = tables;
            this.seeded = seeded;
            this.tableDefinitions = tableDefinitions;
        }

        static Scratch migrate() {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                    "jdbc:h2:mem:scratch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=0", "sa", "", true);
            try {
                Flyway.configure().dataSource(dataSource)
                        .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
                List<String> tables = new ArrayList<>();
                List<String> seeded = new ArrayList<>();
                Map<String, List<String>> tableDefinitions = new HashMap<>();
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
                    // every table's definition, keys and indexes included, to create checkpoint schemas like PUBLIC
                    try (ResultSet script = statement.executeQuery("SCRIPT NODATA NOPASSWORDS NOSETTINGS")) {
                        while (script.next()) {
                            String sql = script.getString(1);
                            java.util.regex.Matcher definition = TABLE_DEFINITION.matcher(sql);
                            if (definition.lookingAt() && tables.contains(definition.group(4))) {
                                tableDefinitions.computeIfAbsent(definition.group(4), t -> new ArrayList<>()).add(sql);
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
                return new Scratch(dataSource, List.copyOf(tables), List.copyOf(seeded), Map.copyOf(tableDefinitions));
            } catch (SQLException | RuntimeException e) {
                dataSource.destroy();
                throw new IllegalStateException("A scratch database for an \"as of\" view could not be migrated", e);
            }
        }

        /**
         * Copies the state into a schema of its own: each table that holds rows, created as in {@code PUBLIC} (keys and
         * indexes), with its rows. Creating tables commits the work so far: only a full replay, whose database is
         * dropped if it fails, takes checkpoints.
         */
        Checkpoint checkpoint(int length, long hash) throws SQLException {
            String schema = "CHECKPOINT_" + checkpointSchemas.size();
            java.util.Set<String> copied = new java.util.HashSet<>();
            try (Statement statement = dataSource.getConnection().createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
                checkpointSchemas.add(schema);
                for (String table : tables) {
                    if (empty(statement, table)) {
                        continue;
                    }
                    create(statement, schema, table);
                    statement.execute("INSERT INTO " + schema + "." + quote(table) + " SELECT * FROM " + PUBLIC + "."
                            + quote(table));
                    copied.add(table);
                }
            }
            return new Checkpoint(length, hash, schema, java.util.Collections.unmodifiableSet(copied));
        }

        /**
         * Makes the checkpoint's schema the connection's default, {@code PUBLIC} searched after it for the tables it did
         * not copy (empty at the checkpoint): each such table that holds rows in {@code PUBLIC} is first created, empty,
         * in the checkpoint. Run before the request's transaction begins (creating a table commits).
         */
        void use(Checkpoint checkpoint) throws SQLException {
            try (Statement statement = dataSource.getConnection().createStatement()) {
                for (String table : tables) {
                    if (!checkpoint.tables().contains(table) && !empty(statement, table)
                            && !exists(statement, checkpoint.schema(), table)) {
                        create(statement, checkpoint.schema(), table);
                    }
                }
                statement.execute("SET SCHEMA " + checkpoint.schema());
                statement.execute("SET SCHEMA_SEARCH_PATH " + checkpoint.schema() + ", " + PUBLIC);
            }
        }

        /** Back to {@code PUBLIC} alone; false if that failed (the database is then dropped). */
        boolean usePublic() {
            try (Statement statement = dataSource.getConnection().createStatement()) {
                statement.execute("SET SCHEMA " + PUBLIC);
                statement.execute("SET SCHEMA_SEARCH_PATH " + PUBLIC);
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        private void create(Statement statement, String schema, String table) throws SQLException {
            for (String definition : tableDefinitions.getOrDefault(table, List.of())) {
                statement.execute(definition.replace("\"" + PUBLIC + "\".", "\"" + schema + "\"."));
            }
        }

        private static boolean exists(Statement statement, String schema, String table) throws SQLException {
            try (ResultSet found = statement.executeQuery("SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = '"
                    + schema + "' AND TABLE_NAME = '" + table.replace("'", "''") + "'")) {
                return found.next();
            }
        }

        /** Whether the table of {@code PUBLIC} holds no row. */
        private static boolean empty(Statement statement, String table) throws SQLException {
            try (ResultSet any = statement.executeQuery("SELECT 1 FROM " + PUBLIC + "." + quote(table) + " LIMIT 1")) {
                return !any.next();
            }
        }

        Connection connection() throws SQLException {
            return dataSource.getConnection();
        }

        /**
         * Gives this fresh database a checkpoint's rows ({@link ScratchState}), in the transaction begun: the rows the
         * migrations inserted are deleted first, the checkpoint holding the state of every table.
         */
        long restore(byte[] state) throws SQLException {
            Connection connection = connection();
            try (Statement statement = connection.createStatement()) {
                for (String table : seeded) {
                    statement.execute("DELETE FROM " + quote(table));
                }
            }
            return ScratchState.read(connection, state, tables, null, table -> { });
        }

        /**
         * Restores a stored checkpoint into a schema of its own, as {@link #checkpoint} copies the state: the tables the
         * checkpoint holds rows of, created as in {@code PUBLIC}, with those rows (committed: run outside a request's
         * transaction).
         */
        Checkpoint restoreCheckpoint(int length, long hash, byte[] state) throws SQLException {
            String schema = "CHECKPOINT_" + checkpointSchemas.size();
            java.util.Set<String> copied = new java.util.HashSet<>();
            Connection connection = connection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
                checkpointSchemas.add(schema);
                connection.setAutoCommit(false);
                ScratchState.read(connection, state, tables, schema, table -> {
                    create(statement, schema, table);
                    copied.add(table);
                });
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
            return new Checkpoint(length, hash, schema, java.util.Collections.unmodifiableSet(copied));
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
