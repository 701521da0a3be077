package org.tremplin.audit.seal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seals committed events into the chain, strictly in globalIndex order, from a scheduled task (not an
 * Axon processor: it reads DomainEventEntry's raw rows, owns its position in event_seal itself and has no
 * token to reset). Each run continues after the last sealed index. A missing index stops the run: it may
 * belong to a transaction still open. Only when that index has stayed missing for the gap timeout is it
 * sealed as a permanent gap (a rolled-back insert), so the chain covers every index from 1 and a later
 * deletion can never pass for an index that never existed. Idempotent: the position lives in the
 * database, every run is one transaction, and two nodes racing for the same index collide on the primary key.
 */
@Component
public class EventSealer {

    private static final Logger log = LoggerFactory.getLogger(EventSealer.class);

    private final SealStore store;
    private final SealSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** Missing global index -> System.nanoTime() when first seen missing. */
    private final Map<Long, Long> gapsFirstSeen = new HashMap<>();

    EventSealer(SealStore store, SealSettings settings, PlatformTransactionManager transactionManager, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
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

    /** Seals every committed event it can in order; returns how many chain entries it added. */
    public synchronized int sealPending() {
        int total = 0;
        while (true) {
            Integer added;
            try {
                added = transaction.execute(status -> sealOnePage());
            } catch (DataIntegrityViolationException e) {
                log.debug("Another sealer took the same index; retrying later", e);
                return total;
            }
            if (added == null || added == 0) {
                return total;
            }
            total += added;
        }
    }

    /** Seals what is visible now (see {@link #sealPending()}) and records a checkpoint at the chain's end. */
    public synchronized SealCheckpoint checkpointNow() {
        sealPending();
        return transaction.execute(status -> {
            SealEntry last = store.lastSeal().orElse(null);
            if (last == null) {
                return null;
            }
            store.insertCheckpoint(last.globalIndex(), last.seal(), now());
            return store.lastCheckpoint().orElseThrow();
        });
    }

    private int sealOnePage() {
        Optional<SealEntry> last = store.lastSeal();
        long next = last.map(SealEntry::globalIndex).orElse(0L) + 1;
        String previous = last.map(SealEntry::seal).orElse(SealHash.GENESIS);
        List<StoredEvent> events = store.events(next - 1, Long.MAX_VALUE, settings.pageSize());
        int added = 0;
        try {
            for (StoredEvent event : events) {
                while (next < event.globalIndex()) {
                    if (!gapIsPermanent(next)) {
                        return added;
                    }
                    String seal = SealHash.gap(previous, next);
                    append(new SealEntry(next, null, null, null, seal, previous, now()));
                    log.info("Global index {} sealed as a permanent gap (missing for {} or more)", next, settings.gapTimeout());
                    previous = seal;
                    next++;
                    added++;
                }
                String seal = SealHash.event(previous, event);
                append(new SealEntry(next, event.eventIdentifier(), event.aggregateIdentifier(), event.sequenceNumber(),
                        seal, previous, now()));
                previous = seal;
                next++;
                added++;
            }
            return added;
        } finally {
            long firstUnsealed = next;
            gapsFirstSeen.keySet().removeIf(index -> index < firstUnsealed);
        }
    }

    private void append(SealEntry entry) {
        store.insertSeal(entry);
        if (entry.globalIndex() % settings.checkpointEvery() == 0) {
            store.insertCheckpoint(entry.globalIndex(), entry.seal(), entry.sealedAt());
        }
    }

    private boolean gapIsPermanent(long index) {
        long now = System.nanoTime();
        long firstSeen = gapsFirstSeen.computeIfAbsent(index, i -> now);
        return now - firstSeen >= settings.gapTimeout().toNanos();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
