package org.tremplin.organisation.web;

import org.tremplin.support.OnEmbeddedPostgres;

/** The SME referent through the API, on a real PostgreSQL. */
@OnEmbeddedPostgres
class ReferentPostgresIT extends ReferentScenarios {
}
