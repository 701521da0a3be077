package org.tremplin.project.web;

import org.tremplin.support.OnEmbeddedPostgres;

/** The IP pre-diagnosis through the API, on a real PostgreSQL. */
@OnEmbeddedPostgres
class IpPreDiagnosisPostgresIT extends IpPreDiagnosisScenarios {
}
