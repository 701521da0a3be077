package org.tremplin.funding.api;

/**
 * Where a funding application stands with its funder.
 */
public enum ApplicationStatus {
    SUBMITTED,
    GRANTED,
    REJECTED;
}
