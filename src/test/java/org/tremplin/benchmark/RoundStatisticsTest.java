package org.tremplin.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RoundStatisticsTest {

    /** Session 47's PostgreSQL run: Tremplin's starts ÷ bare plain Camunda's, round by round. */
    private static final List<Double> STARTS = List.of(0.53, 0.80, 0.76, 0.46, 0.62, 0.85, 0.58, 0.66, 0.75);

    @Test
    void theMedianOfAnOddAndAnEvenCount() {
        assertThat(RoundStatistics.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(RoundStatistics.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThatThrownBy(() -> RoundStatistics.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundsThatAllAgreeLeaveTheMedianNowhereToMove() {
        assertThat(RoundStatistics.medianInterval90(List.of(0.72, 0.72, 0.72, 0.72, 0.72), 1)).containsExactly(0.72, 0.72);
    }

    @Test
    void spreadRoundsGiveAnIntervalAroundTheMedianInsideTheirRange() {
        double[] interval = RoundStatistics.medianInterval90(STARTS, 47);

        assertThat(interval[0]).isLessThan(RoundStatistics.median(STARTS)).isGreaterThanOrEqualTo(0.46);
        assertThat(interval[1]).isGreaterThan(RoundStatistics.median(STARTS)).isLessThanOrEqualTo(0.85);
        // the resampled medians are medians of rounds: both ends are one round's value or the mean of two
        assertThat(interval[1] - interval[0]).isGreaterThan(0.05);
    }

    @Test
    void theSameRoundsAndSeedGiveTheSameInterval() {
        assertThat(RoundStatistics.medianInterval90(STARTS, 47)).containsExactly(RoundStatistics.medianInterval90(STARTS, 47));
    }

    @Test
    void moreRoundsOfTheSameSpreadNarrowTheInterval() {
        List<Double> threeTimes = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threeTimes.addAll(STARTS);
        }
        double[] nine = RoundStatistics.medianInterval90(STARTS, 47);
        double[] twentySeven = RoundStatistics.medianInterval90(threeTimes, 47);

        assertThat(twentySeven[1] - twentySeven[0]).isLessThan(nine[1] - nine[0]);
        assertThat(RoundStatistics.median(threeTimes)).isCloseTo(RoundStatistics.median(STARTS), within(1e-12));
    }
}
