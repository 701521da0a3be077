package org.tremplin.funding.query;

/** The funding read-model scenarios on H2 (the default database). */
class FundingProjectionTest extends FundingProjectionScenarios {
}
