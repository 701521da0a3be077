package org.tremplin.audit;

/** The tamper scenarios on H2 (the default database). */
class SealTamperTest extends SealTamperScenarios {
}
