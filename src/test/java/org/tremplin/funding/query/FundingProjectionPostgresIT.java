package org.tremplin.funding.query;

import org.tremplin.support.OnEmbeddedPostgres;

/** The funding read-model scenarios on a real PostgreSQL (V6 migration, numeric, timestamptz, the projection's SQL). */
@OnEmbeddedPostgres
class FundingProjectionPostgresIT extends FundingProjectionScenarios {
}
