package org.tremplin.benchmark.scale;

import org.junit.jupiter.api.Test;
import org.tremplin.funding.api.EnterpriseSize;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.command.FundingRules;
import org.tremplin.funding.process.DmnFundingRules;
import org.tremplin.organisation.api.OrganisationKind;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator's cache gives the decision tables' own answers, and asks the tables each distinct question once. */
class CachedFundingRulesTest {

    private final DmnFundingRules tables = new DmnFundingRules();
    private final AtomicInteger asked = new AtomicInteger();
    private final FundingRules counting = new FundingRules() {
        @Override
        public Rate rate(FunderKind funderKind, String callCode, OrganisationKind partnerKind, boolean inTerritory,
                         boolean labelled) {
            asked.incrementAndGet();
            return tables.rate(funderKind, callCode, partnerKind, inTerritory, labelled);
        }

        @Override
        public Ceiling ceiling(EnterpriseSize size, boolean effectiveCollaboration) {
            asked.incrementAndGet();
            return tables.ceiling(size, effectiveCollaboration);
        }
    };

    @Test
    void answers_as_the_tables_and_asks_each_question_once() {
        CachedFundingRules cached = new CachedFundingRules(counting);
        int questions = 0;
        for (FunderKind funder : new FunderKind[]{FunderKind.STATE_FUI, FunderKind.ANR, FunderKind.REGION}) {
            for (OrganisationKind partner : new OrganisationKind[]{OrganisationKind.SME, OrganisationKind.LARGE_COMPANY,
                    OrganisationKind.RESEARCH_LAB}) {
                for (int round = 0; round < 3; round++) {
                    assertThat(cached.rate(funder, "SC-CALL-Y0", partner, true, true))
                            .isEqualTo(tables.rate(funder, "SC-CALL-Y0", partner, true, true));
                }
                questions++;
            }
        }
        for (EnterpriseSize size : EnterpriseSize.values()) {
            for (boolean collaboration : new boolean[]{true, false}) {
                for (int round = 0; round < 3; round++) {
                    assertThat(cached.ceiling(size, collaboration)).isEqualTo(tables.ceiling(size, collaboration));
                }
                questions++;
            }
        }
        assertThat(asked).as("each distinct question reaches the tables once").hasValue(questions);
    }
}
