package org.tremplin.audit.seal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the event-store seal chain ({@code tremplin.audit.seal.*}).
 *
 * @param enabled         whether the background sealer runs (verification works either way)
 * @param interval        pause between two sealing runs
 * @param gapTimeout      how long a missing global index may stay invisible before it is sealed as a
 *                        permanent gap (a rolled-back insert); longer than any event-writing transaction
 * @param checkpointEvery a checkpoint each time the chain reaches a multiple of this global index
 * @param pageSize        rows read per query when sealing and verifying
 */
@ConfigurationProperties("tremplin.audit.seal")
public record SealSettings(@DefaultValue("true") boolean enabled,
                           @DefaultValue("PT1S") Duration interval,
                           @DefaultValue("PT60S") Duration gapTimeout,
                           @DefaultValue("100") int checkpointEvery,
                           @DefaultValue("500") int pageSize) {

    public SealSettings {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("tremplin.audit.seal.checkpoint-every must be at least 1");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("tremplin.audit.seal.page-size must be at least 1");
        }
    }
}
