package org.tremplin.organisation.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * An organisation became a member of the cluster, identified by its national id, with its kind,
 * size, region and declared competences (the competence map partners are searched in).
 */
@Revision("1")
public record OrganisationRegisteredEvent(
        String organisationId,
        String name,
        NationalIdScheme nationalIdScheme,
        String nationalId,
        OrganisationKind kind,
        int headcount,
        String region,
        List<String> competences) implements OrganisationEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
