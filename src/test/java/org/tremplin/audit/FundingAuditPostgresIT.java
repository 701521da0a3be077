package org.tremplin.audit;

import org.tremplin.support.OnEmbeddedPostgres;

/** Funding as of any instant and the 360Giving export, through the REST API on a real PostgreSQL. */
@OnEmbeddedPostgres
class FundingAuditPostgresIT extends FundingAuditScenarios {
}
