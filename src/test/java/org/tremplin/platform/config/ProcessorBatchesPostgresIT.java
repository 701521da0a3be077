package org.tremplin.platform.config;

import org.tremplin.support.OnEmbeddedPostgres;

/** The same batches and the same dead letter on PostgreSQL (Axon's JDBC dead-letter queue and token store there). */
@OnEmbeddedPostgres
class ProcessorBatchesPostgresIT extends ProcessorBatchesTest {
}
