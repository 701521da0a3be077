package org.tremplin.funding.query;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.support.ApiTestSupport;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A funder's lead times read at the median's and p90's ranks by the database (through the index on funder, stage and
 * duration) are those of every completed stage sorted in Java: measured, service level or default alike, with
 * durations to the microsecond, ties and running stages among them.
 */
class LeadTimeRanksTest extends ApiTestSupport {

    private static final String BACKFILL = """
            UPDATE funding_lead_time SET duration_ms = CAST(FLOOR(EXTRACT(EPOCH FROM (ended_at - started_at)) * 1000) AS BIGINT)
            WHERE funder_id = ? AND ended_at IS NOT NULL""";

    @Autowired
    private CapacityQueries capacity;
    /** The rows written straight into the read model, removed after: a replay would find no event behind them. */
    private String funder;

    @AfterEach
    void removeTheRows() {
        jdbc.update("DELETE FROM funding_lead_time WHERE funder_id = ?", funder);
    }

    @Test
    void the_ranked_read_gives_the_lead_times_of_the_whole_sort() {
        funder = "FUNDER-RANK-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Random random = new Random(2026);
        Instant base = Instant.parse("2025-01-06T09:00:00.123456Z");
        Map<FundingStage, Integer> completed = Map.of(FundingStage.SUBMISSION_TO_DECISION, 23,
                FundingStage.DECISION_TO_CONVENTION, 7, FundingStage.CONVENTION_TO_FIRST_PAYMENT, 3);
        Map<CarrierCapacity.Stage, List<Duration>> expected = new java.util.EnumMap<>(CarrierCapacity.Stage.class);
        int subject = 0;
        for (Map.Entry<FundingStage, Integer> stage : completed.entrySet()) {
            for (int i = 0; i < stage.getValue(); i++) {
                Instant started = base.plusSeconds(random.nextInt(1_000_000)).plusNanos(random.nextInt(1_000_000) * 1000L);
                // half a day's steps apart, some equal, some a few microseconds apart
                Duration lasted = i % 5 == 0 ? Duration.ofDays(40) : Duration.ofHours(12L * random.nextInt(400))
                        .plusNanos(random.nextInt(3) * 1000L);
                insert(funder, "SUBJ-" + (subject++), stage.getKey(), started, started.plus(lasted));
                expected.computeIfAbsent(CarrierCapacity.Stage.valueOf(stage.getKey().name()), k -> new ArrayList<>())
                        .add(lasted);
            }
        }
        insert(funder, "SUBJ-RUNNING", FundingStage.SUBMISSION_TO_DECISION, base, null);
        jdbc.update(BACKFILL, funder);

        Map<CarrierCapacity.Stage, CarrierCapacity.Lag> lags = capacity.leadTimes(funder);

        for (CarrierCapacity.Stage stage : List.of(CarrierCapacity.Stage.SUBMISSION_TO_DECISION,
                CarrierCapacity.Stage.DECISION_TO_CONVENTION)) {
            CarrierCapacity.Lag whole = CarrierCapacity.lag(expected.get(stage), null, 0, 5);
            assertThat(whole.source()).isEqualTo(CarrierCapacity.Source.MEASURED);
            assertThat(lags.get(stage)).as(stage.name()).isEqualTo(whole);
        }
        assertThat(lags.get(CarrierCapacity.Stage.SUBMISSION_TO_DECISION).measured()).isEqualTo(23);
        // too few completed stages, or none: the default, with the count measured
        assertThat(lags.get(CarrierCapacity.Stage.CONVENTION_TO_FIRST_PAYMENT))
                .extracting(CarrierCapacity.Lag::source, CarrierCapacity.Lag::measured)
                .containsExactly(CarrierCapacity.Source.DEFAULT, 3);
        assertThat(lags.get(CarrierCapacity.Stage.FIRST_PAYMENT_TO_BALANCE))
                .extracting(CarrierCapacity.Lag::source, CarrierCapacity.Lag::measured)
                .containsExactly(CarrierCapacity.Source.DEFAULT, 0);
    }

    private void insert(String funder, String subject, FundingStage stage, Instant started, Instant ended) {
        jdbc.update("""
                        INSERT INTO funding_lead_time (subject_id, stage, funder_id, project_id, application_id, started_at, ended_at)
                        VALUES (?, ?, ?, 'PRJ-RANK', 'APP-RANK', ?, ?)""",
                subject, stage.name(), funder, Timestamp.from(started), ended == null ? null : Timestamp.from(ended));
    }
}
