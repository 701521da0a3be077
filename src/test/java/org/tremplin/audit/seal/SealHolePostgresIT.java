package org.tremplin.audit.seal;

import org.tremplin.support.OnEmbeddedPostgres;

/** Holes, open transactions, restarts and two sealers on a real PostgreSQL (pg_stat_activity as the horizon). */
@OnEmbeddedPostgres
class SealHolePostgresIT extends SealHoleScenarios {
}
