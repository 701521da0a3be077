package org.tremplin.project.api;

import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Where a project could be funded, computed when a pre-label is asked (issue 13) from what is recorded: the calls open
 * that day (Paris), each with whether the consortium is eligible (the calls' own eligibility rules), the rate each
 * partner would get from {@code funding-rates.dmn} and the expected aid on its planned budget, and the funder's lead
 * times as the capacity check uses them (measured median and p90, else the service level, else the default). Eligible
 * calls come first, by expected aid (highest first) then time to the first payment (shortest first); calls that are out
 * follow, each with its reasons.
 *
 * @param asOf             the Paris date of the computation
 * @param consortiumBudget the planned budgets of the lead and joined partners, in euros
 * @param calls            every call open that day, ordered as above
 */
public record PreLabelOrientation(LocalDate asOf, BigDecimal consortiumBudget, List<OrientedCall> calls) {

    /** Whether the consortium may apply to a call. */
    public enum Fit {
        /** Eligible today, with or without the label. */
        ELIGIBLE,
        /** Eligible, but the call requires the cluster's label: the full labelling must grant it first. */
        ELIGIBLE_ONCE_LABELLED,
        /** Out: {@link OrientedCall#reasons()} say why. */
        NOT_ELIGIBLE
    }

    /**
     * One open call. Lead times are whole days from the submission: to the decision, and to the first payment (the
     * decision, the convention and the first payment chained); {@code leadTimeSource} is the weakest source along the
     * chain ({@code MEASURED}, {@code SERVICE_LEVEL} or {@code DEFAULT}).
     */
    public record OrientedCall(String callId, String callCode, String title, String funderId, String funderName,
                               LocalDate closingDate, Fit fit, List<String> reasons, BigDecimal expectedAid,
                               List<PartnerRate> rates, int decisionMedianDays, int decisionP90Days,
                               int firstPaymentMedianDays, int firstPaymentP90Days, String leadTimeSource) {
    }

    /**
     * The rate a partner would get from the call (as if labelled), where it comes from, and the aid it means on the
     * partner's planned budget (rounded down to the cent).
     */
    public record PartnerRate(String organisationId, String name, OrganisationKind kind, boolean inTerritory,
                              BigDecimal ratePercent, String source, BigDecimal expectedAid) {
    }
}
