package org.tremplin.audit.seal;

import org.springframework.stereotype.Service;
import org.tremplin.audit.seal.SealVerification.Kind;
import org.tremplin.audit.seal.SealVerification.Problem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recomputes the chain from DomainEventEntry and compares it with event_seal and the checkpoints, walking
 * global indexes 1..last sealed with three paged cursors (events, seals, checkpoints) side by side.
 * The answer never over-claims: events stored after the chain's end are counted (with the age of the
 * oldest) and make the status UNSEALED, never VERIFIED.
 */
@Service
public class SealVerifier {

    /** A chain value kept outside the system. */
    public record ExternalCheckpoint(long globalIndex, String seal) {
    }

    private final SealStore store;
    private final SealSettings settings;
    private final Clock clock;

    SealVerifier(SealStore store, SealSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** How far sealing lags, without recomputing the chain (cheap: for health and metrics). */
    public SealLag lag() {
        long through = store.lastSeal().map(SealEntry::globalIndex).orElse(0L);
        return new SealLag(through, store.countEventsAfter(through), oldestUnsealedAgeSeconds(through),
                store.countGapsPending());
    }

    private long oldestUnsealedAgeSeconds(long through) {
        return store.firstEventAfter(through).map(event -> {
            try {
                return Math.max(0, Duration.between(Instant.parse(event.timeStamp()), clock.instant()).toSeconds());
            } catch (DateTimeParseException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    /** Every checkpoint, oldest index first. */
    public List<SealCheckpoint> checkpoints() {
        return store.allCheckpoints();
    }

    public SealVerification verify(ExternalCheckpoint external) {
        long through = store.lastSeal().map(SealEntry::globalIndex).orElse(0L);
        int pageSize = settings.pageSize();
        PagedCursor<StoredEvent> events = new PagedCursor<>(last ->
                store.events(last == null ? Long.MIN_VALUE : last.globalIndex(), through, pageSize));
        PagedCursor<SealEntry> seals = new PagedCursor<>(last ->
                store.seals(last == null ? Long.MIN_VALUE : last.globalIndex(), through, pageSize));
        PagedCursor<SealCheckpoint> checkpoints = new PagedCursor<>(last -> last == null
                ? store.checkpoints(Long.MIN_VALUE, Long.MIN_VALUE, pageSize)
                : store.checkpoints(last.globalIndex(), last.id(), pageSize));

        Tally tally = new Tally(through, store.countEventsAfter(through), oldestUnsealedAgeSeconds(through));
        StoredEvent before = events.peek();
        if (before != null && before.globalIndex() < 1) {
            return tally.problem(unsealed(events.next(), "stored before the chain's start (index 1)"));
        }
        SealEntry sealBefore = seals.peek();
        if (sealBefore != null && sealBefore.globalIndex() < 1) {
            return tally.problem(new Problem(Kind.INSERTED, sealBefore.globalIndex(), sealBefore.eventIdentifier(),
                    sealBefore.aggregateIdentifier(), sealBefore.sequenceNumber(),
                    "event_seal holds an entry before the chain's start: the seal table was altered"));
        }
        String chain = SealHash.GENESIS;
        for (long index = 1; index <= through; index++) {
            StoredEvent event = events.peek() != null && events.peek().globalIndex() == index ? events.next() : null;
            SealEntry seal = seals.peek() != null && seals.peek().globalIndex() == index ? seals.next() : null;
            if (seal == null) {
                if (event != null) {
                    return tally.problem(unsealed(event, "no chain entry for this index"));
                }
                return tally.problem(new Problem(Kind.DELETED, index, null, null, null,
                        "the chain entry for this index is missing from event_seal: the seal table was altered"));
            }
            if (!seal.previousSeal().equals(chain)) {
                return tally.problem(sealTableAltered(seal, "its previous_seal does not continue the chain"));
            }
            if (seal.isGap()) {
                if (event != null) {
                    return tally.problem(atGap(event, seal));
                }
                chain = SealHash.gap(chain, index);
            } else {
                if (event == null) {
                    return tally.problem(missing(seal));
                }
                String recomputed = SealHash.event(chain, event);
                if (!recomputed.equals(seal.seal())) {
                    return tally.problem(mismatch(seal, event));
                }
                tally.events++;
                chain = recomputed;
            }
            if (!chain.equals(seal.seal())) {
                return tally.problem(sealTableAltered(seal, "its seal does not match the recomputed chain"));
            }
            while (checkpoints.peek() != null && checkpoints.peek().globalIndex() <= index) {
                SealCheckpoint checkpoint = checkpoints.next();
                tally.checkpoints++;
                if (checkpoint.globalIndex() < index || !checkpoint.seal().equals(chain)) {
                    return tally.problem(checkpointMismatch(checkpoint.globalIndex(), seal,
                            "stored checkpoint " + checkpoint.id() + " of " + checkpoint.createdAt()
                                    + " says " + checkpoint.seal() + ", the recomputed chain " + chain));
                }
            }
            if (external != null && external.globalIndex() == index) {
                tally.checkpoints++;
                if (!external.seal().trim().equalsIgnoreCase(chain)) {
                    return tally.problem(checkpointMismatch(index, seal, "the checkpoint you gave says "
                            + external.seal() + ", the recomputed chain " + chain
                            + ": events up to this index were changed and the chain rewritten"));
                }
            }
        }
        SealCheckpoint beyond = checkpoints.peek();
        if (beyond != null) {
            tally.checkpoints++;
            return tally.problem(truncated(beyond.globalIndex(), through, "stored checkpoint " + beyond.id()));
        }
        if (external != null && external.globalIndex() > through) {
            tally.checkpoints++;
            return tally.problem(truncated(external.globalIndex(), through, "the checkpoint you gave"));
        }
        return tally.verified();
    }

    /**
     * A stored event at an index sealed as a permanent gap. Written before the gap was sealed (its timestamp
     * says so): a LATE_ARRIVAL, whose transaction outlived the bound (or a forgery with a backdated
     * timestamp: the chain cannot tell, an auditor must look). Written after: INSERTED, a forgery.
     */
    private Problem atGap(StoredEvent event, SealEntry gap) {
        Optional<Long> sealedAt = store.sealIndexOf(event.eventIdentifier());
        if (sealedAt.isPresent() && sealedAt.get() != event.globalIndex()) {
            return problem(Kind.REORDERED, event, "event sealed at global index " + sealedAt.get()
                    + " is now stored at " + event.globalIndex());
        }
        Instant written = parseOrNull(event.timeStamp());
        if (written != null && written.isBefore(gap.sealedAt().toInstant())) {
            return problem(Kind.LATE_ARRIVAL, event, "event written at " + written + " arrived after its index was"
                    + " sealed as a permanent gap at " + gap.sealedAt() + ": its transaction stayed open longer than"
                    + " the gap timeout (" + settings.gapTimeout() + "), or the row was forged with a backdated"
                    + " timestamp; it is not covered by the chain");
        }
        return problem(Kind.INSERTED, event, "stored event not in the chain: this index was sealed as a permanent gap"
                + " (no event) at " + gap.sealedAt() + ", before the event's own timestamp " + event.timeStamp());
    }

    private static Instant parseOrNull(String timeStamp) {
        try {
            return timeStamp == null ? null : Instant.parse(timeStamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A stored event where the chain has no event: moved here from its sealed index, or inserted. */
    private Problem unsealed(StoredEvent event, String why) {
        Optional<Long> sealedAt = store.sealIndexOf(event.eventIdentifier());
        if (sealedAt.isPresent() && sealedAt.get() != event.globalIndex()) {
            return problem(Kind.REORDERED, event, "event sealed at global index " + sealedAt.get()
                    + " is now stored at " + event.globalIndex());
        }
        return problem(Kind.INSERTED, event, "stored event not in the chain: " + why);
    }

    /** A sealed event with no row at its index: moved elsewhere, or deleted. */
    private Problem missing(SealEntry seal) {
        Optional<Long> storedAt = store.eventIndexOf(seal.eventIdentifier());
        if (storedAt.isPresent()) {
            return problem(Kind.REORDERED, seal, "event sealed at global index " + seal.globalIndex()
                    + " is now stored at " + storedAt.get());
        }
        return problem(Kind.DELETED, seal, "sealed event no longer in the store");
    }

    private Problem mismatch(SealEntry seal, StoredEvent event) {
        if (!seal.eventIdentifier().equals(event.eventIdentifier())) {
            Optional<Long> sealedStoredAt = store.eventIndexOf(seal.eventIdentifier());
            Optional<Long> storedSealedAt = store.sealIndexOf(event.eventIdentifier());
            String was = "sealed event " + seal.eventIdentifier() + " (" + seal.aggregateIdentifier() + " #"
                    + seal.sequenceNumber() + ")";
            if (sealedStoredAt.isPresent() && storedSealedAt.isPresent()) {
                return problem(Kind.REORDERED, event, was + " is now stored at " + sealedStoredAt.get()
                        + ", and this index holds the event sealed at " + storedSealedAt.get());
            }
            if (storedSealedAt.isPresent()) {
                return problem(Kind.DELETED, seal, was + " is gone; later events were renumbered (this index now"
                        + " holds the event sealed at " + storedSealedAt.get() + ")");
            }
            if (sealedStoredAt.isPresent()) {
                return problem(Kind.INSERTED, event, "unsealed event inserted here; " + was + " was pushed to "
                        + sealedStoredAt.get());
            }
            return problem(Kind.ALTERED, event, was + " was replaced by a different event identifier");
        }
        if (!Objects.equals(seal.aggregateIdentifier(), event.aggregateIdentifier())
                || !Objects.equals(seal.sequenceNumber(), event.sequenceNumber())) {
            Optional<StoredEvent> holder = seal.sequenceNumber() == null ? Optional.empty()
                    : store.eventAt(seal.aggregateIdentifier(), seal.sequenceNumber());
            String moved = "sealed as " + seal.aggregateIdentifier() + " #" + seal.sequenceNumber() + ", now "
                    + event.aggregateIdentifier() + " #" + event.sequenceNumber();
            if (holder.isPresent()) {
                return problem(Kind.REORDERED, event, moved + "; " + seal.aggregateIdentifier() + " #"
                        + seal.sequenceNumber() + " is now event " + holder.get().eventIdentifier()
                        + " at global index " + holder.get().globalIndex() + " (sequence numbers swapped)");
            }
            return problem(Kind.ALTERED, event, moved);
        }
        return problem(Kind.ALTERED, event, "the stored row no longer matches its seal (payload, metadata, type,"
                + " payload type or revision, or timestamp changed)");
    }

    private static Problem sealTableAltered(SealEntry seal, String why) {
        return problem(Kind.ALTERED, seal, "chain entry " + seal.globalIndex() + " in event_seal was altered: " + why);
    }

    private static Problem checkpointMismatch(long index, SealEntry seal, String detail) {
        return new Problem(Kind.CHECKPOINT_MISMATCH, index, seal.eventIdentifier(), seal.aggregateIdentifier(),
                seal.sequenceNumber(), detail);
    }

    private static Problem truncated(long index, long through, String which) {
        return new Problem(Kind.CHECKPOINT_MISMATCH, index, null, null, null, which + " is at global index " + index
                + " but the chain ends at " + through + ": sealed events and their seals were removed");
    }

    private static Problem problem(Kind kind, StoredEvent event, String detail) {
        return new Problem(kind, event.globalIndex(), event.eventIdentifier(), event.aggregateIdentifier(),
                event.sequenceNumber(), detail);
    }

    private static Problem problem(Kind kind, SealEntry seal, String detail) {
        return new Problem(kind, seal.globalIndex(), seal.eventIdentifier(), seal.aggregateIdentifier(),
                seal.sequenceNumber(), detail);
    }

    private static final class Tally {
        final long through;
        final long unsealed;
        final long oldestUnsealedAgeSeconds;
        long events;
        long checkpoints;

        Tally(long through, long unsealed, long oldestUnsealedAgeSeconds) {
            this.through = through;
            this.unsealed = unsealed;
            this.oldestUnsealedAgeSeconds = oldestUnsealedAgeSeconds;
        }

        SealVerification problem(Problem problem) {
            return SealVerification.of(events, through, unsealed, oldestUnsealedAgeSeconds, checkpoints, problem);
        }

        SealVerification verified() {
            return SealVerification.of(events, through, unsealed, oldestUnsealedAgeSeconds, checkpoints, null);
        }
    }
}
