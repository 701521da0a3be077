package org.tremplin.audit.seal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background sealing of the event store (see {@link EventSealer}). */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(SealSettings.class)
class SealConfig {
}
