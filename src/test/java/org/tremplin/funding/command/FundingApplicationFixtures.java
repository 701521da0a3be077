package org.tremplin.funding.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.ContributorShare;
import org.tremplin.funding.api.ConventionAmendedEvent;
import org.tremplin.funding.api.ConventionLapsedEvent;
import org.tremplin.funding.api.ConventionSignedEvent;
import org.tremplin.funding.api.ExpenseStatementApprovedEvent;
import org.tremplin.funding.api.ExpenseStatementSubmittedEvent;
import org.tremplin.funding.api.FinalReportAcceptedEvent;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FundingApplicationSubmittedEvent;
import org.tremplin.funding.api.FundingGrantedEvent;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.PartnerGrant;
import org.tremplin.funding.api.PartnerRequest;
import org.tremplin.funding.api.PaymentKind;
import org.tremplin.funding.api.PaymentMadeEvent;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.RequestedAid;
import org.tremplin.funding.api.SignConventionCommand;
import org.tremplin.funding.api.SubmitExpenseStatementCommand;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.funding.process.DmnFundingRules;
import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.tremplin.funding.command.DomainExceptions.ofKind;
import static org.tremplin.shared.DomainException.Kind.INVALID_INPUT;

/**
 * The shared fixture of the funding application tests ({@link FundingApplicationTest}, {@link FundingConventionTest},
 * {@link FundingPaymentsTest}): a funding application from submission to closed conventions, with the real rate
 * table ({@code bpmn/funding-rates.dmn}). The fixture: an SME, a research lab and a large company apply to FUI call 21;
 * the SME gets 90,000 of the 100,000 it asked, the lab all it asked, the large company nothing.
 */
abstract class FundingApplicationFixtures {

    static final String PROJECT = "PRJ-1A2B3C";
    static final String CALL_CODE = "FUI-21";
    static final String CALL_ID = "CALL-FUI-21";
    static final String APP = SubmitFundingApplicationCommand.applicationId(PROJECT, CALL_CODE);
    static final String FUNDER = "FUNDER-FUI";
    static final String SME = "SIREN-111";
    static final String LAB = "LAB-222";
    static final String BIG = "SIREN-333";
    static final String CONV_SME = GrantedAid.conventionId(APP, SME);
    static final String CONV_LAB = GrantedAid.conventionId(APP, LAB);
    static final String FUI_21 = "FUI call 21";
    static final LocalDate DECIDED = LocalDate.of(2025, 3, 10);
    static final LocalDate DEADLINE = LocalDate.of(2025, 9, 10);
    static final LocalDate SIGNED = LocalDate.of(2025, 4, 1);
    static final LocalDate END = LocalDate.of(2027, 3, 31);

    /** The real rate table, parsed once. */
    static final FundingRules RULES = new DmnFundingRules();

