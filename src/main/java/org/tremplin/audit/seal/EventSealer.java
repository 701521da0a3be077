package org.tremplin.audit.seal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.shared.DomainException;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Seals committed events into the chain, strictly in globalIndex order, from a scheduled task (not an
 * Axon processor: it reads DomainEventEntry's raw rows, owns its position in event_seal itself and has no
 * token to reset). Each pass is one transaction that first takes the seal_lock row (SKIP LOCKED: on several
 * nodes one seals, the others skip their pass), then continues after the last sealed index, and ends once it has
 * added {@code pass-size} entries (and the holes before its last event): a backlog (a fresh national store: 10⁶
 * events) is sealed in transactions of that size, each committed, rather than in one that held every row until its
 * end and lost them all when stopped.
 * <p>
 * Holes: a missing global index may belong to a transaction still open, or to a rolled-back insert. Every
 * hole below the highest stored index is recorded in seal_gap with the database time it was FIRST SEEN
 * (kept across restarts and nodes). A hole is settled, i.e. sealed as a permanent gap, when
 * <ul>
 *     <li>it has been missing for {@code gap-timeout} since its first sighting (the bound), or</li>
 *     <li>the database's transaction horizon, read after that sighting and before the events, shows no open
 *     transaction that began before it ({@link SealStore#horizon()}): its writer is gone, and anything it
 *     committed is visible to the read that follows.</li>
 * </ul>
 * All holes that qualify are settled in the same pass; the pass stops only at the first one that does not.
 * So the chain covers every index from 1 and a later deletion can never pass for an index that never existed.
 */
@Component
public class EventSealer {

    private static final Logger log = LoggerFactory.getLogger(EventSealer.class);

    private final SealStore store;
    private final SealSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** The node's sealing, one at a time: the background passes, a test's call, a checkpoint asked for. */
    private final ReentrantLock work = new ReentrantLock();
    /** The application is stopping: a backlog's passes end after the current one (never interrupted). */
    private volatile boolean stopping;

    EventSealer(SealStore store, SealSettings settings, PlatformTransactionManager transactionManager, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Published before any bean is stopped: the scheduler then waits for the running task rather than interrupting it
     * ({@code spring.task.scheduling.shutdown}; {@link org.tremplin.platform.BackgroundThreads} says why), so a pass
     * over a backlog ends after the pass under way instead of sealing the rest of it.
     */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void applicationStopping() {
        stopping = true;
    }

    @Scheduled(initialDelayString = "${tremplin.audit.seal.interval:PT1S}",
            fixedDelayString = "${tremplin.audit.seal.interval:PT1S}")
    void sealInBackground() {
        if (!settings.enabled()) {
            return;
        }
        try {
            sealPending();
        } catch (RuntimeException e) {
            log.warn("Sealing the event store failed; next attempt in {}: {}", settings.interval(), e.toString());
        }
    }

    /**
     * One sealing pass: seals every committed event it can in order, and every hole that is settled; returns
     * how many chain entries it added (0 as well when another sealer holds the lock).
     */
    public int sealPending() {
        work.lock();
        int added = 0;
        try {
            while (true) {
                Pass pass = transaction.execute(status -> sealPass());
                if (pass == null) {
                    return added;
                }
                added += pass.added();
                if (!pass.reachedItsBound() || stopping) {
                    return added;
                }
            }
        } catch (DataIntegrityViolationException e) {
            log.debug("Another sealer took the same index; retrying later", e);
            return added;
        } finally {
            work.unlock();
        }
    }

    /** What a pass did: entries added, and whether it stopped at its bound (more may be waiting). */
    private record Pass(int added, boolean reachedItsBound) {
    }

    /**
     * Seals what is visible now (see {@link #sealPending()}) and records a checkpoint at the chain's end; null when
     * nothing is sealed. Asked for in a request, so bounded: it waits at most {@code verify-wait} for the node's
     * sealing under way, and seals at most one pass itself; a backlog larger than that (a store loaded or restored,
     * a sealer stopped for a while) is left to the background passes. Either refusal is a conflict that records
     * nothing and says to try again once the sealer has caught up.
     */
    public SealCheckpoint checkpointNow() {
        try {
            if (!work.tryLock(settings.verifyWait().toNanos(), TimeUnit.NANOSECONDS)) {
                throw DomainException.conflict("The sealer has been sealing a backlog on this node for more than "
                        + spoken(settings.verifyWait()) + ": no checkpoint recorded; try again once it has"
                        + " caught up (the seal health details give the events not sealed yet)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DomainException.conflict("Interrupted while waiting for the sealer: no checkpoint recorded");
        }
        try {
            long sealedThrough = store.lastSeal().map(SealEntry::globalIndex).orElse(0L);
            if (store.countEventsAfter(sealedThrough, settings.passSize() + 1) > settings.passSize()) {
                throw DomainException.conflict("More than " + settings.passSize() + " events after global index "
                        + sealedThrough + " are not sealed yet: " + (settings.enabled()
                        ? "the sealer seals them in the background, " + settings.passSize() + " at a time"
                        : "this node's background sealer is off (tremplin.audit.seal.enabled), a node with it on seals"
                        + " them") + "; no checkpoint recorded, try again once the chain has caught up (the seal"
                        + " health details give the events not sealed yet)");
            }
            sealPending();
            return transaction.execute(status -> {
                SealEntry last = store.lastSeal().orElse(null);
                if (last == null) {
                    return null;
                }
                store.insertCheckpoint(last.globalIndex(), last.seal(), now());
                return store.lastCheckpoint().orElseThrow();
            });
        } finally {
            work.unlock();
        }
    }

    private static String spoken(java.time.Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    private Pass sealPass() {
        if (!store.tryLockSealer()) {
            log.debug("Another node is sealing; skipping this pass");
            return new Pass(0, false);
        }
        Optional<SealEntry> last = store.lastSeal();
        long next = last.map(SealEntry::globalIndex).orElse(0L) + 1;
        String previous = last.map(SealEntry::seal).orElse(SealHash.GENESIS);
        long upTo = next - 1 + settings.passSize();

        // 1. every hole below the highest stored index, with its first sighting (persisted): the stored indexes of
        // this pass's span, then the first one after it (a run of holes longer than a pass is recorded whole)
        Map<Long, OffsetDateTime> firstSeen = store.gapsFirstSeen(next - 1);
        Set<Long> seenBefore = new HashSet<>(firstSeen.keySet());
        List<Long> stored = new ArrayList<>(store.eventIndexesAfter(next - 1, upTo));
        store.firstEventIndexAfter(upTo).ifPresent(stored::add);
        OffsetDateTime seenAt = store.databaseNow();
        List<Long> newHoles = new ArrayList<>();
        long expected = next;
        for (long index : stored) {
            for (; expected < index; expected++) {
                if (!firstSeen.containsKey(expected)) {
                    newHoles.add(expected);
                }
            }
            expected = index + 1;
        }
        if (!newHoles.isEmpty()) {
            store.recordGaps(newHoles, seenAt);
            newHoles.forEach(index -> firstSeen.put(index, seenAt));
        }

        // 2. the transaction horizon, read after those sightings and before the events
        SealStore.Horizon horizon = settings.transactionHorizon() && !seenBefore.isEmpty()
                ? store.horizon() : SealStore.Horizon.UNKNOWN;
        OffsetDateTime boundReachedBefore = seenAt.minus(settings.gapTimeout());

        // 3. seal in order, every settled hole included
        int added = 0;
        long gapsSealed = 0;
        long firstGap = 0;
        long lastGap = 0;
        boolean blocked = false;
        List<SealEntry> page = new ArrayList<>();
        boolean reachedItsBound = false;
        while (!blocked) {
            if (added >= settings.passSize()) {
                reachedItsBound = true;
                break;
            }
            List<StoredEvent> events = store.events(next - 1, Long.MAX_VALUE,
                    Math.min(settings.pageSize(), settings.passSize() - added));
            if (events.isEmpty()) {
                break;
            }
            for (StoredEvent event : events) {
                while (next < event.globalIndex()) {
                    OffsetDateTime seen = firstSeen.get(next);
                    boolean settled = seen != null && (!seen.isAfter(boundReachedBefore)
                            || seenBefore.contains(next) && horizon.clearSince(seen));
                    if (!settled) {
                        blocked = true;
                        break;
                    }
                    String seal = SealHash.gap(previous, next);
                    page.add(new SealEntry(next, null, null, null, seal, previous, now()));
                    if (gapsSealed++ == 0) {
                        firstGap = next;
                    }
                    lastGap = next;
                    previous = seal;
                    next++;
                    added++;
                }
                if (blocked) {
                    break;
                }
                String seal = SealHash.event(previous, event);
                page.add(new SealEntry(next, event.eventIdentifier(), event.aggregateIdentifier(), event.sequenceNumber(),
                        seal, previous, now()));
                previous = seal;
                next++;
                added++;
            }
            append(page);
            page.clear();
        }
        store.forgetGapsBefore(next);
        if (gapsSealed > 0) {
            log.info("Sealed {} missing global index(es) between {} and {} as permanent gaps (rolled-back inserts)",
                    gapsSealed, firstGap, lastGap);
        }
        return new Pass(added, reachedItsBound);
    }

    /** A page's entries in one JDBC batch, with the checkpoints that fall among them. */
    private void append(List<SealEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        store.insertSeals(entries);
        for (SealEntry entry : entries) {
            if (entry.globalIndex() % settings.checkpointEvery() == 0) {
                store.insertCheckpoint(entry.globalIndex(), entry.seal(), entry.sealedAt());
            }
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
