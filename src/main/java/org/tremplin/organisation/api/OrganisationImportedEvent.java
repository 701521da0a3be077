package org.tremplin.organisation.api;

import org.axonframework.serialization.Revision;

/**
 * An organisation entered the registry from imported history (not registered by pole staff): the name, kind,
 * category, town and region the source gives ({@code null} where it says "Non renseigné"), no headcount (the source
 * has none: it stays unknown, never invented) and where it came from: the import run, the source file and the row of
 * its first occurrence. Its id is {@code OTHER-} and that row's partner code.
 */
@Revision("1")
public record OrganisationImportedEvent(
        String organisationId,
        String name,
        NationalIdScheme nationalIdScheme,
        String nationalId,
        OrganisationKind kind,
        String sourceCategory,
        String town,
        String region,
        String country,
        String importRunId,
        String sourceFile,
        int sourceRow) implements OrganisationEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