    AggregateTestFixture<FundingApplication> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FundingApplication.class);
        fixture.registerInjectableResource(RULES);
        fixture.registerInjectableResource(java.time.Clock.systemUTC());
    }



    /** The fixture on a clock fixed at that Paris date, 10:00. */
    static AggregateTestFixture<FundingApplication> on(LocalDate today) {
        AggregateTestFixture<FundingApplication> dated = new AggregateTestFixture<>(FundingApplication.class);
        dated.registerInjectableResource(RULES);
        dated.registerInjectableResource(java.time.Clock.fixed(today.atTime(10, 0).atZone(java.time.ZoneId.of("Europe/Paris"))
                .toInstant(), java.time.ZoneOffset.UTC));
        return dated;
    }

    // ================================================================== fixtures

    static final String APP_POOLED = SubmitFundingApplicationCommand.applicationId(PROJECT, "FONDS-UNIQUE");
    static final String CONV_POOLED = GrantedAid.conventionId(APP_POOLED, SME);
    static final String FUNDER_POOLED = "FUNDER-FONDS-ARA";

    static List<Object> plus(List<Object> events, Object... more) {
        List<Object> all = new ArrayList<>(events);
        all.addAll(List.of(more));
        return all;
    }

    void refusedAsInvalid(Object command, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString(message));
    }

    static BigDecimal eur(String value) {
        return new BigDecimal(value);
    }

    static PartnerRequest request(String organisation, OrganisationKind kind, String ir, String ed, String asked) {
        return new PartnerRequest(organisation, kind, true, eur(ir), eur(ed), eur(asked));
    }

    static List<PartnerRequest> requests(String sme, String lab, String big) {
        return List.of(request(SME, OrganisationKind.SME, "200000", "50000", sme),
                request(LAB, OrganisationKind.RESEARCH_LAB, "100000", "0", lab),
                request(BIG, OrganisationKind.LARGE_COMPANY, "0", "80000.01", big));
    }

    static SubmitFundingApplicationCommand submit(List<PartnerRequest> requests) {
        return new SubmitFundingApplicationCommand(APP, PROJECT, CALL_ID, CALL_CODE, FUNDER, FunderKind.STATE_FUI, true, 6,
                requests);
    }

    static FundingApplicationSubmittedEvent submitted() {
        return new FundingApplicationSubmittedEvent(APP, PROJECT, CALL_ID, CALL_CODE, FUNDER, FunderKind.STATE_FUI, true, 6,
                List.of(new RequestedAid(SME, OrganisationKind.SME, true, eur("200000.00"), eur("50000.00"), eur("45.00"),
                                FUI_21, eur("112500.00"), eur("100000.00")),
                        new RequestedAid(LAB, OrganisationKind.RESEARCH_LAB, true, eur("100000.00"), eur("0.00"),
                                eur("40.00"), FUI_21, eur("40000.00"), eur("40000.00")),
                        new RequestedAid(BIG, OrganisationKind.LARGE_COMPANY, true, eur("0.00"), eur("80000.01"),
                                eur("25.00"), FUI_21, eur("20000.00"), eur("20000.00"))),
                eur("160000.00"));
    }

    static PartnerGrant grant(String organisation, String amount) {
        return new PartnerGrant(organisation, eur(amount));
    }

    static FundingGrantedEvent granted() {
        return new FundingGrantedEvent(APP, PROJECT, FUNDER, List.of(
                new GrantedAid(SME, CONV_SME, eur("100000.00"), eur("90000.00"), eur("45.00")),
                new GrantedAid(LAB, CONV_LAB, eur("40000.00"), eur("40000.00"), eur("40.00"))),
                eur("130000.00"), true, "Budget limited", DECIDED, DEADLINE);
    }

    static SignConventionCommand sign(LocalDate signedOn, LocalDate end, String advance, String cap) {
        return new SignConventionCommand(APP, CONV_SME, signedOn, end, eur(advance), eur(cap), List.of());
    }

    static ConventionSignedEvent signedSme() {
        return new ConventionSignedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, eur("90000.00"), eur("45.00"), SIGNED, END,
                eur("30.00"), eur("80.00"), List.of());
    }

    static ConventionLapsedEvent lapsedSme() {
        return new ConventionLapsedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, DEADLINE, eur("90000.00"));
    }

    static ConventionAmendedEvent withdrawnSme() {
        return new ConventionAmendedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, 2, AmendmentKind.PARTNER_WITHDRAWAL,
                eur("90000.00"), eur("27000.00"), END, END, null, "Insolvency");
    }

    static PaymentMadeEvent payment(String paymentId, PaymentKind kind, String statementId, String amount,
                                            String paidTotal, String remaining) {
        return new PaymentMadeEvent(APP, CONV_SME, PROJECT, FUNDER, SME, paymentId, kind, statementId, eur(amount),
                eur(paidTotal), eur(remaining), List.of(), null);
    }

    static PaymentMadeEvent advancePaid() {
        return payment("PAY-1", PaymentKind.ADVANCE, null, "27000.00", "27000.00", "63000.00");
    }

    static PaymentMadeEvent instalmentPaid() {
        return payment("PAY-2", PaymentKind.INSTALMENT, "ST-1", "22500.14", "49500.14", "40499.86");
    }

    static SubmitExpenseStatementCommand statement(String id, String amount, boolean last) {
        return new SubmitExpenseStatementCommand(APP, CONV_SME, id, LocalDate.of(2025, 12, 31), eur(amount), last);
    }

    static ExpenseStatementSubmittedEvent submittedStatement(String id, String amount, boolean last) {
        return new ExpenseStatementSubmittedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, id, LocalDate.of(2025, 12, 31),
                eur(amount), last);
    }

    static ExpenseStatementApprovedEvent approvedStatement(String id, String approved, String total, boolean last) {
        return new ExpenseStatementApprovedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, id, eur(approved), eur(total), last,
                null);
    }

    static FinalReportAcceptedEvent finalReportAccepted() {
        return new FinalReportAcceptedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, "Good work");
    }

    /** Signed, advance paid, ST-1 approved for 110,000.33. */
    static List<Object> afterFirstApproval() {
        return List.of(submitted(), granted(), signedSme(), advancePaid(), submittedStatement("ST-1", "120000.00", false),
                approvedStatement("ST-1", "110000.33", "110000.33", false));
    }

    /** ... then the instalment of 22,500.14 and the final statement ST-2 approved for 100,000 (total 210,000.33). */
    static List<Object> afterFinalApproval() {
        List<Object> events = new ArrayList<>(afterFirstApproval());
        events.add(instalmentPaid());
        events.add(submittedStatement("ST-2", "100000.00", true));
        events.add(approvedStatement("ST-2", "100000.00", "210000.33", true));
        return events;
    }

    static PooledFundContributor contributor(String who, String share) {
        return new PooledFundContributor(who, eur(share));
    }

    /** A pooled fund's application: the SME granted 10,000.10, signed with a 10 % advance and these contributors. */
    static List<Object> pooled(List<PooledFundContributor> contributors) {
        return List.of(
                new FundingApplicationSubmittedEvent(APP_POOLED, PROJECT, "CALL-FONDS-UNIQUE", "FONDS-UNIQUE",
                        FUNDER_POOLED, FunderKind.POOLED_FUND, true, 6,
                        List.of(new RequestedAid(SME, OrganisationKind.SME, true, eur("40000.00"), eur("0.00"),
                                eur("35.00"), "Tremplin default (assumption, to be set by the pole)", eur("14000.00"),
                                eur("10000.10"))),
                        eur("10000.10")),
                new FundingGrantedEvent(APP_POOLED, PROJECT, FUNDER_POOLED, List.of(new GrantedAid(SME, CONV_POOLED,
                        eur("10000.10"), eur("10000.10"), eur("35.00"))), eur("10000.10"), false, null, DECIDED, DEADLINE),
                new ConventionSignedEvent(APP_POOLED, CONV_POOLED, PROJECT, FUNDER_POOLED, SME, eur("10000.10"),
                        eur("35.00"), SIGNED, END, eur("10.00"), eur("80.00"), contributors));
    }

    static PaymentMadeEvent pooledAdvance(List<ContributorShare> shares) {
        return new PaymentMadeEvent(APP_POOLED, CONV_POOLED, PROJECT, FUNDER_POOLED, SME, "PAY-1", PaymentKind.ADVANCE,
                null, eur("1000.01"), eur("1000.01"), eur("9000.09"), shares, null);
    }
}
