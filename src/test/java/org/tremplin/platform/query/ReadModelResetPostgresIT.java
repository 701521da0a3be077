package org.tremplin.platform.query;

import org.tremplin.support.OnEmbeddedPostgres;

/** {@link ReadModelResetTest} on PostgreSQL: one transactional {@code TRUNCATE}, no tuple deleted one by one. */
@OnEmbeddedPostgres
class ReadModelResetPostgresIT extends ReadModelResetTest {
}
