package org.tremplin.project;

import org.tremplin.support.OnEmbeddedPostgres;

/** The same slice on a real PostgreSQL, with the production profile's settings. */
@OnEmbeddedPostgres
class PostgresLabellingSliceIT extends LabellingSliceScenarios {
}
