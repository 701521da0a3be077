package org.tremplin.portfolio.command;

import org.tremplin.support.OnEmbeddedPostgres;

/** A run stopped after a batch, then resumed, on a real PostgreSQL: every row stored once. */
@OnEmbeddedPostgres
class PortfolioImportResumePostgresIT extends PortfolioImportResumeTest {
}
