package org.tremplin.funding.query;

import org.tremplin.support.OnEmbeddedPostgres;

/** The funders' lead times read at their ranks, on a real PostgreSQL. */
@OnEmbeddedPostgres
class LeadTimeRanksPostgresIT extends LeadTimeRanksTest {
}
