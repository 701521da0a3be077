package org.tremplin.funding.query;

import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.command.CallEligibility;
import org.tremplin.funding.command.FundingRules;
import org.tremplin.funding.query.CarrierCapacity.Lag;
import org.tremplin.funding.query.CarrierCapacity.Source;
import org.tremplin.funding.query.CarrierCapacity.Stage;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.PreLabelOrientation;
import org.tremplin.project.api.PreLabelOrientation.Fit;
import org.tremplin.project.api.PreLabelOrientation.OrientedCall;
import org.tremplin.project.api.PreLabelOrientation.PartnerRate;
import org.tremplin.shared.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The pre-label's funding orientation (issue 13), pure so that a test recomputes it by hand. For every call open on
 * the day: the call's own eligibility rules ({@link CallEligibility}) applied to the consortium's partner kinds and
 * total planned budget, as if labelled (a call requiring the label is {@link Fit#ELIGIBLE_ONCE_LABELLED}); each
 * partner's rate from the decision table ({@link FundingRules}, labelled, in or out of the pole's territory) and its
 * expected aid (rate × planned budget, rounded down to the cent); the funder's lead times (the capacity check's: measured
 * median and p90, else the service level, else the default). A call that would pay nobody (every rate 0 %, e.g.
 * partners outside a regional funder's territory) is out too. Order: eligible calls by expected aid (highest first),
 * then days to the first payment (median, shortest first), then code; calls that are out follow by code.
 */
public final class FundingOrientation {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private FundingOrientation() {
    }

    /** A lead or joined partner of the consortium as the orientation needs it. */
    public record Member(String organisationId, String name, OrganisationKind kind, boolean inTerritory,
                         BigDecimal plannedBudget) {
    }

    public static PreLabelOrientation compute(LocalDate today, List<Member> members, List<CallView> openCalls,
                                              Map<String, FunderView> funders, FundingRules rules,
                                              Function<String, Map<Stage, Lag>> leadTimes) {
        BigDecimal total = members.stream().map(m -> budget(m)).reduce(ZERO, BigDecimal::add);
        Set<OrganisationKind> kinds = EnumSet.noneOf(OrganisationKind.class);
        members.forEach(m -> kinds.add(m.kind()));
        List<OrientedCall> calls = new ArrayList<>();
        for (CallView call : openCalls) {
            FunderView funder = funders.get(call.funderId());
            if (funder == null) {
                continue;
            }
            List<String> reasons = new ArrayList<>(CallEligibility.problems(call.openingDate(), call.closingDate(),
                    call.closedEarlyOn(), call.closedEarlyReason(), EnumSet.copyOf(call.eligiblePartnerKinds()),
                    call.labelRequired(), call.maxProjectSize(), today, kinds, true, total));
            if (members.isEmpty()) {
                reasons.add("the consortium has no partner yet");
            }
            List<PartnerRate> rates = new ArrayList<>();
            BigDecimal aid = ZERO;
            for (Member member : members) {
                FundingRules.Rate rate = rules.rate(funder.kind(), call.code(), member.kind(), member.inTerritory(), true);
                BigDecimal expected = Money.percentOf(budget(member), rate.percent());
                rates.add(new PartnerRate(member.organisationId(), member.name(), member.kind(), member.inTerritory(),
                        rate.percent(), rate.source(), expected));
                aid = aid.add(expected);
            }
            if (reasons.isEmpty() && aid.signum() == 0) {
                List<String> outside = members.stream().filter(m -> !m.inTerritory()).map(Member::name).toList();
                reasons.add("no partner would receive aid (every rate is 0 %)"
                        + (outside.isEmpty() ? "" : "; outside the pole's territory: " + String.join(", ", outside)));
            }
            Fit fit = !reasons.isEmpty() ? Fit.NOT_ELIGIBLE
                    : call.labelRequired() ? Fit.ELIGIBLE_ONCE_LABELLED : Fit.ELIGIBLE;
            Map<Stage, Lag> lags = leadTimes.apply(funder.id());
            Lag decision = lags.get(Stage.SUBMISSION_TO_DECISION);
            Lag convention = lags.get(Stage.DECISION_TO_CONVENTION);
            Lag firstPayment = lags.get(Stage.CONVENTION_TO_FIRST_PAYMENT);
            Source weakest = List.of(decision.source(), convention.source(), firstPayment.source()).stream()
                    .max(Comparator.naturalOrder()).orElseThrow();
            calls.add(new OrientedCall(call.id(), call.code(), call.title(), funder.id(), funder.name(),
                    call.closingDate(), fit, List.copyOf(reasons), aid, List.copyOf(rates),
                    decision.medianDays(), decision.p90Days(),
                    decision.medianDays() + convention.medianDays() + firstPayment.medianDays(),
                    decision.p90Days() + convention.p90Days() + firstPayment.p90Days(), weakest.name()));
        }
        calls.sort(Comparator.comparing((OrientedCall c) -> c.fit() == Fit.NOT_ELIGIBLE)
                .thenComparing(c -> c.fit() == Fit.NOT_ELIGIBLE ? ZERO : c.expectedAid(), Comparator.reverseOrder())
                .thenComparingInt(c -> c.fit() == Fit.NOT_ELIGIBLE ? 0 : c.firstPaymentMedianDays())
                .thenComparing(OrientedCall::callCode));
        return new PreLabelOrientation(today, total, List.copyOf(calls));
    }

    private static BigDecimal budget(Member member) {
        return member.plannedBudget() == null ? ZERO : member.plannedBudget().setScale(2);
    }
}
