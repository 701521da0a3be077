package org.tremplin.funding.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A funder as the other contexts and the API see it. */
public record FunderView(
        String id,
        String code,
        String name,
        FunderKind kind,
        int contractingDeadlineMonths,
        Map<FundingStage, Integer> serviceLevelDays,
        List<PooledFundContributor> contributors,
        List<String> users,
        Instant registeredAt,
        Instant lastUpdatedAt) {
}
