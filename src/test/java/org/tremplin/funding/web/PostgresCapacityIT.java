package org.tremplin.funding.web;

import org.tremplin.support.OnEmbeddedPostgres;

/** The capacity check through the REST API on a real PostgreSQL. */
@OnEmbeddedPostgres
class PostgresCapacityIT extends CapacityApiScenarios {
}
