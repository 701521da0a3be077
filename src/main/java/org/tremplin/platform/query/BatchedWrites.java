package org.tremplin.platform.query;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A read model's writes, sent to the database in JDBC batches during a replay.
 *
 * <p>Replayed events reach the handlers a thousand at a time in one unit of work (see the replay's decision 8); each
 * handler statement used to be its own round trip (PostgreSQL) or execution. Inside such a unit of work, marked by
 * the replay with {@link #BATCHED}, {@link #write} queues a parameterised statement with its <em>footprint</em>: the
 * rows it reads or writes, named {@code table:key} (a coarser name, such as a whole convention's contributors, is
 * always allowed). When the unit of work prepares its commit (in the same transaction, before the token is stored), the
 * queue is sent as a few {@code batchUpdate}s: a statement joins the latest batch of the same SQL text when no batch
 * queued after that one touches its footprint, so that the writes to any one row keep the order of the events. A
 * statement whose result the handler needs, or whose rows cannot be named, goes through {@link #now}: everything
 * queued is sent first, then the statement.
 *
 * <p>A tracking processor's own batch of several stored events (a processor catching up) is marked the same way by
 * {@link LiveBatches}, which falls back to writing at once for a while after such a batch rolled back.
 *
 * <p>In a step's transaction on PostgreSQL, a handler of a {@link OneRoundTripWrites} read model has its writes sent
 * with its savepoint in one round trip when it ends ({@link HandlerRoundTrip}).
 *
 * <p>Outside such a unit of work (a lone step's events, the "as of" rebuilds) every write is executed at once, as
 * before: a failing statement stays the handler's failure, which the processor's dead-letter queue takes. During a
 * replay a statement failing when the queue is sent fails the batch, hence the model's replay.
 */
public final class BatchedWrites {

    /**
     * The unit-of-work resource that asks for batched writes: {@code true} set by the replay on its units of work
     * ({@code false}: a replay that does not batch), or {@link LiveBatches}' mark on a processor's batch of several
     * stored events (its other marks, on a lone event or while suspended, ask for none).
     */
    public static final String BATCHED = BatchedWrites.class.getName() + ".batched";

    private final JdbcClient jdbc;
    private final JdbcOperations batches;
    private final String resource;

    /**
     * @param jdbc    the statements executed at once
     * @param batches the batches; null: every write executed at once
     * @param name    the read model's name (one queue per read model and unit of work)
     */
    public BatchedWrites(JdbcClient jdbc, JdbcOperations batches, String name) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.resource = BatchedWrites.class.getName() + "[" + name + "@" + System.identityHashCode(this) + "]";
    }

    /**
     * Executes the statement, or queues it inside a replay's unit of work.
     *
     * @param footprint every row the statement reads or writes, as {@code table:key} (at least one)
     */
    public void write(String sql, Object[] params, String... footprint) {
        HandlerRoundTrip handler = HandlerRoundTrip.current();
        if (handler != null) {
            handler.add(sql, params);
            return;
        }
        Queue queue = queue();
        if (queue == null) {
            jdbc.sql(sql).params(params).update();
        } else {
            queue.add(sql, params, footprint);
        }
    }

    /** Sends what is queued, then executes the statement: its update count. */
    public int now(String sql, Object... params) {
        HandlerRoundTrip handler = HandlerRoundTrip.current();
        if (handler != null) {
            return handler.now(sql, params);
        }
        flush();
        return jdbc.sql(sql).params(params).update();
    }

    /** Sends what is queued, then the statement once per parameter set, in one batch when batches are allowed. */
    public void batch(String sql, List<Object[]> params) {
        if (params.isEmpty()) {
            return;
        }
        HandlerRoundTrip handler = HandlerRoundTrip.current();
        if (handler != null) {
            params.forEach(values -> handler.add(sql, values));
            return;
        }
        flush();
        if (batches == null || params.size() == 1) {
            params.forEach(values -> jdbc.sql(sql).params(values).update());
        } else {
            batches.batchUpdate(sql, params);
        }
    }

    /** Sends what is queued in the current unit of work (nothing outside a replay's). */
    public void flush() {
        Queue queue = existingQueue();
        if (queue != null) {
            queue.flush();
        }
    }

    private Queue existingQueue() {
        if (batches == null || !CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return CurrentUnitOfWork.get().root().getResource(resource);
    }

    private Queue queue() {
        if (batches == null || !CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Object batched = unitOfWork.resources().get(BATCHED);
        if (!Boolean.TRUE.equals(batched) && batched != LiveBatches.MARK) {
            return null;
        }
        return unitOfWork.getOrComputeResource(resource, key -> {
            Queue created = new Queue(batches);
            unitOfWork.onPrepareCommit(u -> created.flush());
            return created;
        });
    }

    /** The statements queued in one unit of work, as batches in order. */
    private static final class Queue {

        private final JdbcOperations batches;
        private final List<Batch> queued = new ArrayList<>();
        /** The batches of each SQL text, by position. */
        private final Map<String, TreeMap<Integer, Batch>> bySql = new HashMap<>();
        /** For each row named in a footprint, the position of the latest batch touching it. */
        private final Map<String, Integer> latestByRow = new HashMap<>();

        Queue(JdbcOperations batches) {
            this.batches = batches;
        }

        /**
         * The statement joins the first batch of its SQL text that comes after every batch touching its rows, or the
         * last of those if it has the same text (so the writes to a row keep their order), or starts a new batch at
         * the end.
         */
        void add(String sql, Object[] params, String[] footprint) {
            if (footprint.length == 0) {
                throw new IllegalArgumentException("A batched write names the rows it touches: " + sql);
            }
            int after = -1;
            for (String row : footprint) {
                Integer latest = latestByRow.get(row);
                if (latest != null && latest > after) {
                    after = latest;
                }
            }
            TreeMap<Integer, Batch> same = bySql.computeIfAbsent(sql, k -> new TreeMap<>());
            // The batch that touched the rows last may be of the same text: appended to it, the statement still runs
            // after the others of its rows (a batch runs in order).
            Map.Entry<Integer, Batch> first = same.ceilingEntry(after);
            Batch batch;
            if (first != null) {
                batch = first.getValue();
            } else {
                batch = new Batch(sql, queued.size());
                queued.add(batch);
                same.put(batch.position, batch);
            }
            batch.params.add(params);
            for (String row : footprint) {
                latestByRow.merge(row, batch.position, Math::max);
            }
        }

        void flush() {
            if (queued.isEmpty()) {
                return;
            }
            List<Batch> sending = new ArrayList<>(queued);
            queued.clear();
            bySql.clear();
            latestByRow.clear();
            for (Batch batch : sending) {
                if (batch.params.size() == 1) {
                    batches.update(batch.sql, batch.params.get(0));
                } else {
                    batches.batchUpdate(batch.sql, batch.params);
                }
            }
        }
    }

    private static final class Batch {
        final String sql;
        final int position;
        final List<Object[]> params = new ArrayList<>();

        Batch(String sql, int position) {
            this.sql = sql;
            this.position = position;
        }
    }
}
