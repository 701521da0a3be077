package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

/** A user now acts for an investor: accepts round NDAs, reads data rooms and commits in its name. */
@Revision("1")
public record InvestorUserAddedEvent(String investorId, String userId) {
}
