package org.transferable.study;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Spearman's rank correlation: Pearson's correlation of the two samples' ranks, ties given their average rank.
 */
final class Spearman {
    private Spearman() {
    }

    /**
     * @param x the first sample
     * @param y the second, as long
     * @return the rank correlation in [-1, 1]; empty when either sample has a single distinct value (no ranking)
     * @throws IllegalArgumentException when the lengths differ, there are fewer than 2 values, or one is not finite
     */
    static OptionalDouble rho(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a rank correlation needs two samples of the same length >= 2, got "
                    + x.length + " and " + y.length + " values");
        }
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElseThrow();
        double my = Arrays.stream(ry).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < rx.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? OptionalDouble.empty() : OptionalDouble.of(sxy / Math.sqrt(sxx * syy));
    }

    /** @return each value's rank from 1, tied values their average rank */
    static double[] ranks(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("a rank correlation needs finite values, got " + values[i]
                        + " at index " + i);
            }
        }
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }
}
