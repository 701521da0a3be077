package org.tremplin.platform.process;

import org.tremplin.support.OnEmbeddedPostgres;

/** {@link AuthorizedGroupsByIndexTest} on PostgreSQL. */
@OnEmbeddedPostgres
class AuthorizedGroupsByIndexPostgresIT extends AuthorizedGroupsByIndexTest {
}
