package org.tremplin.project.web;

import org.tremplin.support.OnEmbeddedPostgres;

/** Co-labelling through the API on a real PostgreSQL: granted by one pole, refused by another; refusals. */
@OnEmbeddedPostgres
class CoLabellingPostgresIT extends CoLabellingScenarios {
}
