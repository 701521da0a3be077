package org.tremplin.audit;

import org.tremplin.support.OnEmbeddedPostgres;

/** A timeline merged from several streams, paged by the database, on a real PostgreSQL. */
@OnEmbeddedPostgres
class MergedTimelinePostgresIT extends MergedTimelineScenarios {
}
