package org.tremplin.platform.config;

import org.tremplin.support.OnEmbeddedPostgres;

/** {@link GapReadsByIndexTest} on PostgreSQL: the same events as Axon's statement, through the storage engine. */
@OnEmbeddedPostgres
class GapReadsByIndexPostgresIT extends GapReadsByIndexTest {
}
