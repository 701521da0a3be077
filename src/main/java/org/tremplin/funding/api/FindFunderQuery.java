package org.tremplin.funding.api;

/** Answers an {@code Optional<FunderView>}. */
public record FindFunderQuery(String funderId) {
}
