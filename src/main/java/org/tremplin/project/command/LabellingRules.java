package org.tremplin.project.command;

import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.ReviewerBackground;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The consortium rule checked before labelling, the minimum number of reviewers and the panel mix (the reviewers'
 * backgrounds a panel must include, at least one reviewer of each; empty: no mix required). Kept as configuration
 * ({@code tremplin.labelling.*}), never hard-coded: clusters and calls differ.
 */
public record LabellingRules(int minCompanies, int minResearchLabs, Set<OrganisationKind> leadKinds, int minReviewers,
                             Set<ReviewerBackground> panelMix) {

    public LabellingRules {
        if (minCompanies < 0 || minResearchLabs < 0 || minReviewers < 1 || leadKinds == null || leadKinds.isEmpty()) {
            throw new IllegalArgumentException("Invalid labelling rules: minimums must not be negative, at least one reviewer, and lead kinds given");
        }
        leadKinds = Set.copyOf(leadKinds);
        panelMix = panelMix == null || panelMix.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(panelMix));
    }

    /** Rules with no panel mix required. */
    public LabellingRules(int minCompanies, int minResearchLabs, Set<OrganisationKind> leadKinds, int minReviewers) {
        this(minCompanies, minResearchLabs, leadKinds, minReviewers, Set.of());
    }

    /** The national default: at least two companies and one research lab, led by a company; two reviewers; no panel mix. */
    public static LabellingRules nationalDefault() {
        return new LabellingRules(2, 1, Set.of(OrganisationKind.SME, OrganisationKind.MID_SIZE_COMPANY,
                OrganisationKind.LARGE_COMPANY), 2);
    }

    /** The same rules requiring the given panel mix. */
    public LabellingRules withPanelMix(Set<ReviewerBackground> mix) {
        return new LabellingRules(minCompanies, minResearchLabs, leadKinds, minReviewers, mix);
    }

    /** The required mix in the backgrounds' order (for messages and events). */
    public java.util.List<ReviewerBackground> panelMixInOrder() {
        return panelMix.isEmpty() ? java.util.List.of() : java.util.List.copyOf(EnumSet.copyOf(panelMix));
    }

    /**
     * Reads {@code tremplin.labelling.panel-mix}: {@code none} (or nothing) for no mix, else backgrounds separated by
     * commas, e.g. {@code LARGE_COMPANY,SME,RESEARCH_LAB}. An unknown background stops the start with what to write.
     */
    public static Set<ReviewerBackground> parsePanelMix(String setting) {
        if (setting == null || setting.isBlank() || setting.strip().equalsIgnoreCase("none")) {
            return Set.of();
        }
        Set<ReviewerBackground> mix = EnumSet.noneOf(ReviewerBackground.class);
        for (String part : setting.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                mix.add(ReviewerBackground.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tremplin.labelling.panel-mix: unknown background '" + part.strip()
                        + "'; write none, or some of " + java.util.Arrays.toString(ReviewerBackground.values())
                        + " separated by commas");
            }
        }
        return mix;
    }
}
