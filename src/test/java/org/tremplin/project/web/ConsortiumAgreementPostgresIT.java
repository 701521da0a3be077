package org.tremplin.project.web;

import org.tremplin.support.OnEmbeddedPostgres;

/** The consortium agreement through the API, on a real PostgreSQL: the main path and a refusal. */
@OnEmbeddedPostgres
class ConsortiumAgreementPostgresIT extends ConsortiumAgreementScenarios {
}
