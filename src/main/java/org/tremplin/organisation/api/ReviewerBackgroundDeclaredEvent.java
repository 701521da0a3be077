package org.tremplin.organisation.api;

import org.axonframework.serialization.Revision;

/**
 * A reviewer's background was declared or changed: where its experience comes from, the organisation it works for and
 * an optional note. {@code previousBackground} is the background it replaces ({@code null} for the first
 * declaration); {@code declaredBy} is the user who declared it (the reviewer, or pole staff on its behalf).
 */
@Revision("1")
public record ReviewerBackgroundDeclaredEvent(String userId, ReviewerBackground background, String organisationName,
                                              String note, ReviewerBackground previousBackground, String declaredBy)
        implements OrganisationEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
