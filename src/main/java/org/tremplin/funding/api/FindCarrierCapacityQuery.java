package org.tremplin.funding.api;

/** Answers an {@code Optional<CarrierCapacityView>}: one organisation's load, empty when the organisation is unknown. */
public record FindCarrierCapacityQuery(String organisationId) {
}
