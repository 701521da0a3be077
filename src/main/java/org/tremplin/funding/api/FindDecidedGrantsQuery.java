package org.tremplin.funding.api;

import java.time.LocalDate;

/**
 * The grants of the funders, one per convention (a funder's grant to one partner of a project), as the 360Giving export
 * publishes them: of one project ({@code projectId}), or whose application was decided in a period ({@code from},
 * {@code to}, inclusive, either end open), or both. Without a period, every convention of the project, its application
 * decided or not. Answers a {@code List<DecidedGrantView>} ordered by convention id, read at once whatever their number
 * (a national period: tens of thousands).
 */
public record FindDecidedGrantsQuery(String projectId, LocalDate from, LocalDate to) {
}
