package org.tremplin.platform.process;

import org.tremplin.support.OnEmbeddedPostgres;

/** {@link EngineIndexesTest} on PostgreSQL. */
@OnEmbeddedPostgres
class EngineIndexesPostgresIT extends EngineIndexesTest {
}
