package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.transferable.similarity.TestMatrices.gaussian;

import org.junit.jupiter.api.Test;

class LogMeTest {
    private static final int N = 300;
    private static final Labels LABELS = cyclic(N, 3);

    static Labels cyclic(int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return new Labels(y, classes);
    }

    /** Gaussian features whose first {@code classes} dimensions carry the class, shifted by {@code separation}. */
    static double[][] separated(int n, int d, Labels labels, double separation, long seed) {
        double[][] f = gaussian(n, d, 0.0, seed);
        for (int i = 0; i < n; i++) {
            f[i][labels.get(i)] += separation;
        }
        return f;
    }

    @Test
    void score_informativeFeatures_rankAboveRandomFeatures() {
        double informative = LogMe.score(FeatureMatrix.of(separated(N, 10, LABELS, 3.0, 1)), LABELS);
        double weak = LogMe.score(FeatureMatrix.of(separated(N, 10, LABELS, 0.5, 1)), LABELS);
        double random = LogMe.score(FeatureMatrix.of(gaussian(N, 10, 0.0, 2)), LABELS);

        assertThat(informative).isGreaterThan(weak + 0.05);
        assertThat(weak).isGreaterThan(random);
    }

    @Test
    void score_deadUnitAppended_isUnchanged() {
        double[][] f = separated(40, 5, cyclic(40, 3), 2.0, 3);
        double[][] withDeadUnit = new double[40][6];
        for (int i = 0; i < 40; i++) {
            System.arraycopy(f[i], 0, withDeadUnit[i], 0, 5);
        }

        assertThat(LogMe.score(FeatureMatrix.of(withDeadUnit), cyclic(40, 3)))
                .isCloseTo(LogMe.score(FeatureMatrix.of(f), cyclic(40, 3)), within(1e-9));
    }

    @Test
    void score_moreFeaturesThanExamples_isFinite() {
        Labels labels = cyclic(12, 3);

        assertThat(LogMe.score(FeatureMatrix.of(separated(12, 30, labels, 2.0, 4)), labels)).isFinite();
    }

    @Test
    void score_mismatchedRows_throws() {
        assertThatThrownBy(() -> LogMe.score(FeatureMatrix.of(gaussian(10, 2, 0, 1)), cyclic(12, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features and labels must have the same examples, got 10 rows and 12 labels");
    }

    @Test
    void score_allZeroFeatures_throws() {
        assertThatThrownBy(() -> LogMe.score(FeatureMatrix.of(new double[6][2]), cyclic(6, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LogME is undefined for features that are all zero");
    }
}
