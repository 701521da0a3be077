package org.tremplin.audit.replay;

import org.tremplin.audit.replay.ReadModelChecksums.ModelChecksum;

import java.time.Instant;
import java.util.List;

/**
 * A read-model replay as GET /api/audit/replay/{id} shows it: progress while it runs, then the checksums of every
 * model before and after and the models that differ.
 *
 * @param headPosition the event store's head (highest global index) when the replay started
 * @param total        progress over all processors: positions done / positions to replay
 */
public record ReplayReport(String id, State state, String requestedBy, Instant startedAt, Instant finishedAt,
                           Long headPosition, Progress total, List<ProcessorReport> processors,
                           List<Difference> differences, String error) {

    public enum State {
        /** Still replaying. */
        RUNNING,
        /** Every model rebuilt from the events is identical to what it was before. */
        VERIFIED,
        /** Every model was rebuilt, and at least one differed before: it is now repaired from the events. */
        DIFFERENCES,
        /** A processor could not be replayed or verified (see error and the processors). */
        FAILED
    }

    public enum ProcessorState {
        PENDING, REPLAYING, VERIFIED, DIFFERENCES, FAILED,
        /** A tracking processor without tables in {@link ReadModelTables}: left alone. */
        SKIPPED
    }

    /**
     * Events done / total, as tracking positions against the head (global indexes; a rolled-back insert leaves a
     * gap, so a position may count an event that does not exist).
     */
    public record Progress(long done, long total, double percent, Double eventsPerSecond, Long etaSeconds) {
    }

    /**
     * One tracking processor (one model): its progress, its tracking position when each checksum was taken, and the
     * checksums. {@code positionBefore != positionAfter} means events were stored during the replay and may explain
     * a difference. {@code segments}: how many segments its events were handled in at once (1 but for the models of
     * one aggregate per row, {@link ReadModelTables#BY_AGGREGATE}).
     */
    public record ProcessorReport(String name, ProcessorState state, List<String> tables, Progress progress,
                                  Long positionBefore, Long positionAfter, ModelChecksum before, ModelChecksum after,
                                  String description, int segments) {
    }

    /** A model that differed before the replay from what the events give. */
    public record Difference(String model, String description) {
    }
}
