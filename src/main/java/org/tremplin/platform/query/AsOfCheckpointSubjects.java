package org.tremplin.platform.query;

import java.time.Instant;

/**
 * A view rebuilt "as of" an instant ({@link ScratchDatabases#withReplay}) whose subjects can be checkpointed ahead of
 * any request: told that a stream reached a multiple of {@code tremplin.audit.as-of.checkpoint-every} events, it stores
 * the state of the subjects that stream belongs to as they stood at that event ({@link ScratchDatabases#storeCheckpoint}).
 */
public interface AsOfCheckpointSubjects {

    /**
     * The stream {@code aggregateId} (of aggregate type {@code aggregateType}) has an event stamped {@code at} whose
     * sequence is a multiple of the checkpoint interval (less one): store the states of the subjects it belongs to
     * as of {@code at}, if it belongs to any of this view's. Returns how many checkpoints were written.
     */
    int checkpointAfter(String aggregateType, String aggregateId, Instant at);
}
