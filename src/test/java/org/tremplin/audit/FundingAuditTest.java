package org.tremplin.audit;

/** Funding as of any instant and the 360Giving export, through the REST API on H2. */
class FundingAuditTest extends FundingAuditScenarios {
}
