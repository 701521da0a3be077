package org.tremplin.project.api;

import java.time.LocalDate;
import java.util.List;

/**
 * The carrier-capacity verdict that the labelling step showed for one organisation of the consortium (its carrier or a
 * partner), as computed on {@code asOf} from the read models (src/docs/capacity.md): COMFORTABLE, STRETCHED or
 * OVER_CAPACITY, with the reasons the decision table gave.
 */
public record CapacityVerdictShown(String organisationId, String verdict, List<String> reasons, LocalDate asOf) {
}
