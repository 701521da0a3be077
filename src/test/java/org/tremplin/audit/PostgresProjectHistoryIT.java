package org.tremplin.audit;

import org.tremplin.support.OnEmbeddedPostgres;

/** The same timeline, exports and access log on a real PostgreSQL (the V5 migration and the log's SQL). */
@OnEmbeddedPostgres
class PostgresProjectHistoryIT extends ProjectHistoryApiTest {
}
