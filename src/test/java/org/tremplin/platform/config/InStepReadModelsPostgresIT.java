package org.tremplin.platform.config;

import org.tremplin.support.OnEmbeddedPostgres;

/**
 * The same on PostgreSQL, where a failing statement aborts the whole transaction unless rolled back to a savepoint (the
 * step would fail with its handler), and where a switch also holds back the event inserts of every node.
 */
@OnEmbeddedPostgres
class InStepReadModelsPostgresIT extends InStepReadModelsTest {
}
