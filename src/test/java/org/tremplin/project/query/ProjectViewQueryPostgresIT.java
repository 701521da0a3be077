package org.tremplin.project.query;

import org.tremplin.support.OnEmbeddedPostgres;

/** {@link ProjectViewQueryTest} on PostgreSQL. */
@OnEmbeddedPostgres
class ProjectViewQueryPostgresIT extends ProjectViewQueryTest {
}
