package org.tremplin.portfolio.api;

/**
 * What a batch (or a whole run) of an import did. Projects: created, skipped (already imported: same decision code),
 * refused (see the refusals). Organisations: created, or found already in the registry. Partner rows: linked to an
 * organisation spelled differently in an earlier row (merged), or naming no organisation ("Non renseigné": unknown,
 * kept as such). Aid: recorded on a state-aid ledger, or not filled in (0) and so not recorded.
 */
public record ImportCounts(
        int projectsCreated,
        int projectsSkipped,
        int rowsRefused,
        int organisationsCreated,
        int organisationsExisting,
        int partnerRowsMerged,
        int partnerRowsUnknown,
        int aidRecorded,
        int aidNotFilled) {

    public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public ImportCounts plus(ImportCounts o) {
        return new ImportCounts(projectsCreated + o.projectsCreated, projectsSkipped + o.projectsSkipped,
                rowsRefused + o.rowsRefused, organisationsCreated + o.organisationsCreated,
                organisationsExisting + o.organisationsExisting, partnerRowsMerged + o.partnerRowsMerged,
                partnerRowsUnknown + o.partnerRowsUnknown, aidRecorded + o.aidRecorded, aidNotFilled + o.aidNotFilled);
    }
}
