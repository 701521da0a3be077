package org.tremplin.portfolio.web;

import org.tremplin.support.OnEmbeddedPostgres;

/**
 * The imported portfolio's pages, queries (counts, paging, an organisation's role) and exports on a real PostgreSQL,
 * on the slice of the real files.
 */
@OnEmbeddedPostgres
class PortfolioPagesIT extends PortfolioPagesTest {
}
