package org.tremplin.platform.process;

import org.tremplin.support.OnEmbeddedPostgres;

/** The same grants, and the same clean-up of an earlier version's, on a real PostgreSQL. */
@OnEmbeddedPostgres
class PoleStaffTaskGrantsPostgresIT extends PoleStaffTaskGrantsTest {
}
