package org.tremplin.platform.config;

import org.tremplin.support.OnEmbeddedPostgres;

/** {@link TrackedEventReadsTest} on PostgreSQL: the same events as Axon's statements, through the storage engine. */
@OnEmbeddedPostgres
class TrackedEventReadsPostgresIT extends TrackedEventReadsTest {
}
