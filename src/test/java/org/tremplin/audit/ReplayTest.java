package org.tremplin.audit;

/** The replay scenarios on H2 (the default database). */
class ReplayTest extends ReplayScenarios {
}
