package org.tremplin.funding.web;

import org.tremplin.support.OnEmbeddedPostgres;

/** The funding stage through the REST API on a real PostgreSQL. */
@OnEmbeddedPostgres
class FundingApiPostgresIT extends FundingApiScenarios {
}
