package org.transferable.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Evaluation} ranges. */
class EvaluationTest {

    @Test
    void constructor_validValues_areKept() {
        Evaluation evaluation = new Evaluation(0.75, 0.5, 100);

        assertThat(evaluation.accuracy()).isEqualTo(0.75);
        assertThat(evaluation.loss()).isEqualTo(0.5);
        assertThat(evaluation.images()).isEqualTo(100);
    }

    @Test
    void constructor_infiniteLoss_isAccepted() {
        // A predicted probability of 0 for the true class gives an infinite cross-entropy.
        assertThat(new Evaluation(0.0, Double.POSITIVE_INFINITY, 1).loss()).isInfinite();
    }

    @Test
    void constructor_accuracyOutOfRange_fails() {
        assertThatThrownBy(() -> new Evaluation(1.5, 0.1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accuracy must be in [0.0, 1.0], got 1.5");
    }

    @Test
    void constructor_negativeOrNanLoss_fails() {
        assertThatThrownBy(() -> new Evaluation(0.5, -0.1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss must be >= 0, got -0.1");
        assertThatThrownBy(() -> new Evaluation(0.5, Double.NaN, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss must be >= 0, got NaN");
        assertThatThrownBy(() -> new Evaluation(0.5, Double.NEGATIVE_INFINITY, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss must be >= 0, got -Infinity");
    }

    @Test
    void constructor_noImages_fails() {
        assertThatThrownBy(() -> new Evaluation(0.5, 0.1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evaluated images must be in [1, 2147483647], got 0");
    }
}
