package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.transferable.similarity.TestMatrices.gaussian;
import static org.transferable.similarity.TestMatrices.orthogonal;
import static org.transferable.similarity.TestMatrices.scaled;
import static org.transferable.similarity.TestMatrices.times;

import org.junit.jupiter.api.Test;

class CkaTest {
    private static final double[][] X = gaussian(50, 6, 2.0, 1);
    /** A noisy linear map of X, so that CKA(X, Y) is well inside (0, 1). */
    private static final double[][] Y = plus(times(X, gaussian(6, 4, 0.0, 2)), scaled(gaussian(50, 4, 0.0, 3), 2));

    private static FeatureMatrix m(double[][] a) {
        return FeatureMatrix.of(a);
    }

    private static double[][] plus(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] + b[i][j];
            }
        }
        return out;
    }

    private static double[][] shifted(double[][] a, double[] v) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] + v[j];
            }
        }
        return out;
    }

    @Test
    void linear_sameFeatures_isOne() {
        assertThat(Cka.linear(m(X), m(X))).isCloseTo(1.0, within(1e-12));
        assertThat(Cka.linearGram(m(X), m(X))).isCloseTo(1.0, within(1e-12));
        assertThat(Cka.debiased(m(X), m(X))).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void linear_relatedFeatures_isStrictlyBetweenZeroAndOne() {
        assertThat(Cka.linear(m(X), m(Y))).isBetween(0.3, 0.99);
    }

    @Test
    void linear_isotropicScaling_isInvariant() {
        double cka = Cka.linear(m(X), m(Y));

        assertThat(Cka.linear(m(scaled(X, 7.5)), m(scaled(Y, 0.01)))).isCloseTo(cka, within(1e-6));
        assertThat(Cka.debiased(m(scaled(X, 7.5)), m(Y))).isCloseTo(Cka.debiased(m(X), m(Y)), within(1e-6));
    }

    @Test
    void linear_orthogonalRotation_isInvariant() {
        double[][] rotated = times(X, orthogonal(6, 4));

        assertThat(Cka.linear(m(rotated), m(Y))).isCloseTo(Cka.linear(m(X), m(Y)), within(1e-6));
        assertThat(Cka.debiased(m(rotated), m(Y))).isCloseTo(Cka.debiased(m(X), m(Y)), within(1e-6));
    }

    @Test
    void linear_arbitraryInvertibleMap_changesTheValue() {
        double[][] map = {{5, 0, 0, 0, 0, 0}, {1, 0.2, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0}, {0, 0, 0, 3, 0, 0},
            {0, 0, 0, 0, 0.1, 2}, {0, 0, 0, 0, 0, 1}};
        double mapped = Cka.linear(m(times(X, map)), m(Y));

        assertThat(Math.abs(mapped - Cka.linear(m(X), m(Y)))).isGreaterThan(0.01);
    }

    @Test
    void linearGram_agreesWithFeatureSpaceForm() {
        for (long seed = 10; seed < 15; seed++) {
            FeatureMatrix a = m(gaussian(20, 3 + (int) seed % 4, 1.0, seed));
            FeatureMatrix b = m(times(gaussian(20, 5, -2.0, seed + 100), gaussian(5, 7, 0.0, seed + 200)));

            assertThat(Cka.linearGram(a, b)).isCloseTo(Cka.linear(a, b), within(1e-10));
        }
    }

    @Test
    void debiased_translatedFeatures_isInvariant() {
        // 1e-6: Y + 30 rounds to float32 more coarsely than Y does
        assertThat(Cka.debiased(m(X), m(shifted(Y, gaussian(1, 4, 30.0, 5)[0])))).isCloseTo(
                Cka.debiased(m(X), m(Y)), within(1e-6));
    }

    @Test
    void debiased_unrelatedWideFeatures_isNearZeroWhereBiasedIsNot() {
        FeatureMatrix a = m(gaussian(20, 200, 0.0, 6));
        FeatureMatrix b = m(gaussian(20, 200, 0.0, 7));

        assertThat(Cka.linear(a, b)).isGreaterThan(0.5);
        assertThat(Math.abs(Cka.debiased(a, b))).isLessThan(0.1);
    }

    @Test
    void linear_mismatchedRows_throws() {
        assertThatThrownBy(() -> Cka.linear(m(gaussian(10, 2, 0, 1)), m(gaussian(12, 2, 0, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x and y must have the same examples (rows), got 10 and 12");
        assertThatThrownBy(() -> Cka.debiased(m(gaussian(10, 2, 0, 1)), m(gaussian(12, 2, 0, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x and y must have the same examples (rows), got 10 and 12");
    }

    @Test
    void linear_oneExample_throws() {
        assertThatThrownBy(() -> Cka.linearGram(m(gaussian(1, 2, 0, 1)), m(gaussian(1, 3, 0, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linear CKA needs at least 2 examples, got 1");
    }

    @Test
    void debiased_threeExamples_throws() {
        assertThatThrownBy(() -> Cka.debiased(m(gaussian(3, 2, 0, 1)), m(gaussian(3, 2, 0, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("debiased CKA needs at least 4 examples, got 3");
    }

    @Test
    void linear_constantFeatures_throws() {
        double[][] constant = {{2, 1}, {2, 1}, {2, 1}, {2, 1}, {2, 1}};

        assertThatThrownBy(() -> Cka.linear(m(gaussian(5, 2, 0, 1)), m(constant)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linear CKA is undefined: the features of y are constant over the examples");
        assertThatThrownBy(() -> Cka.debiased(m(constant), m(gaussian(5, 2, 0, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("debiased CKA is undefined: HSIC_1 of x with itself is 0.0, not positive");
    }
}
