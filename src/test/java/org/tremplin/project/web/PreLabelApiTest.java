package org.tremplin.project.web;

/** The pre-label through the API, on H2. */
class PreLabelApiTest extends PreLabelScenarios {
}
