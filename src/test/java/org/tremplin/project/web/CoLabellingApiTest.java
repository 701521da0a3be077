package org.tremplin.project.web;

/** Co-labelling through the API on H2. */
class CoLabellingApiTest extends CoLabellingScenarios {
}
