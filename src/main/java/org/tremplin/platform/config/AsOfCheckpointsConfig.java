package org.tremplin.platform.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tremplin.platform.query.AsOfCheckpointBuilder;
import org.tremplin.platform.query.AsOfCheckpointSubjects;
import org.tremplin.platform.query.AsOfCheckpoints;
import org.tremplin.platform.query.ScratchDatabases;

import java.time.Duration;
import java.util.List;

/**
 * The "as of" checkpoints kept in the database and their builder (decision 5), on unless
 * {@code tremplin.audit.as-of.persisted-checkpoints} is false: then the views keep their checkpoints in memory only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tremplin.audit.as-of.persisted-checkpoints", havingValue = "true", matchIfMissing = true)
public class AsOfCheckpointsConfig {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AsOfCheckpointsConfig.class);

    /** The digest of the packaged code, computed once per JVM (a few hundred class files read). */
    private static volatile String codeVersion;

    private static String codeVersion() {
        if (codeVersion == null) {
            synchronized (AsOfCheckpointsConfig.class) {
                if (codeVersion == null) {
                    long start = System.nanoTime();
                    codeVersion = AsOfCheckpoints.computeCodeVersion();
                    LOG.info("\"As of\" checkpoints of code version {} (digest computed in {} ms)", codeVersion,
                            (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return codeVersion;
    }

    @Bean
    AsOfCheckpoints asOfCheckpoints(JdbcTemplate jdbc) {
        return new AsOfCheckpoints(jdbc, codeVersion());
    }

    @Bean
    AsOfCheckpointBuilder asOfCheckpointBuilder(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                                AsOfCheckpoints checkpoints, List<AsOfCheckpointSubjects> subjects,
                                                @Value("${tremplin.audit.as-of.checkpoint-every:250}") int every,
                                                @Value("${tremplin.audit.as-of.checkpoint-scan-interval:PT10S}")
                                                Duration interval, ScratchDatabases scratchDatabases) {
        AsOfCheckpointBuilder builder = new AsOfCheckpointBuilder(jdbc, transactionManager, checkpoints, subjects,
                every, interval);
        // after an upgrade the stored states are the builder's: the start's restore ahead then follows its first pass
        builder.afterEachPass(scratchDatabases::restoreAhead);
        return builder;
    }
}
