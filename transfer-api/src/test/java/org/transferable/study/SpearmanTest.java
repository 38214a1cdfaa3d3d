package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpearmanTest {

    @Test
    void rho_sameOrder_isOneWhateverTheScale() {
        assertThat(Spearman.rho(new double[] {1, 2, 3, 4}, new double[] {0.1, 10, 11, 1000}).getAsDouble())
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rho_reversedOrder_isMinusOne() {
        assertThat(Spearman.rho(new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.1}).getAsDouble())
                .isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void rho_knownValue_matchesTheTextbookFormula() {
        // ranks x 1..5, y 2,1,4,3,5: d^2 = 1+1+1+1+0 = 4, rho = 1 - 6*4/(5*24) = 0.8
        assertThat(Spearman.rho(new double[] {1, 2, 3, 4, 5}, new double[] {20, 10, 40, 30, 50}).getAsDouble())
                .isCloseTo(0.8, within(1e-12));
    }

    @Test
    void ranks_ties_getTheirAverageRank() {
        assertThat(Spearman.ranks(new double[] {3, 1, 3, 2})).containsExactly(3.5, 1.0, 3.5, 2.0);
    }

    @Test
    void rho_constantSample_isEmpty() {
        assertThat(Spearman.rho(new double[] {1, 2, 3}, new double[] {0.5, 0.5, 0.5})).isEmpty();
    }

    @Test
    void rho_badInput_namesIt() {
        assertThatThrownBy(() -> Spearman.rho(new double[] {1, 2}, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a rank correlation needs two samples of the same length >= 2, got 2 and 3 values");
        assertThatThrownBy(() -> Spearman.rho(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a rank correlation needs finite values, got NaN at index 1");
    }
}
