package org.tremplin.project.web;

/** The project list's pages on H2 (the default database). */
class ProjectListPagesTest extends ProjectListPagesScenarios {
}
