package org.tremplin.audit;

import org.tremplin.support.OnEmbeddedPostgres;

/** The tamper scenarios on a real PostgreSQL (BIGSERIAL global index, bytea payloads). */
@OnEmbeddedPostgres
class SealTamperPostgresIT extends SealTamperScenarios {
}
