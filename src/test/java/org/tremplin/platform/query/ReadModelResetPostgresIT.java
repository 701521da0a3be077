package org.tremplin.platform.query;

import org.tremplin.support.OnEmbeddedPostgres;

/** {@link ReadModelResetTest} on PostgreSQL, whose {@code TRUNCATE} would wait for the open reader. */
@OnEmbeddedPostgres
class ReadModelResetPostgresIT extends ReadModelResetTest {
}
