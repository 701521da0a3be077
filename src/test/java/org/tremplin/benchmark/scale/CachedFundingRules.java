package org.tremplin.benchmark.scale;

import org.tremplin.funding.api.EnterpriseSize;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.command.FundingRules;
import org.tremplin.organisation.api.OrganisationKind;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generator's {@link FundingRules}: the real decision tables, each distinct question asked once. The tables are
 * fixed for the generator's run and their answers depend only on the arguments (a few funder kinds, call codes,
 * partner kinds and sizes: a few hundred distinct questions for a national store), so every answer the aggregates get
 * is the table's. Profiled (JFR): without it, evaluating the tables (FEEL's root context built on each call) took
 * about 30 % of the generator's time.
 */
final class CachedFundingRules implements FundingRules {

    private record RateQuestion(FunderKind funderKind, String callCode, OrganisationKind partnerKind, boolean inTerritory,
                                boolean labelled) {
    }

    private record CeilingQuestion(EnterpriseSize size, boolean effectiveCollaboration) {
    }

    private final FundingRules tables;
    private final Map<RateQuestion, Rate> rates = new ConcurrentHashMap<>();
    private final Map<CeilingQuestion, Ceiling> ceilings = new ConcurrentHashMap<>();

    CachedFundingRules(FundingRules tables) {
        this.tables = tables;
    }

    @Override
    public Rate rate(FunderKind funderKind, String callCode, OrganisationKind partnerKind, boolean inTerritory,
                     boolean labelled) {
        return rates.computeIfAbsent(new RateQuestion(funderKind, callCode, partnerKind, inTerritory, labelled),
                q -> tables.rate(funderKind, callCode, partnerKind, inTerritory, labelled));
    }

    @Override
    public Ceiling ceiling(EnterpriseSize size, boolean effectiveCollaboration) {
        return ceilings.computeIfAbsent(new CeilingQuestion(size, effectiveCollaboration),
                q -> tables.ceiling(size, effectiveCollaboration));
    }
}
