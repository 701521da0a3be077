package org.tremplin.funding.process;

/**
 * Constants of the funding decisions under {@code bpmn/}: {@code funding-rates.dmn} (the aid rate a funder grants a
 * partner), {@code state-aid-ceiling.dmn} (the EU state-aid intensity ceiling all funders together must respect) and
 * {@code carrier-capacity.dmn} (the verdict on an organisation's load before the label).
 * Code names these ids, variables and values only through this class, never spells them again.
 *
 * <p>All rates and intensities are percentages of eligible costs as numbers ({@code 45} means 45 %, up to two
 * decimals), returned by the engine as {@link Double}; turn them into money with {@code BigDecimal.valueOf(rate)}.
 */
public final class FundingDecisions {

    /** {@code bpmn/funding-rates.dmn}: the aid rate of one funder for one partner of a project. */
    public static final class Rates {

        public static final String KEY = "funding_rate";
        public static final String RESOURCE = "bpmn/funding-rates.dmn";

        public static final class Inputs {
            /** One of {@link FunderKinds}. */
            public static final String FUNDER_KIND = "funderKind";
            /** The funder's call for projects, one of {@link CallCodes} or any other code (then a default rate). */
            public static final String CALL_CODE = "callCode";
            /** One of {@link PartnerKinds}. */
            public static final String PARTNER_KIND = "partnerKind";
            /** Boolean: the partner works inside the territory of a cluster that labelled the project. */
            public static final String IN_TERRITORY = "inTerritory";
            /** Boolean: the project holds the cluster label. */
            public static final String LABELLED = "labelled";
            /** One of {@link LabCostBases}; only matters for research labs, may be null otherwise. */
            public static final String LAB_COST_BASE = "labCostBase";

            private Inputs() {
            }
        }

        public static final class Outputs {
            /** Double: the aid rate in percent of the partner's eligible costs (45 means 45 %). */
            public static final String RATE = "rate";
            /** String: where the figure comes from, e.g. "FUI call 21", or {@link Sources}. */
            public static final String SOURCE = "source";

            private Outputs() {
            }
        }

        public static final class FunderKinds {
            public static final String FUI = "FUI";
            public static final String ANR = "ANR";
            public static final String BPIFRANCE = "BPIFRANCE";
            public static final String REGION = "REGION";
            public static final String LOCAL_AUTHORITY = "LOCAL_AUTHORITY";
            public static final String EU_FUND = "EU_FUND";
            public static final String POOLED_FUND = "POOLED_FUND";

            private FunderKinds() {
            }
        }

        /** The calls the table knows figures of; any other code gets the default rows. */
        public static final class CallCodes {
            public static final String FUI_21 = "FUI-21";
            public static final String FUI_25 = "FUI-25";
            public static final String PSPC_REGIONS = "PSPC-REGIONS";

            private CallCodes() {
            }
        }

        public static final class PartnerKinds {
            public static final String SME = "SME";
            public static final String MID_SIZE_COMPANY = "MID_SIZE_COMPANY";
            public static final String LARGE_COMPANY = "LARGE_COMPANY";
            public static final String RESEARCH_LAB = "RESEARCH_LAB";
            public static final String OTHER = "OTHER";

            private PartnerKinds() {
            }
        }

        public static final class LabCostBases {
            public static final String FULL_COST = "FULL_COST";
            public static final String MARGINAL_COST = "MARGINAL_COST";

            private LabCostBases() {
            }
        }

        /** The sources of the rows that are not a published figure. */
        public static final class Sources {
            /** A default row: a plausible, conservative figure the pole must confirm or replace. */
            public static final String ASSUMPTION = "Tremplin default (assumption, to be set by the pole)";
            /** The catch-all row, rate 0: no rule gives this partner a rate. */
            public static final String NOT_ELIGIBLE = "no rate: not eligible";

            private Sources() {
            }
        }

        private Rates() {
        }
    }

    /**
     * {@code bpmn/state-aid-ceiling.dmn}: the aid-intensity ceiling of the EU General Block Exemption Regulation
     * (Reg. (EU) 651/2014, art. 25) for a partner; the top decision {@link #KEY} requires the three component
     * decisions of {@link RequiredDecisions} and returns every component with the ceiling.
     */
    public static final class Ceiling {

        public static final String KEY = "state_aid_ceiling";
        public static final String RESOURCE = "bpmn/state-aid-ceiling.dmn";

        /** The decisions {@link #KEY} requires (they can be evaluated alone too). */
        public static final class RequiredDecisions {
            public static final String BASE_INTENSITY = "state_aid_base_intensity";
            public static final String SIZE_BONUS = "state_aid_size_bonus";
            public static final String COLLABORATION_BONUS = "state_aid_collaboration_bonus";

            private RequiredDecisions() {
            }
        }

        public static final class Inputs {
            /** One of {@link ResearchCategories}. */
            public static final String RESEARCH_CATEGORY = "researchCategory";
            /** One of {@link EnterpriseSizes}. */
            public static final String ENTERPRISE_SIZE = "enterpriseSize";
            /** Boolean: effective collaboration in the sense of art. 25(6)(b)(i) GBER. */
            public static final String EFFECTIVE_COLLABORATION = "effectiveCollaboration";

            private Inputs() {
            }
        }

        /** All in percent of eligible costs, as {@link Double}, except {@link #NOTE}. */
        public static final class Outputs {
            public static final String BASE_INTENSITY = "baseIntensity";
            public static final String SIZE_BONUS = "sizeBonus";
            public static final String COLLABORATION_BONUS = "collaborationBonus";
            public static final String CAP = "cap";
            /** min(base + size bonus + collaboration bonus, cap), or 100 outside state aid. */
            public static final String CEILING = "ceiling";
            /** String: the legal ground of the ceiling. */
            public static final String NOTE = "note";

            private Outputs() {
            }
        }

        public static final class ResearchCategories {
            public static final String INDUSTRIAL_RESEARCH = "INDUSTRIAL_RESEARCH";
            public static final String EXPERIMENTAL_DEVELOPMENT = "EXPERIMENTAL_DEVELOPMENT";

            private ResearchCategories() {
            }
        }

        public static final class EnterpriseSizes {
            public static final String SMALL = "SMALL";
            public static final String MEDIUM = "MEDIUM";
            public static final String LARGE = "LARGE";
            /** A research organisation in its non-economic activity: outside state aid. */
            public static final String RESEARCH_ORGANISATION = "RESEARCH_ORGANISATION";

            private EnterpriseSizes() {
            }
        }

        private Ceiling() {
        }
    }

    /**
     * {@code bpmn/carrier-capacity.dmn}: the verdict on an organisation's load (hit policy COLLECT, one verdict and
     * reason per row that fires; src/docs/capacity.md).
     */
    public static final class Capacity {

        public static final String KEY = "carrier_capacity";
        public static final String RESOURCE = "bpmn/carrier-capacity.dmn";

        public static final class Inputs {
            public static final String SIZE = "size";
            public static final String CO_FUNDING_RATIO = "coFundingRatio";
            public static final String DEEPEST_GAP_P90_RATIO = "deepestGapP90Ratio";
            public static final String CONCURRENT_PROJECTS = "concurrentProjects";
            public static final String EFFORT_SHARE = "effortShare";

            private Inputs() {
            }
        }

        public static final class Outputs {
            public static final String VERDICT = "verdict";
            public static final String REASON = "reason";

            private Outputs() {
            }
        }

        private Capacity() {
        }
    }

    private FundingDecisions() {
    }
}
