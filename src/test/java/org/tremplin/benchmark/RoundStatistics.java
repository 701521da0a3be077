package org.tremplin.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a run's rounds say about a ratio, beyond their median and range: how far the median itself could move had the
 * same run drawn other rounds. A 90 % bootstrap interval: the rounds resampled with replacement, the median of each
 * resample, and the 5th and 95th percentiles of those medians (session 47). Session 47's PostgreSQL run: nine rounds
 * of starts ratios from 0.46 to 0.85, a median of 0.66 and an interval of 0.58–0.76, as wide as the medians of
 * sessions 44–47's runs of nearly the same code apart; the interval prints that next to the median instead of leaving
 * it to the next run.
 */
final class RoundStatistics {

    /** Resamples drawn for an interval: enough that the interval's ends move by less than its printed precision. */
    static final int RESAMPLES = 10_000;

    private RoundStatistics() {
    }

    /** The median of the values (the mean of the two middle ones for an even count). */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return median(sorted);
    }

    /**
     * The 90 % bootstrap interval of the median, {low, high}: {@link #RESAMPLES} resamples of the values with
     * replacement drawn from the given seed (the same values and seed give the same interval).
     */
    static double[] medianInterval90(List<Double> values, long seed) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values");
        }
        double[] given = values.stream().mapToDouble(Double::doubleValue).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[RESAMPLES];
        double[] resample = new double[given.length];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < resample.length; i++) {
                resample[i] = given[random.nextInt(given.length)];
            }
            Arrays.sort(resample);
            medians[r] = median(resample);
        }
        Arrays.sort(medians);
        return new double[]{medians[(int) Math.floor(0.05 * (RESAMPLES - 1))],
                medians[(int) Math.ceil(0.95 * (RESAMPLES - 1))]};
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
