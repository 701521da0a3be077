package org.tremplin.audit.seal;

/** Holes, open transactions, restarts and two sealers on H2 (the default database). */
class SealHoleTest extends SealHoleScenarios {
}
