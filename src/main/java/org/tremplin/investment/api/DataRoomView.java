package org.tremplin.investment.api;

import java.util.List;

/** What an invited investor under NDA reads: the round's documents and, when shared, the project's funding passport. */
public record DataRoomView(String roundId, String title, List<RoundView.Document> documents,
                           FundingPassportView passport, String passportNote) {
}
