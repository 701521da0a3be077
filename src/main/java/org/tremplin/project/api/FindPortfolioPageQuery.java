package org.tremplin.project.api;

/**
 * Answers a {@link PortfolioPage}: imported historical projects, newest edition first then by decision code, of one
 * programme, one edition and/or one organisation (each filter optional: {@code null}), {@code limit} lines (1-200)
 * from {@code offset}.
 */
public record FindPortfolioPageQuery(String programme, Integer edition, String organisationId, int offset, int limit) {
}
