package org.tremplin.project.web;

import org.tremplin.support.OnEmbeddedPostgres;

/** The project list's pages on a real PostgreSQL. */
@OnEmbeddedPostgres
class ProjectListPagesPostgresIT extends ProjectListPagesScenarios {
}
