package org.tremplin.platform.web;

/** Concurrent writes through every door, on H2. */
class ConcurrentWritesTest extends ConcurrentWritesScenarios {
}
