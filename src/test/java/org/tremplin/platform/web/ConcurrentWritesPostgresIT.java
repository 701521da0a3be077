package org.tremplin.platform.web;

import org.tremplin.support.OnEmbeddedPostgres;

/** Concurrent writes through every door on a real PostgreSQL, whose unique-key violation differs from H2's. */
@OnEmbeddedPostgres
class ConcurrentWritesPostgresIT extends ConcurrentWritesScenarios {
}
