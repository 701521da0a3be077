package org.tremplin.funding.api;

import java.time.LocalDate;

/**
 * Answers the calls for projects as a list of {@link CallView}, latest opening first, filtered by funder
 * and by a Paris date on which they accept submissions (each optional).
 */
public record FindCallsQuery(String funderId, LocalDate openOn) {
}
