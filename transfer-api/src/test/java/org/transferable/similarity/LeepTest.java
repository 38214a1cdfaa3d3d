package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.transferable.similarity.LogMeTest.cyclic;
import static org.transferable.similarity.TestMatrices.gaussian;

import org.junit.jupiter.api.Test;

class LeepTest {
    private static FeatureMatrix softmax(double[][] logits) {
        double[][] p = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            p[i] = new double[logits[i].length];
            double sum = 0.0;
            for (int k = 0; k < p[i].length; k++) {
                p[i][k] = Math.exp(logits[i][k]);
                sum += p[i][k];
            }
            for (int k = 0; k < p[i].length; k++) {
                p[i][k] /= sum;
            }
        }
        return FeatureMatrix.of(p);
    }

    @Test
    void score_uniformPredictions_isLogOfOneOverClasses() {
        assertThat(Leep.score(softmax(new double[40][6]), cyclic(40, 4))).isCloseTo(Math.log(0.25), within(1e-6));
    }

    @Test
    void score_randomPredictionsIndependentOfLabels_isNearLogOfOneOverClasses() {
        double leep = Leep.score(softmax(gaussian(4000, 6, 0.0, 1)), cyclic(4000, 4));

        assertThat(leep).isCloseTo(Math.log(0.25), within(0.01));
    }

    @Test
    void score_perfectPredictions_isZero() {
        Labels labels = cyclic(20, 5);
        double[][] oneHot = new double[20][5];
        for (int i = 0; i < 20; i++) {
            oneHot[i][labels.get(i)] = 1.0;
        }

        assertThat(Leep.score(FeatureMatrix.of(oneHot), labels)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void score_informativePredictions_beatRandomOnes() {
        Labels labels = cyclic(400, 4);
        double[][] logits = gaussian(400, 6, 0.0, 2);
        for (int i = 0; i < 400; i++) {
            logits[i][labels.get(i) + 2] += 2.0;
        }

        assertThat(Leep.score(softmax(logits), labels)).isGreaterThan(Math.log(0.25) + 0.2);
    }

    @Test
    void score_probabilityOutOfRange_throws() {
        FeatureMatrix p = FeatureMatrix.of(new double[][] {{0.5, 0.5}, {1.5, -0.5}});

        assertThatThrownBy(() -> Leep.score(p, Labels.of(2, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source probabilities must be in [0, 1], got 1.5 at row 1, column 0");
    }

    @Test
    void score_rowNotSummingToOne_throws() {
        FeatureMatrix p = FeatureMatrix.of(new double[][] {{0.5, 0.5}, {0.5, 0.25}});

        assertThatThrownBy(() -> Leep.score(p, Labels.of(2, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source probabilities of row 1 sum to 0.75, expected 1 within 1.0E-4");
    }

    @Test
    void score_mismatchedRows_throws() {
        assertThatThrownBy(() -> Leep.score(softmax(new double[3][2]), Labels.of(2, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features and labels must have the same examples, got 3 rows and 2 labels");
    }
}
