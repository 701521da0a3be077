package org.tremplin.funding.api;

/**
 * Answers a {@link CapacityOverviewView}: the load of every member organisation that takes part in a running or
 * candidate project, across the pole (pole staff and auditors).
 */
public record FindCapacityOverviewQuery() {
}
