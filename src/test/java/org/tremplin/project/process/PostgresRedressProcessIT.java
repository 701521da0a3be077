package org.tremplin.project.process;

import org.tremplin.support.OnEmbeddedPostgres;

/** Every redress path of {@link RedressProcessTest} again on PostgreSQL (migration V45, events and steps together). */
@OnEmbeddedPostgres
class PostgresRedressProcessIT extends RedressProcessTest {
}
