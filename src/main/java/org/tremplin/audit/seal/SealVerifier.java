package org.tremplin.audit.seal;

import org.springframework.stereotype.Service;
import org.tremplin.shared.DomainException;
import org.tremplin.audit.seal.SealVerification.Kind;
import org.tremplin.audit.seal.SealVerification.Mode;
import org.tremplin.audit.seal.SealVerification.Problem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Recomputes the chain from DomainEventEntry and compares it with event_seal and the checkpoints, walking
 * global indexes (1 or the end of the last verified prefix)..last sealed with three paged cursors (events, seals,
 * checkpoints) side by side: memory is one page of each, whatever the store's size.
 * The answer never over-claims: events stored after the chain's end are counted (with the age of the
 * oldest) and make the status UNSEALED, never VERIFIED.
 */
@Service
public class SealVerifier {

    /** A chain value kept outside the system. */
    public record ExternalCheckpoint(long globalIndex, String seal) {
    }

    private static final long PROGRESS_EVERY = 1_000;

    private final SealStore store;
    private final VerificationRecords records;
    private final SealSettings settings;
    private final Clock clock;
    /** One incremental verification at a time on this node (see {@link #verify(ExternalCheckpoint, Mode, Progress)}). */
    private final java.util.concurrent.locks.ReentrantLock incremental = new java.util.concurrent.locks.ReentrantLock(true);

    SealVerifier(SealStore store, VerificationRecords records, SealSettings settings, Clock clock) {
        this.store = store;
        this.records = records;
        this.settings = settings;
        this.clock = clock;
    }

    /** How far sealing lags, without recomputing the chain (cheap: for health and metrics). */
    public SealLag lag() {
        return lag(SealLag.COUNTED_UP_TO);
    }

