package org.tremplin.funding.query;

import org.junit.jupiter.api.Test;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.process.DmnFundingRules;
import org.tremplin.funding.query.CarrierCapacity.Lag;
import org.tremplin.funding.query.CarrierCapacity.Source;
import org.tremplin.funding.query.CarrierCapacity.Stage;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.PreLabelOrientation;
import org.tremplin.project.api.PreLabelOrientation.Fit;
import org.tremplin.project.api.PreLabelOrientation.OrientedCall;
import org.tremplin.project.api.PreLabelOrientation.PartnerRate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tremplin.organisation.api.OrganisationKind.*;

/**
 * The pre-label's orientation on a hand-built case, run on the real decision table: which open calls the consortium
 * may apply to (and why the others are out), the rates and expected aid recomputed by hand, the lead times and the order.
 */
class FundingOrientationTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private static final List<OrganisationKind> ALL = List.of(SME, MID_SIZE_COMPANY, LARGE_COMPANY, RESEARCH_LAB);

    private static final List<FundingOrientation.Member> CONSORTIUM = List.of(
            new FundingOrientation.Member("SME-1", "Photonique SME", SME, true, new BigDecimal("250000.50")),
            new FundingOrientation.Member("MID-1", "Optique Lyon ETI", MID_SIZE_COMPANY, false, new BigDecimal("100000")),
            new FundingOrientation.Member("LARGE-1", "Grand Groupe SA", LARGE_COMPANY, true, new BigDecimal("400000")),
            new FundingOrientation.Member("LAB-1", "Laboratoire Photonique", RESEARCH_LAB, true, new BigDecimal("300000")));

    private static CallView call(String code, String funderId, List<OrganisationKind> kinds, boolean labelRequired,
                                 BigDecimal maxSize) {
        return new CallView("CALL-" + code, funderId, null, code, "Call " + code, TODAY.minusMonths(1),
                TODAY.plusMonths(1), null, null, kinds, labelRequired, maxSize, null, null);
    }

    private static FunderView funder(String code, FunderKind kind) {
        return new FunderView("FUNDER-" + code, code, "Funder " + code, kind, 6, Map.of(), List.of(), List.of(), null, null);
    }

    private static Map<Stage, Lag> lags(Lag decision, Lag convention, Lag firstPayment) {
        Map<Stage, Lag> lags = new EnumMap<>(Stage.class);
        lags.put(Stage.SUBMISSION_TO_DECISION, decision);
        lags.put(Stage.DECISION_TO_CONVENTION, convention);
        lags.put(Stage.CONVENTION_TO_FIRST_PAYMENT, firstPayment);
        lags.put(Stage.STATEMENT_TO_INSTALMENT, new Lag(60, 60, Source.DEFAULT, 0));
        lags.put(Stage.FIRST_PAYMENT_TO_BALANCE, new Lag(730, 730, Source.DEFAULT, 0));
        return lags;
    }

    @Test
    void eligible_calls_first_by_expected_aid_then_lead_time_and_the_others_with_their_reasons() {
        Map<String, FunderView> funders = Map.of(
                "FUNDER-FUI", funder("FUI", FunderKind.STATE_FUI),
                "FUNDER-BPIA", funder("BPIA", FunderKind.BPIFRANCE),
                "FUNDER-BPIB", funder("BPIB", FunderKind.BPIFRANCE),
                "FUNDER-REG", funder("REG", FunderKind.REGION),
                "FUNDER-ANR", funder("ANR", FunderKind.ANR));
        Map<String, Map<Stage, Lag>> leadTimes = Map.of(
                "FUNDER-FUI", lags(new Lag(100, 150, Source.MEASURED, 7), new Lag(60, 90, Source.MEASURED, 6),
                        new Lag(30, 30, Source.SERVICE_LEVEL, 2)),
                "FUNDER-BPIA", lags(new Lag(120, 120, Source.DEFAULT, 0), new Lag(90, 90, Source.DEFAULT, 0),
                        new Lag(30, 30, Source.DEFAULT, 0)),
                "FUNDER-BPIB", lags(new Lag(200, 260, Source.MEASURED, 9), new Lag(90, 95, Source.MEASURED, 9),
                        new Lag(30, 40, Source.MEASURED, 9)),
                "FUNDER-REG", lags(new Lag(120, 120, Source.DEFAULT, 0), new Lag(90, 90, Source.DEFAULT, 0),
                        new Lag(30, 30, Source.DEFAULT, 0)),
                "FUNDER-ANR", lags(new Lag(120, 120, Source.DEFAULT, 0), new Lag(90, 90, Source.DEFAULT, 0),
                        new Lag(30, 30, Source.DEFAULT, 0)));
        List<CallView> open = List.of(
                call("REG-PME", "FUNDER-REG", List.of(SME), false, null),
                call("BPI-2", "FUNDER-BPIB", ALL, false, null),
                call("ANR-PRC", "FUNDER-ANR", ALL, false, new BigDecimal("500000.00")),
                call("BPI-1", "FUNDER-BPIA", ALL, false, null),
                call("FUI-21", "FUNDER-FUI", ALL, true, null));

        PreLabelOrientation orientation = FundingOrientation.compute(TODAY, CONSORTIUM, open, funders,
                new DmnFundingRules(), leadTimes::get);

        assertThat(orientation.asOf()).isEqualTo(TODAY);
        assertThat(orientation.consortiumBudget()).isEqualByComparingTo("1050000.50");
        assertThat(orientation.calls()).extracting(OrientedCall::callCode)
                .containsExactly("FUI-21", "BPI-1", "BPI-2", "ANR-PRC", "REG-PME");

        // FUI call 21, label required: 45 % SME, 25 % mid-size outside the territory (30 % inside), 25 % large, 40 % lab
        OrientedCall fui = orientation.calls().get(0);
        assertThat(fui.fit()).isEqualTo(Fit.ELIGIBLE_ONCE_LABELLED);
        assertThat(fui.reasons()).isEmpty();
        assertThat(fui.rates()).extracting(PartnerRate::organisationId, r -> r.ratePercent().toPlainString(),
                        r -> r.expectedAid().toPlainString(), PartnerRate::inTerritory)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SME-1", "45.00", "112500.22", true),
                        org.assertj.core.groups.Tuple.tuple("MID-1", "25.00", "25000.00", false),
                        org.assertj.core.groups.Tuple.tuple("LARGE-1", "25.00", "100000.00", true),
                        org.assertj.core.groups.Tuple.tuple("LAB-1", "40.00", "120000.00", true));
        assertThat(fui.rates().get(1).source()).isEqualTo("Tremplin default (assumption, to be set by the pole)");
        assertThat(fui.expectedAid()).isEqualByComparingTo("357500.22");
        assertThat(List.of(fui.decisionMedianDays(), fui.decisionP90Days(), fui.firstPaymentMedianDays(),
                fui.firstPaymentP90Days())).containsExactly(100, 150, 190, 270);
        assertThat(fui.leadTimeSource()).isEqualTo("SERVICE_LEVEL");

        // Bpifrance, the table's defaults: 35 % SME, 25 % mid-size, 20 % large, 40 % lab
        OrientedCall bpi1 = orientation.calls().get(1);
        assertThat(bpi1.fit()).isEqualTo(Fit.ELIGIBLE);
        assertThat(bpi1.expectedAid()).isEqualByComparingTo("312500.17"); // 87,500.17 + 25,000 + 80,000 + 120,000
        assertThat(bpi1.firstPaymentMedianDays()).isEqualTo(240);
        assertThat(bpi1.leadTimeSource()).isEqualTo("DEFAULT");
        // the same aid from a slower funder comes after
        OrientedCall bpi2 = orientation.calls().get(2);
        assertThat(bpi2.expectedAid()).isEqualByComparingTo(bpi1.expectedAid());
        assertThat(List.of(bpi2.firstPaymentMedianDays(), bpi2.firstPaymentP90Days())).containsExactly(320, 395);
        assertThat(bpi2.leadTimeSource()).isEqualTo("MEASURED");

        // out: too big, and SME-only
        OrientedCall anr = orientation.calls().get(3);
        assertThat(anr.fit()).isEqualTo(Fit.NOT_ELIGIBLE);
        assertThat(anr.reasons()).containsExactly(
                "the total eligible cost of 1050000.50 euros exceeds the maximum of 500000.00 euros");
        OrientedCall sme = orientation.calls().get(4);
        assertThat(sme.fit()).isEqualTo(Fit.NOT_ELIGIBLE);
        assertThat(sme.reasons()).containsExactly(
                "partner kinds [MID_SIZE_COMPANY, LARGE_COMPANY, RESEARCH_LAB] are not eligible (eligible: [SME])");
    }

    @Test
    void a_call_that_would_pay_nobody_is_out_and_a_consortium_without_partners_fits_nothing() {
        Map<String, FunderView> funders = Map.of("FUNDER-FUI", funder("FUI", FunderKind.STATE_FUI));
        Map<String, Map<Stage, Lag>> leadTimes = Map.of("FUNDER-FUI", lags(new Lag(120, 120, Source.DEFAULT, 0),
                new Lag(90, 90, Source.DEFAULT, 0), new Lag(30, 30, Source.DEFAULT, 0)));
        List<CallView> open = List.of(call("FUI-21", "FUNDER-FUI", List.of(SME, OTHER), false, null));

        OrientedCall other = FundingOrientation.compute(TODAY, List.of(new FundingOrientation.Member("ASSO-1",
                        "Association Photonique", OTHER, false, new BigDecimal("50000"))), open, funders,
                new DmnFundingRules(), leadTimes::get).calls().get(0);
        assertThat(other.fit()).isEqualTo(Fit.NOT_ELIGIBLE);
        assertThat(other.expectedAid()).isEqualByComparingTo("0");
        assertThat(other.reasons()).containsExactly("no partner would receive aid (every rate is 0 %); outside the "
                + "pole's territory: Association Photonique");

        OrientedCall none = FundingOrientation.compute(TODAY, List.of(), open, funders, new DmnFundingRules(),
                leadTimes::get).calls().get(0);
        assertThat(none.fit()).isEqualTo(Fit.NOT_ELIGIBLE);
        assertThat(none.reasons()).containsExactly("the consortium has no partner yet");
    }
}
