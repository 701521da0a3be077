package org.tremplin.audit.seal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the event-store seal chain ({@code tremplin.audit.seal.*}).
 *
 * @param enabled            whether the background sealer runs (verification works either way)
 * @param interval           pause between two sealing runs
 * @param gapTimeout         the bound on holes: a missing global index is settled as a permanent gap (a
 *                           rolled-back insert) at the latest this long after it was FIRST SEEN missing (the
 *                           first sighting is kept in the database, so the bound holds across restarts and
 *                           nodes); every hole past the bound is settled in the same pass. Sooner when the
 *                           database shows no transaction older than the sighting still open (see
 *                           {@code transactionHorizon}). An event-writing transaction that outlives this bound
 *                           arrives at an index already sealed as a gap: {@code verify} names it LATE_ARRIVAL.
 * @param transactionHorizon settle a hole as soon as the database shows that no transaction that could have
 *                           written it is still open (PostgreSQL: pg_stat_activity.xact_start of the
 *                           application's sessions; H2: INFORMATION_SCHEMA.SESSIONS with uncommitted changes)
 * @param checkpointEvery    a checkpoint each time the chain reaches a multiple of this global index
 * @param pageSize           rows read per query when sealing and verifying
 * @param passSize           entries a sealing pass adds before it commits (a backlog takes several passes, each
 *                           committed)
 * @param verifyWait         how long an incremental verification waits for the one already running on this node
 *                           before it is answered 409 (the first one on a large store with nothing proved yet
 *                           recomputes the whole chain: minutes at 10⁷ events); likewise a checkpoint asked for,
 *                           for the node's sealer at work
 */
@ConfigurationProperties("tremplin.audit.seal")
public record SealSettings(@DefaultValue("true") boolean enabled,
                           @DefaultValue("PT1S") Duration interval,
                           @DefaultValue("PT10S") Duration gapTimeout,
                           @DefaultValue("true") boolean transactionHorizon,
                           @DefaultValue("100") int checkpointEvery,
                           @DefaultValue("500") int pageSize,
                           @DefaultValue("10000") int passSize,
                           @DefaultValue("PT30S") Duration verifyWait) {

    public SealSettings {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("tremplin.audit.seal.checkpoint-every must be at least 1");
        }
        if (passSize < 1) {
            throw new IllegalArgumentException("tremplin.audit.seal.pass-size must be at least 1");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("tremplin.audit.seal.page-size must be at least 1");
        }
        if (verifyWait == null || verifyWait.isNegative()) {
            throw new IllegalArgumentException("tremplin.audit.seal.verify-wait must be zero or more");
        }
        if (gapTimeout == null || gapTimeout.isNegative()) {
            throw new IllegalArgumentException("tremplin.audit.seal.gap-timeout must be zero or more");
        }
    }
}
