package org.tremplin.audit;

/** A timeline merged from several streams, paged by the database, on H2. */
class MergedTimelineTest extends MergedTimelineScenarios {
}
