package org.tremplin.funding.api;

import java.util.List;

/** The payments still to come on a project's conventions, in order per convention, as the capacity check predicts them. */
public record PredictedPaymentsView(String projectId, List<CarrierCapacityView.Payment> payments) {
}
