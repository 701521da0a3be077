package org.tremplin.portfolio.command;

import org.tremplin.support.OnEmbeddedPostgres;

/**
 * The import's API path on a real PostgreSQL, on the slice of the real files: upload, merges, kinds, unknowns, aid on
 * the ledgers, the timeline, re-import as a no-op, malformed files and rows, access rules.
 */
@OnEmbeddedPostgres
class PortfolioImportIT extends PortfolioImportTest {
}
