package org.tremplin.platform.config;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Cuts the link from each event Axon's embedded event store drops from its cache to the next one, as soon as it drops
 * it, so that a dropped event promoted to the old generation of the heap keeps no newer event reachable.
 *
 * <p>The store keeps the events it read as a singly linked list ({@code EmbeddedEventStore.Node}, each with a
 * {@code next}) and drops the oldest by moving its {@code oldest} reference forward, leaving the dropped node's link in
 * place. A dropped node is garbage, but once one has been promoted to the old generation (a node lives in the cache
 * for thousands of events, long enough to be promoted), a young collection does not know it is dead: it keeps
 * everything reachable from it, every event read since, dropped ones included. Each young collection then copied
 * every event read since the last concurrent cycle, and the pauses grew to 35–117 ms where bare Camunda's took 5–10;
 * with the links cut, 10–19 ms in the same benchmark on PostgreSQL (src/docs/performance.md, sessions 43 and 44).
 * {@code java.util.concurrent}'s own linked queues unlink a removed node for the same reason.
 *
 * <p>{@link #unlinkDropped()} runs on the store's producer thread, after each event it added to the cache (the only
 * thread that moves {@code oldest}): it walks from the first node not yet cut to the current oldest and clears each
 * one's {@code next}. Nodes still in the cache are never touched, so a processor reading the cache gets every event as
 * before. A processor whose last node was dropped is behind the cache: Axon's consumer checks that (its node's index
 * below the oldest's) before it follows a link, and then reads the store on a stream of its own from its token, as it
 * did without this; a consumer that looked at its node just before it was dropped and finds no link sees "nothing
 * yet", and at its next look finds itself behind. No event is skipped or read twice either way.
 *
 * <p>The fields are Axon's private ones, read and written through {@link VarHandle}s. Should a later Axon rename them,
 * the unlinker logs a warning once and does nothing: the store works as Axon made it ({@link #active()} is false, and
 * {@code AxonComponentsTest} fails).
 */
final class DroppedEventsUnlinker {

    private static final Logger log = LoggerFactory.getLogger(DroppedEventsUnlinker.class);

    private static final VarHandle OLDEST;
    private static final VarHandle NEXT;
    private static final VarHandle INDEX;

    static {
        VarHandle oldest = null;
        VarHandle next = null;
        VarHandle index = null;
        try {
            Class<?> node = Class.forName(EmbeddedEventStore.class.getName() + "$Node");
            MethodHandles.Lookup store = MethodHandles.privateLookupIn(EmbeddedEventStore.class, MethodHandles.lookup());
            MethodHandles.Lookup nodes = MethodHandles.privateLookupIn(node, MethodHandles.lookup());
            oldest = store.findVarHandle(EmbeddedEventStore.class, "oldest", node);
            next = nodes.findVarHandle(node, "next", node);
            index = nodes.findVarHandle(node, "index", long.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Axon's embedded event store has no node list as expected ({}); the events it drops from its cache "
                    + "stay linked", e.toString());
            oldest = null;
            next = null;
            index = null;
        }
        OLDEST = oldest;
        NEXT = next;
        INDEX = index;
    }

    private final EmbeddedEventStore store;
    /** The first node not yet cut (the oldest at the previous look); only the producer thread uses it. */
    private Object uncut;
    /** Nodes cut so far (for tests). */
    private volatile long cut;
    /** Set when a cut failed: the unlinker then does nothing more. */
    private volatile boolean failed;

    DroppedEventsUnlinker(EmbeddedEventStore store) {
        this.store = store;
    }

    /** Whether this Axon's store has the fields the unlinker cuts. */
    static boolean active() {
        return OLDEST != null;
    }

    /**
     * Cuts the links of the nodes dropped from the cache since the previous call (on the store's producer thread). Never
     * throws: the shared reader must go on whatever happens here; a failure is logged and the unlinker stops.
     */
    void unlinkDropped() {
        if (OLDEST == null || failed) {
            return;
        }
        try {
            cutDropped();
        } catch (RuntimeException e) {
            failed = true;
            log.warn("The events dropped from the event store's cache are no longer unlinked", e);
        }
    }

    private void cutDropped() {
        Object oldest = OLDEST.getVolatile(store);
        if (oldest == null) {
            return;
        }
        Object node = uncut;
        if (node == null) {
            uncut = oldest;
            return;
        }
        long oldestIndex = (long) INDEX.get(oldest);
        while (node != oldest && (long) INDEX.get(node) < oldestIndex) {
            Object following = NEXT.getVolatile(node);
            if (following == null) {
                break; // never the case for a node before the oldest; start again from the oldest
            }
            NEXT.setVolatile(node, (Object) null);
            cut = cut + 1; // only the producer thread writes it
            node = following;
        }
        uncut = oldest;
    }

    /** How many dropped nodes had their link cut (for tests). */
    long cut() {
        return cut;
    }
}
