package org.tremplin.audit;

import org.junit.jupiter.api.Test;
import org.tremplin.audit.query.TimelineSummaries;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineSummariesTest {

    @Test
    void known_events_read_as_one_english_line_naming_organisations_met_earlier() {
        TimelineSummaries summaries = new TimelineSummaries();
        assertThat(summaries.summarise(new PartnerInvitedEvent("P", "ORG-1", "Netris Pharma", OrganisationKind.SME),
                "PartnerInvitedEvent", "Project", "P")).isEqualTo("Netris Pharma (SME) was invited to the consortium");
        assertThat(summaries.summarise(new PartnerJoinedEvent("P", "ORG-1", "Tumour biology", new BigDecimal("520000")),
                "PartnerJoinedEvent", "Project", "P"))
                .isEqualTo("Netris Pharma joined the consortium as 'Tumour biology' with 520,000.00 €");
        assertThat(summaries.summarise(new PartnerJoinedEvent("P", "ORG-2", "Imaging", new BigDecimal("1234.5")),
                "PartnerJoinedEvent", "Project", "P")).isEqualTo("ORG-2 joined the consortium as 'Imaging' with 1,234.50 €");
        assertThat(summaries.summarise(new LabelGrantedEvent("P", "Strong\nteam.", new BigDecimal("15.5")),
                "LabelGrantedEvent", "Project", "P")).isEqualTo("Label granted (average 15.50/20): Strong team.");
    }

    @Test
    void an_unknown_event_type_gets_a_generic_line() {
        assertThat(new TimelineSummaries().summarise(java.util.Map.of("x", 1), "FundingAgreementSignedEvent",
                "FundingAgreement", "FA-1")).isEqualTo("Funding agreement signed (FundingAgreement FA-1)");
        assertThat(new TimelineSummaries().summarise(null, "Odd", null, null)).isEqualTo("Odd");
    }
}
