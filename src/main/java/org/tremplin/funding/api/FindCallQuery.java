package org.tremplin.funding.api;

/** Answers an {@code Optional<CallView>}. */
public record FindCallQuery(String callId) {
}
