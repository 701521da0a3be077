package org.tremplin.organisation.api;

import java.time.Instant;
import java.util.List;

/**
 * A member organisation as the other contexts and the API see it. An organisation imported from open data has
 * {@code headcountKnown} false (its {@code headcount} 0 means "not known", never a size: the state-aid rules read its
 * kind, which for imports is never {@link OrganisationKind#SME}), {@code region} {@code null} where the source says
 * nothing, and {@code provenance} saying where it came from ({@code null} for a member registered in Tremplin).
 */
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
        Instant registeredAt,
        boolean headcountKnown,
        String town,
        String provenance,
        String referentUserId) {

    /** Without a referent (not an SME, or none named yet). */
    public OrganisationView(String id, String name, NationalIdScheme nationalIdScheme, String nationalId,
                            OrganisationKind kind, int headcount, String region, List<String> competences,
                            List<String> members, Instant registeredAt, boolean headcountKnown, String town,
                            String provenance) {
        this(id, name, nationalIdScheme, nationalId, kind, headcount, region, competences, members, registeredAt,
                headcountKnown, town, provenance, null);
    }

    /** A member registered in Tremplin: headcount known, no town recorded, no provenance. */
    public OrganisationView(String id, String name, NationalIdScheme nationalIdScheme, String nationalId,
                            OrganisationKind kind, int headcount, String region, List<String> competences,
                            List<String> members, Instant registeredAt) {
        this(id, name, nationalIdScheme, nationalId, kind, headcount, region, competences, members, registeredAt, true,
                null, null);
    }
}
