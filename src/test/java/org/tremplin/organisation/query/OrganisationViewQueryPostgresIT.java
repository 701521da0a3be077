package org.tremplin.organisation.query;

import org.tremplin.support.OnEmbeddedPostgres;

/** {@link OrganisationViewQueryTest} on PostgreSQL. */
@OnEmbeddedPostgres
class OrganisationViewQueryPostgresIT extends OrganisationViewQueryTest {
}
