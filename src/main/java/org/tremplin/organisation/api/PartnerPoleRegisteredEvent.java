package org.tremplin.organisation.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Another pole became a partner pole: projects may now ask it for its label (co-labelling). */
@Revision("1")
public record PartnerPoleRegisteredEvent(String poleId, String name, List<String> themes, String contactName,
                                         String contactEmail) implements OrganisationEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
