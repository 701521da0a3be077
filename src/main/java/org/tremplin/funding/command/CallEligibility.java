package org.tremplin.funding.command;

import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A call's eligibility criteria, kept pure so that the {@link Call} aggregate (before an application is filed) and the
 * pre-label's orientation (which calls a consortium could apply to) apply the very same rules: the submission window,
 * the eligible partner kinds (an SME-only call accepts SMEs alone), the cluster's label and the maximum project size.
 */
public final class CallEligibility {

    private CallEligibility() {
    }

    /**
     * Every criterion an application of that date, partner kinds, label and total eligible cost (euros, null when
     * unknown) fails, in words; empty when the call accepts it.
     */
    public static List<String> problems(LocalDate openingDate, LocalDate closingDate, LocalDate closedEarlyOn,
                                        String closedEarlyReason, Set<OrganisationKind> eligiblePartnerKinds,
                                        boolean labelRequired, BigDecimal maxProjectSize, LocalDate submittedOn,
                                        Set<OrganisationKind> partnerKinds, boolean labelled, BigDecimal totalEligibleCost) {
        List<String> problems = new ArrayList<>();
        if (!isOpenOn(openingDate, closingDate, closedEarlyOn, submittedOn)) {
            problems.add(window(openingDate, closingDate, closedEarlyOn, closedEarlyReason)
                    + "; this application is dated " + submittedOn);
        }
        List<OrganisationKind> ineligible = partnerKinds.isEmpty() ? List.of() : EnumSet.copyOf(partnerKinds).stream()
                .filter(kind -> !eligiblePartnerKinds.contains(kind)).toList();
        if (!ineligible.isEmpty()) {
            problems.add("partner kinds " + ineligible + " are not eligible (eligible: "
                    + EnumSet.copyOf(eligiblePartnerKinds) + ")");
        }
        if (labelRequired && !labelled) {
            problems.add("the project must hold the cluster's label");
        }
        if (maxProjectSize != null && totalEligibleCost != null && totalEligibleCost.compareTo(maxProjectSize) > 0) {
            problems.add("the total eligible cost of " + totalEligibleCost.toPlainString() + " euros exceeds the maximum of "
                    + maxProjectSize.toPlainString() + " euros");
        }
        return problems;
    }

    static boolean isOpenOn(LocalDate openingDate, LocalDate closingDate, LocalDate closedEarlyOn, LocalDate date) {
        return !date.isBefore(openingDate) && !date.isAfter(closingDate)
                && (closedEarlyOn == null || date.isBefore(closedEarlyOn));
    }

    static String window(LocalDate openingDate, LocalDate closingDate, LocalDate closedEarlyOn, String closedEarlyReason) {
        String window = "submissions are accepted from " + openingDate + " to " + closingDate + " (Paris dates, inclusive)";
        return closedEarlyOn == null ? window
                : window + " but the call was closed early on " + closedEarlyOn + " (" + closedEarlyReason + ")";
    }
}
