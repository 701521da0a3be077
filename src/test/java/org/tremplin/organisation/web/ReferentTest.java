package org.tremplin.organisation.web;

/** The SME referent through the API, on H2. */
class ReferentTest extends ReferentScenarios {
}
