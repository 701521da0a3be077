package org.tremplin.audit;

import org.junit.jupiter.api.Test;
import org.tremplin.audit.query.TimelineSummaries;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.CapacityVerdictShown;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.project.api.LabelRefusedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline line of a label decision names the capacity verdicts the committee was shown. */
class LabelDecisionSummaryTest {

    @Test
    void the_verdicts_shown_follow_the_reasons_by_organisation_name() {
        TimelineSummaries summaries = new TimelineSummaries();
        summaries.summarise(new PartnerInvitedEvent("P", "ORG-1", "Netris Pharma", OrganisationKind.SME),
                "PartnerInvitedEvent", "Project", "P");
        List<CapacityVerdictShown> shown = List.of(
                new CapacityVerdictShown("ORG-1", "OVER_CAPACITY", List.of("co-funding ..."), LocalDate.of(2027, 1, 15)),
                new CapacityVerdictShown("ORG-2", "COMFORTABLE", List.of("within every threshold"), LocalDate.of(2027, 1, 15)));
        assertThat(summaries.summarise(new LabelGrantedEvent("P", "Strong team.", new BigDecimal("15.5"), shown),
                "LabelGrantedEvent", "Project", "P"))
                .isEqualTo("Label granted (average 15.50/20): Strong team. — capacity shown: Netris Pharma over capacity, "
                        + "ORG-2 comfortable");
        assertThat(summaries.summarise(new LabelRefusedEvent("P", "Too big.", new BigDecimal("8"), shown.subList(0, 1)),
                "LabelRefusedEvent", "Project", "P"))
                .isEqualTo("Label refused (average 8.00/20): Too big. — capacity shown: Netris Pharma over capacity");
        // a decision recorded before the check existed shows none
        assertThat(summaries.summarise(new LabelGrantedEvent("P", "Strong team.", new BigDecimal("15.5")),
                "LabelGrantedEvent", "Project", "P")).isEqualTo("Label granted (average 15.50/20): Strong team.");
    }
}
