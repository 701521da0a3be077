package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** A version of the pole's model consortium agreement was published; projects' agreements may start from it. */
@Revision("1")
public record ModelAgreementPublishedEvent(String modelId, int version, String title, String clauses,
                                           int defaultConfidentialityYears, String publishedBy) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
