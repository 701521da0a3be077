package org.tremplin.investment.query;

import org.tremplin.support.OnEmbeddedPostgres;

/** The investment round scenarios on a real PostgreSQL (V7 migration, numeric, timestamptz, the projection's SQL). */
@OnEmbeddedPostgres
class InvestmentRoundPostgresIT extends InvestmentRoundScenarios {
}
