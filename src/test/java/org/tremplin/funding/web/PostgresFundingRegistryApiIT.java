package org.tremplin.funding.web;

import org.tremplin.support.OnEmbeddedPostgres;

/** The same registry scenarios and refusals on a real PostgreSQL (the V3 migration and the projections' SQL). */
@OnEmbeddedPostgres
class PostgresFundingRegistryApiIT extends FundingRegistryApiTest {
}
