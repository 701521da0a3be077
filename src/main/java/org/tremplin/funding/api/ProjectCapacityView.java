package org.tremplin.funding.api;

import java.util.List;

/** The capacity checks of a project's carrier (first) and partners, as reviewers and the committee see them. */
public record ProjectCapacityView(String projectId, List<CarrierCapacityView> checks) {
}
