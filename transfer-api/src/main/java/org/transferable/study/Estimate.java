package org.transferable.study;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.transferable.Checks;
import org.transferable.json.NanAsNull;

/**
 * A mean over replicates (splits) with its sample standard deviation and two-sided 95% confidence interval from
 * Student's t distribution: {@code mean ± t(0.975, count-1) * sd / sqrt(count)}.
 *
 * <p>The t quantile comes from a table for 1 to 30 degrees of freedom (three decimals, as printed in statistics
 * textbooks, e.g. t(2) = 4.303) and is the normal quantile 1.960 beyond.
 *
 * <p>A single value has no spread to estimate: its standard deviation and both interval bounds are
 * {@link Double#NaN}, so every comparison with them is false and a verdict built on them stays inconclusive;
 * a plot should draw no error bar. (A zero-width interval would claim certainty that one run cannot give.) In JSON
 * they are {@code null} ({@link NanAsNull}).
 *
 * @param mean arithmetic mean, finite
 * @param standardDeviation sample standard deviation (divisor count - 1); NaN for a single value
 * @param lower lower bound of the 95% confidence interval; NaN for a single value
 * @param upper upper bound of the 95% confidence interval; NaN for a single value
 * @param count number of values, at least 1
 */
public record Estimate(double mean,
        @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
        double standardDeviation,
        @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class) double lower,
        @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class) double upper,
        int count) {
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};
    private static final double NORMAL_975 = 1.960;

    /**
     * Validates that the fields are consistent.
     *
     * @throws IllegalArgumentException when the mean is not finite, the standard deviation is not NaN for one
     *     value or negative for more, or the interval does not contain the mean
     */
    public Estimate {
        Checks.inRange("value count", count, 1, Integer.MAX_VALUE);
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        if (count == 1 && !(Double.isNaN(standardDeviation) && Double.isNaN(lower) && Double.isNaN(upper))) {
            throw new IllegalArgumentException("a single value has standard deviation and interval NaN, got sd "
                    + standardDeviation + " and [" + lower + ", " + upper + "]");
        }
        if (count > 1 && !(standardDeviation >= 0.0 && lower <= mean && mean <= upper)) {
            throw new IllegalArgumentException("standard deviation must be >= 0 and the interval [" + lower + ", "
                    + upper + "] must contain the mean " + mean + ", got sd " + standardDeviation);
        }
    }

    /**
     * The estimate of some values.
     *
     * @param values finite values, at least one
     * @return mean, sample standard deviation and 95% interval
     * @throws IllegalArgumentException "an estimate needs at least 1 value, got none" or "values must be
     *     finite, got NaN at index 2"
     */
    public static Estimate of(List<Double> values) {
        Objects.requireNonNull(values, "values must not be null");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an estimate needs at least 1 value, got none");
        }
        double sum = 0.0;
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("values must be finite, got " + v + " at index " + i);
            }
            sum += v;
        }
        int count = values.size();
        double mean = sum / count;
        if (count == 1) {
            return new Estimate(mean, Double.NaN, Double.NaN, Double.NaN, 1);
        }
        double squares = 0.0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (count - 1));
        double half = tQuantile975(count - 1) * sd / Math.sqrt(count);
        return new Estimate(mean, sd, mean - half, mean + half, count);
    }

    /** @return the estimate of the given values; see {@link #of(List)} */
    public static Estimate of(double... values) {
        return of(java.util.Arrays.stream(values).boxed().toList());
    }

    /**
     * The 0.975 quantile of Student's t distribution, i.e. the multiplier of a two-sided 95% interval.
     *
     * @param degreesOfFreedom at least 1
     * @return the tabled value for 1..30 degrees of freedom, 1.960 beyond
     * @throws IllegalArgumentException "degrees of freedom must be in [1, 2147483647], got 0"
     */
    public static double tQuantile975(int degreesOfFreedom) {
        Checks.inRange("degrees of freedom", degreesOfFreedom, 1, Integer.MAX_VALUE);
        return degreesOfFreedom <= T_975.length ? T_975[degreesOfFreedom - 1] : NORMAL_975;
    }

    /** @return half the interval's width (NaN for a single value) */
    public double halfWidth() {
        return (upper - lower) / 2.0;
    }

    /** @return whether the whole interval lies above {@code value} (false for a single value) */
    public boolean above(double value) {
        return lower > value;
    }

    /** @return whether the whole interval lies below {@code value} (false for a single value) */
    public boolean below(double value) {
        return upper < value;
    }

    /**
     * A short text for tables and evidence lines.
     *
     * @return e.g. {@code 0.620 [0.570, 0.670] (3 splits)} or {@code 0.620 (1 split)}
     */
    public String describe() {
        if (count == 1) {
            return String.format(Locale.ROOT, "%.3f (1 split)", mean);
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f] (%d splits)", mean, lower, upper, count);
    }
}
