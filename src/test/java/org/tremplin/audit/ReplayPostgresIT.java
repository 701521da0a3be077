package org.tremplin.audit;

import org.tremplin.support.OnEmbeddedPostgres;

/** The replay scenarios on a real PostgreSQL (timestamptz, numeric, lower-case identifiers). */
@OnEmbeddedPostgres
class ReplayPostgresIT extends ReplayScenarios {
}
