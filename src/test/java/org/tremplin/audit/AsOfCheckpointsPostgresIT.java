package org.tremplin.audit;

import org.tremplin.support.OnEmbeddedPostgres;

/** The "as of" checkpoints stored ahead and answered from, on a real PostgreSQL. */
@OnEmbeddedPostgres
class AsOfCheckpointsPostgresIT extends AsOfCheckpointScenarios {
}
