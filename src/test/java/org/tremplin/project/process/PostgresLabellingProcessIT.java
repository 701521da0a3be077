package org.tremplin.project.process;

import org.tremplin.support.OnEmbeddedPostgres;

/** Every path of {@link LabellingProcessTest} again on PostgreSQL: steps and their events commit (or roll back) together there too. */
@OnEmbeddedPostgres
class PostgresLabellingProcessIT extends LabellingProcessTest {
}
