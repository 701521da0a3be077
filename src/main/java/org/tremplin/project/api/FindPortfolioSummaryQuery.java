package org.tremplin.project.api;

/** Answers a {@link PortfolioSummaryView}: the imported portfolio counted by programme and edition, its total aid. */
public record FindPortfolioSummaryQuery() {
}