    /** The lag, unsealed events counted up to {@code countedUpTo} (beyond: the span of indexes after the seal). */
    SealLag lag(int countedUpTo) {
        long through = store.lastSeal().map(SealEntry::globalIndex).orElse(0L);
        long counted = store.countEventsAfter(through, countedUpTo + 1);
        boolean exact = counted <= countedUpTo;
        long unsealed = exact ? counted : Math.max(counted, store.lastEventIndex() - through);
        return new SealLag(through, unsealed, exact, oldestUnsealedAgeSeconds(through), store.countGapsPending());
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

    /** The {@code limit} most recent checkpoints, newest first. */
    public List<SealCheckpoint> latestCheckpoints(int limit) {
        return store.latestCheckpoints(limit);
    }

    public long checkpointCount() {
        return store.checkpointCount();
    }

    /** Told how far a verification has gone: indexes recomputed so far, out of total for this run. */
    public interface Progress {
        Progress NONE = (done, total) -> {
        };

        void at(long done, long total);
    }

    /** The default verification: incremental from what an earlier verification proved (see {@link #verify(ExternalCheckpoint, Mode, Progress)}). */
    public SealVerification verify(ExternalCheckpoint external) {
        return verify(external, Mode.INCREMENTAL, Progress.NONE);
    }

    /**
     * Recomputes the chain and compares it with event_seal, the stored checkpoints and the checkpoint given.
     *
     * <p>FULL recomputes from index 1 and trusts nothing. INCREMENTAL starts from the latest verification record
     * (the longest prefix a previous FULL or INCREMENTAL run proved, see {@link VerificationRecords}): it checks that
     * the record is intact and that event_seal still holds, at the record's last index, the chain value the record
     * proved (a chain rewritten through that index is caught), then recomputes only the indexes after it. It trusts
     * the proved prefix: a row of that prefix edited afterwards (with its seals rewritten from there, or not) is
     * caught by a FULL run or an external checkpoint, not by INCREMENTAL. With no record yet, INCREMENTAL is FULL.
     * A run that finds no problem records what it proved.
     */
    public SealVerification verify(ExternalCheckpoint external, Mode mode, Progress progress) {
        if (mode != Mode.INCREMENTAL) {
            return run(external, mode, progress);
        }
        return incremental(external, progress, settings.verifyWait()).orElseThrow(() -> DomainException.conflict(
                "Another seal verification has been running on this node for more than " + settings.verifyWait().toSeconds()
                        + " s (a first one, with nothing proved yet, recomputes the whole chain): try again in a moment;"
                        + " the next one starts from what it proves"));
    }

    /**
     * An incremental verification, unless the one already running on this node has not ended within that wait
     * (empty then: nothing run, nothing recorded).
     */
    public Optional<SealVerification> verifyIfFree(Duration wait) {
        return incremental(null, Progress.NONE, wait);
    }

    private Optional<SealVerification> incremental(ExternalCheckpoint external, Progress progress, Duration wait) {
        // One incremental run at a time on a node: several asked at once (auditors pressing the button together, a
        // script in a loop) each recomputed the same new indexes, and with no earlier record the whole chain (four at
        // once on the 1M-event store: 12 s each, in parallel). In turn, each starts from what the one before proved;
        // the wait is bounded, since a first run at 10⁷ events takes minutes.
        try {
            if (!incremental.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            return Optional.of(run(external, Mode.INCREMENTAL, progress));
        } finally {
            incremental.unlock();
        }
    }

    private SealVerification run(ExternalCheckpoint external, Mode mode, Progress progress) {
        long through = store.lastSeal().map(SealEntry::globalIndex).orElse(0L);
        long unsealed = store.countEventsAfter(through);
        long unsealedAge = oldestUnsealedAgeSeconds(through);
        int pageSize = settings.pageSize();

        VerificationRecords.Record basis = null;
        if (mode == Mode.INCREMENTAL) {
            basis = records.basis().orElse(null);
        }
        long start = basis == null ? 1 : basis.throughIndex() + 1;
        Mode actual = basis == null ? Mode.FULL : Mode.INCREMENTAL;
        String coverage = basis == null
                ? "full: every index from 1 to " + through + (mode == Mode.INCREMENTAL
                ? " (no earlier verification recorded, so nothing to start from)" : "")
                : start > through
                ? "incremental: nothing new since verification " + basis.id() + " (" + basis.mode() + " of "
                + basis.verifiedAt() + ") proved indexes " + basis.fromIndex() + " to " + basis.throughIndex()
                + " (trusted, not recomputed)"
                : "incremental: indexes " + start + " to " + through + ", from verification " + basis.id() + " ("
                + basis.mode() + " of " + basis.verifiedAt() + ") that proved indexes " + basis.fromIndex() + " to "
                + basis.throughIndex() + " (trusted, not recomputed)";
        Tally tally = new Tally(through, unsealed, unsealedAge, actual, start, coverage);

        StoredEvent before = store.events(Long.MIN_VALUE, 0, 1).stream().findFirst().orElse(null);
        if (before != null) {
            return tally.problem(unsealed(before, "stored before the chain's start (index 1)"));
        }
        SealEntry sealBefore = store.seals(Long.MIN_VALUE, 0, 1).stream().findFirst().orElse(null);
        if (sealBefore != null) {
            return tally.problem(new Problem(Kind.INSERTED, sealBefore.globalIndex(), sealBefore.eventIdentifier(),
                    sealBefore.aggregateIdentifier(), sealBefore.sequenceNumber(),
                    "event_seal holds an entry before the chain's start: the seal table was altered"));
        }

        String chain = SealHash.GENESIS;
        if (basis != null) {
            String broken = records.integrityProblem(basis);
            if (broken != null) {
                return tally.problem(new Problem(Kind.CHECKPOINT_MISMATCH, basis.throughIndex(), null, null, null,
                        broken + "; run a full verification"));
            }
            if (basis.throughIndex() > through) {
                return tally.problem(truncated(basis.throughIndex(), through, "the end of the prefix proved by verification "
                        + basis.id()));
            }
            SealEntry proved = store.seals(basis.throughIndex() - 1, basis.throughIndex(), 1).stream().findFirst()
                    .orElse(null);
            if (proved == null || !basis.throughSeal().equalsIgnoreCase(proved.seal())) {
                return tally.problem(new Problem(Kind.CHECKPOINT_MISMATCH, basis.throughIndex(),
                        proved == null ? null : proved.eventIdentifier(), proved == null ? null : proved.aggregateIdentifier(),
                        proved == null ? null : proved.sequenceNumber(), "verification " + basis.id() + " of "
                        + basis.verifiedAt() + " proved the chain value " + basis.throughSeal() + " at this index; event_seal"
                        + " now holds " + (proved == null ? "no entry" : proved.seal()) + ": the chain was rewritten up to"
                        + " here since; run a full verification"));
            }
            chain = basis.throughSeal();
            if (external != null && external.globalIndex() <= basis.throughIndex()) {
                // inside the proved prefix: event_seal there matched the recomputed chain, and the chain value at the
                // prefix's end is unchanged, so the stored seal stands for the recomputed one
                tally.checkpoints++;
                SealEntry at = store.seals(external.globalIndex() - 1, external.globalIndex(), 1).stream().findFirst()
                        .orElse(null);
                if (at == null || !external.seal().trim().equalsIgnoreCase(at.seal())) {
                    return tally.problem(new Problem(Kind.CHECKPOINT_MISMATCH, external.globalIndex(),
                            at == null ? null : at.eventIdentifier(), at == null ? null : at.aggregateIdentifier(),
                            at == null ? null : at.sequenceNumber(), "the checkpoint you gave says " + external.seal()
                            + ", the chain " + (at == null ? "has no entry there" : at.seal())
                            + ": events up to this index were changed and the chain rewritten"));
                }
            }
        }

        long after = start - 1;
        PagedCursor<StoredEvent> events = new PagedCursor<>(last ->
                store.events(last == null ? after : last.globalIndex(), through, pageSize));
        PagedCursor<SealEntry> seals = new PagedCursor<>(last ->
                store.seals(last == null ? after : last.globalIndex(), through, pageSize));
        long checkpointsAfter = basis == null ? Long.MIN_VALUE : after;
        PagedCursor<SealCheckpoint> checkpoints = new PagedCursor<>(last -> last == null
                ? store.checkpoints(checkpointsAfter, Long.MAX_VALUE, pageSize)
                : store.checkpoints(last.globalIndex(), last.id(), pageSize));
        long total = Math.max(0, through - after);
        progress.at(0, total);
        for (long index = start; index <= through; index++) {
            if ((index - after) % PROGRESS_EVERY == 0) {
                progress.at(index - after, total);
            }
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
        progress.at(total, total);
        SealCheckpoint beyond = checkpoints.peek();
        if (beyond != null) {
            tally.checkpoints++;
            return tally.problem(truncated(beyond.globalIndex(), through, "stored checkpoint " + beyond.id()));
        }
        if (external != null && external.globalIndex() > through) {
            tally.checkpoints++;
            return tally.problem(truncated(external.globalIndex(), through, "the checkpoint you gave"));
        }
        if (through > 0 && (basis == null || through > basis.throughIndex())) {
            records.record(actual.name(), start, through, chain, tally.events, clock.instant());
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
        final Mode mode;
        final long checkedFrom;
        final String coverage;
        long events;
        long checkpoints;

        Tally(long through, long unsealed, long oldestUnsealedAgeSeconds, Mode mode, long checkedFrom, String coverage) {
            this.through = through;
            this.unsealed = unsealed;
            this.oldestUnsealedAgeSeconds = oldestUnsealedAgeSeconds;
            this.mode = mode;
            this.checkedFrom = checkedFrom;
            this.coverage = coverage;
        }

        SealVerification problem(Problem problem) {
            return SealVerification.of(events, through, unsealed, oldestUnsealedAgeSeconds, checkpoints, problem,
                    mode, checkedFrom, coverage);
        }

        SealVerification verified() {
            return SealVerification.of(events, through, unsealed, oldestUnsealedAgeSeconds, checkpoints, null,
                    mode, checkedFrom, coverage);
        }
    }
}
