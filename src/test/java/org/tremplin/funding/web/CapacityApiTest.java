package org.tremplin.funding.web;

/** The capacity check through the REST API on H2. */
class CapacityApiTest extends CapacityApiScenarios {
}
