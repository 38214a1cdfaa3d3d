package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.transferable.similarity.LogMeTest.cyclic;
import static org.transferable.similarity.LogMeTest.separated;
import static org.transferable.similarity.TestMatrices.gaussian;

import org.junit.jupiter.api.Test;

class HScoreTest {
    @Test
    void score_handComputedOneFeature() {
        // var f = 5/3; class means 0.5, 0.5, 2.5, 2.5 have variance 4/3; H = (4/3) / (5/3)
        FeatureMatrix f = FeatureMatrix.of(new double[][] {{0}, {1}, {2}, {3}});

        assertThat(HScore.score(f, Labels.of(2, 0, 0, 1, 1))).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void score_separatedClasses_rankAboveRandomFeatures() {
        Labels labels = cyclic(300, 3);
        double separated = HScore.score(FeatureMatrix.of(separated(300, 8, labels, 3.0, 1)), labels);
        double random = HScore.score(FeatureMatrix.of(gaussian(300, 8, 0.0, 2)), labels);

        assertThat(separated).isBetween(1.0, 2.0);
        assertThat(random).isBetween(0.0, 0.2);
    }

    @Test
    void score_constantFeatureAppended_isUnchangedByThePseudoInverse() {
        Labels labels = cyclic(30, 3);
        double[][] f = separated(30, 4, labels, 1.0, 3);
        double[][] withConstant = new double[30][5];
        for (int i = 0; i < 30; i++) {
            System.arraycopy(f[i], 0, withConstant[i], 0, 4);
            withConstant[i][4] = 0.25;
        }

        assertThat(HScore.score(FeatureMatrix.of(withConstant), labels))
                .isCloseTo(HScore.score(FeatureMatrix.of(f), labels), within(1e-9));
    }

    @Test
    void score_allFeaturesConstant_isZero() {
        assertThat(HScore.score(FeatureMatrix.of(new double[6][3]), cyclic(6, 2))).isZero();
    }

    @Test
    void score_oneExample_throws() {
        assertThatThrownBy(() -> HScore.score(FeatureMatrix.of(new double[][] {{1, 2}}), Labels.of(2, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("H-score needs at least 2 examples, got 1");
    }

    @Test
    void score_mismatchedRows_throws() {
        assertThatThrownBy(() -> HScore.score(FeatureMatrix.of(gaussian(5, 2, 0, 1)), cyclic(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features and labels must have the same examples, got 5 rows and 4 labels");
    }

    @Test
    void relativeTolerance_isDimensionTimesMachineEpsilon() {
        assertThat(HScore.relativeTolerance(10)).isEqualTo(10 * 2.220446049250313e-16);
    }
}
