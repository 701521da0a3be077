package org.tremplin.investment.query;

/** The investment round scenarios on H2 (the default database). */
class InvestmentRoundTest extends InvestmentRoundScenarios {
}
