package org.tremplin.investment.api;

import java.util.List;

/**
 * Answers the rounds, newest first: all of them when both lists are null, otherwise only those where one of the
 * investors is invited or one of the organisations is the company.
 */
public record FindRoundsQuery(List<String> investorIds, List<String> companyOrganisationIds) {
}
