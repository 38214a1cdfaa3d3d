package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NceTest {
    @Test
    void score_sourceDeterminesTarget_isZero() {
        Labels source = Labels.of(4, 0, 1, 2, 3, 0, 1, 2, 3);
        Labels target = Labels.of(2, 0, 1, 1, 0, 0, 1, 1, 0);

        assertThat(Nce.score(source, target)).isCloseTo(0.0, within(1e-15));
    }

    @Test
    void score_independentLabels_isMinusTheTargetEntropy() {
        int[] z = new int[400];
        int[] y = new int[400];
        for (int i = 0; i < 400; i++) {
            z[i] = i % 2;
            y[i] = (i / 2) % 4;
        }

        assertThat(Nce.score(new Labels(z, 2), new Labels(y, 4))).isCloseTo(Math.log(0.25), within(1e-12));
    }

    @Test
    void score_handComputedExample() {
        // z = 0: y = 0, 0, 1 (H = -(2/3 log 2/3 + 1/3 log 1/3)); z = 1: y = 1 (H = 0); P(z = 0) = 3/4
        Labels source = Labels.of(2, 0, 0, 0, 1);
        Labels target = Labels.of(2, 0, 0, 1, 1);
        double expected = 0.75 * (2.0 / 3 * Math.log(2.0 / 3) + 1.0 / 3 * Math.log(1.0 / 3));

        assertThat(Nce.score(source, target)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void score_fromArgmaxOfProbabilities_usesTheMostProbableClass() {
        FeatureMatrix p = FeatureMatrix.of(new double[][] {{0.1, 0.9}, {0.8, 0.2}, {0.5, 0.5}});

        assertThat(Labels.argmax(p)).isEqualTo(Labels.of(2, 1, 0, 0));
    }

    @Test
    void score_mismatchedExamples_throws() {
        assertThatThrownBy(() -> Nce.score(Labels.of(2, 0, 1), Labels.of(2, 0, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source and target labels must have the same examples, got 2 and 3");
    }
}
