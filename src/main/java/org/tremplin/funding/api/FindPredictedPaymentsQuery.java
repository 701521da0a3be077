package org.tremplin.funding.api;

/**
 * Answers a {@link PredictedPaymentsView}: every payment still to come on the project's conventions, with its predicted
 * dates (median and p90 cases) from the funders' measured lead times (src/docs/capacity.md).
 */
public record FindPredictedPaymentsQuery(String projectId) {
}
