package org.tremplin.project.web;

import org.tremplin.support.OnEmbeddedPostgres;

/** The pre-label through the API, on a real PostgreSQL (migration V55, the orientation's JSON, refusals). */
@OnEmbeddedPostgres
class PreLabelPostgresIT extends PreLabelScenarios {
}
