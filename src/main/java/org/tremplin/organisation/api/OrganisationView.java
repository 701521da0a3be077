package org.tremplin.organisation.api;

import java.time.Instant;
import java.util.List;

/** A member organisation as the other contexts and the API see it. */
public record OrganisationView(
        String id,
        String name,
        NationalIdScheme nationalIdScheme,
        String nationalId,
        OrganisationKind kind,
        int headcount,
        String region,
        List<String> competences,
        List<String> members,
        Instant registeredAt) {
}
