package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddRoundDocumentCommand(@TargetAggregateIdentifier String roundId, String documentId, String title,
                                      String reference) {
}
