package org.tremplin.platform.process;

import org.tremplin.support.OnEmbeddedPostgres;

/** The task lookups' plain SQL against Camunda's task query, on a real PostgreSQL. */
@OnEmbeddedPostgres
class UserTasksLookupPostgresIT extends UserTasksLookupTest {
}
