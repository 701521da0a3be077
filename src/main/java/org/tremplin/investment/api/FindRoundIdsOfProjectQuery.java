package org.tremplin.investment.api;

/** Answers the ids of the investment rounds opened for a project's company, oldest first (a list of strings). */
public record FindRoundIdsOfProjectQuery(String projectId) {
}
