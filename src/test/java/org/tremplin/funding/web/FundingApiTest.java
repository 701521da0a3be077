package org.tremplin.funding.web;

/** The funding stage through the REST API on H2. */
class FundingApiTest extends FundingApiScenarios {
}
