package org.tremplin.project.query;

import org.tremplin.support.OnEmbeddedPostgres;

/** {@link PartnershipsQueryTest} on PostgreSQL. */
@OnEmbeddedPostgres
class PartnershipsQueryPostgresIT extends PartnershipsQueryTest {
}
