package org.tremplin.project.command;

import org.tremplin.organisation.api.OrganisationKind;

import java.util.Set;

/**
 * The consortium rule checked before labelling, and the minimum number of reviewers. Kept as
 * configuration ({@code tremplin.labelling.*}), never hard-coded: clusters and calls differ.
 */
public record LabellingRules(int minCompanies, int minResearchLabs, Set<OrganisationKind> leadKinds, int minReviewers) {

    public LabellingRules {
        if (minCompanies < 0 || minResearchLabs < 0 || minReviewers < 1 || leadKinds == null || leadKinds.isEmpty()) {
            throw new IllegalArgumentException("Invalid labelling rules: minimums must not be negative, at least one reviewer, and lead kinds given");
        }
        leadKinds = Set.copyOf(leadKinds);
    }

    /** The national default: at least two companies and one research lab, led by a company; two reviewers. */
    public static LabellingRules nationalDefault() {
        return new LabellingRules(2, 1, Set.of(OrganisationKind.SME, OrganisationKind.MID_SIZE_COMPANY,
                OrganisationKind.LARGE_COMPANY), 2);
    }
}
