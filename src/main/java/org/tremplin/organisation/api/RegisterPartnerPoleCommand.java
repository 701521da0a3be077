package org.tremplin.organisation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Pole staff register another competitiveness cluster as a partner pole, so that projects may ask it for its label
 * (co-labelling, issue 13): its name, the themes it labels, and a contact.
 */
public record RegisterPartnerPoleCommand(@TargetAggregateIdentifier String poleId, String name, List<String> themes,
                                         String contactName, String contactEmail) {
}
