package org.tremplin.project.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.IpPreDiagnosisFindingsRecordedEvent;
import org.tremplin.project.api.IpPreDiagnosisRequestedEvent;
import org.tremplin.project.api.IpPreDiagnosisSummarySharedEvent;
import org.tremplin.project.api.RecordIpPreDiagnosisFindingsCommand;
import org.tremplin.project.api.RequestIpPreDiagnosisCommand;
import org.tremplin.project.api.ShareIpPreDiagnosisSummaryCommand;
import org.tremplin.shared.DomainException;

import static org.hamcrest.Matchers.containsString;

class IpPreDiagnosisTest {

    private static final String PROJECT = "PRJ-1";
    private static final String SME = "SIREN-552100554";
    private static final String ID = RequestIpPreDiagnosisCommand.idOf(PROJECT, SME);

    private AggregateTestFixture<IpPreDiagnosis> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IpPreDiagnosis.class);
    }

    @Test
    void an_sme_asks_for_a_pre_diagnosis() {
        fixture.givenNoPriorActivity()
                .when(new RequestIpPreDiagnosisCommand(ID, PROJECT, SME, OrganisationKind.SME, "sophie"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested());
    }

    @Test
    void an_organisation_that_is_not_an_sme_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RequestIpPreDiagnosisCommand(ID, PROJECT, SME, OrganisationKind.LARGE_COMPANY, "sophie"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("is not an SME (LARGE_COMPANY)"));
    }

    @Test
    void a_second_request_is_a_conflict() {
        fixture.given(requested())
                .when(new RequestIpPreDiagnosisCommand(ID, PROJECT, SME, OrganisationKind.SME, "sophie"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("already asked for an IP pre-diagnosis"));
    }

    @Test
    void an_id_not_derived_from_project_and_sme_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RequestIpPreDiagnosisCommand("IPD-X", PROJECT, SME, OrganisationKind.SME, "sophie"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("preDiagnosisId must be " + ID));
    }

    @Test
    void the_adviser_records_the_findings() {
        fixture.given(requested())
                .when(new RecordIpPreDiagnosisFindingsCommand(ID, "iris", "EP1234567", "The optical design", "The recipe"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(findings());
    }

    @Test
    void findings_need_every_recommendation() {
        fixture.given(requested())
                .when(new RecordIpPreDiagnosisFindingsCommand(ID, "iris", "EP1234567", " ", "The recipe"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("fileBeforeDisclosure is required"));
    }

    @Test
    void findings_are_recorded_once() {
        fixture.given(requested(), findings())
                .when(new RecordIpPreDiagnosisFindingsCommand(ID, "iris", "a", "b", "c"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("already recorded"));
    }

    @Test
    void the_sme_shares_a_summary_after_the_findings() {
        fixture.given(requested(), findings())
                .when(new ShareIpPreDiagnosisSummaryCommand(ID, "We file before the kick-off.", "sophie"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new IpPreDiagnosisSummarySharedEvent(ID, PROJECT, SME, "We file before the kick-off.", "sophie"));
    }

    @Test
    void a_summary_before_the_findings_is_refused() {
        fixture.given(requested())
                .when(new ShareIpPreDiagnosisSummaryCommand(ID, "Nothing yet", "sophie"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("has not recorded the findings"));
    }

    @Test
    void a_summary_is_shared_once() {
        fixture.given(requested(), findings(), new IpPreDiagnosisSummarySharedEvent(ID, PROJECT, SME, "s", "sophie"))
                .when(new ShareIpPreDiagnosisSummaryCommand(ID, "again", "sophie"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("already shared"));
    }

    @Test
    void a_blank_summary_is_refused() {
        fixture.given(requested(), findings())
                .when(new ShareIpPreDiagnosisSummaryCommand(ID, "  ", "sophie"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(containsString("summary is required"));
    }

    private static IpPreDiagnosisRequestedEvent requested() {
        return new IpPreDiagnosisRequestedEvent(ID, PROJECT, SME, "sophie");
    }

    private static IpPreDiagnosisFindingsRecordedEvent findings() {
        return new IpPreDiagnosisFindingsRecordedEvent(ID, PROJECT, SME, "iris", "EP1234567", "The optical design",
                "The recipe");
    }
}
