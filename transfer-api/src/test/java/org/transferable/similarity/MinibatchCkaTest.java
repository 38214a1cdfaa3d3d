package org.transferable.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.transferable.similarity.TestMatrices.gaussian;
import static org.transferable.similarity.TestMatrices.rows;
import static org.transferable.similarity.TestMatrices.times;

import java.util.List;
import org.junit.jupiter.api.Test;

class MinibatchCkaTest {
    private static final double[][] A1 = gaussian(64, 5, 1.0, 1);
    private static final double[][] A2 = gaussian(64, 40, 0.0, 2);
    private static final double[][] B1 = times(A1, gaussian(5, 50, 0.0, 3));

    private static FeatureMatrix batch(double[][] a, int index, int size) {
        return FeatureMatrix.of(rows(a, index * size, (index + 1) * size));
    }

    @Test
    void cka_oneBatch_equalsDebiasedCkaOnThatBatch() {
        FeatureMatrix a1 = batch(A1, 0, 32);
        FeatureMatrix a2 = batch(A2, 0, 32);
        FeatureMatrix b1 = batch(B1, 0, 32);

        MinibatchCka cka = MinibatchCka.of(32, 2, 1).add(List.of(a1, a2), List.of(b1));

        assertThat(cka.batches()).isEqualTo(1);
        assertThat(cka.cka(0, 0)).isCloseTo(Cka.debiased(a1, b1), within(1e-12));
        assertThat(cka.cka(1, 0)).isCloseTo(Cka.debiased(a2, b1), within(1e-12));
    }

    @Test
    void cka_severalBatches_isRatioOfMeanHsicNotMeanOfCka() {
        MinibatchCka cka = MinibatchCka.of(16, 1, 1);
        double meanOfCka = 0.0;
        for (int b = 0; b < 4; b++) {
            cka = cka.add(List.of(batch(A1, b, 16)), List.of(batch(B1, b, 16)));
            meanOfCka += Cka.debiased(batch(A1, b, 16), batch(B1, b, 16)) / 4;
        }

        assertThat(cka.batches()).isEqualTo(4);
        assertThat(cka.cka(0, 0)).isBetween(0.5, 1.0).isNotCloseTo(meanOfCka, within(1e-9));
    }

    @Test
    void matrix_sameLayers_hasOnesOnTheDiagonal() {
        List<FeatureMatrix> layers = List.of(batch(A1, 0, 8), batch(A2, 0, 8), batch(B1, 0, 8));
        double[][] matrix = MinibatchCka.of(8, 3, 3).add(layers, layers).add(layers, layers).matrix();

        for (int i = 0; i < 3; i++) {
            assertThat(matrix[i][i]).isCloseTo(1.0, within(1e-12));
        }
        assertThat(matrix[0][2]).isCloseTo(matrix[2][0], within(1e-12));
    }

    @Test
    void add_leavesTheAccumulatorAsItWas() {
        MinibatchCka empty = MinibatchCka.of(8, 1, 1);
        MinibatchCka one = empty.add(List.of(batch(A1, 0, 8)), List.of(batch(B1, 0, 8)));
        double before = one.cka(0, 0);

        one.add(List.of(batch(A1, 1, 8)), List.of(batch(B1, 1, 8)));

        assertThat(empty.batches()).isZero();
        assertThat(one.batches()).isEqualTo(1);
        assertThat(one.cka(0, 0)).isEqualTo(before);
    }

    @Test
    void of_batchSizeBelowFour_throws() {
        assertThatThrownBy(() -> MinibatchCka.of(3, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be in [4, 2147483647], got 3");
    }

    @Test
    void add_batchOfWrongSize_throws() {
        MinibatchCka cka = MinibatchCka.of(8, 2, 1);

        assertThatThrownBy(() -> cka.add(List.of(batch(A1, 0, 8), batch(A2, 0, 7)), List.of(batch(B1, 0, 8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features of a[1] have 7 examples, expected the batch size 8");
    }

    @Test
    void add_wrongLayerCount_throws() {
        MinibatchCka cka = MinibatchCka.of(8, 2, 1);

        assertThatThrownBy(() -> cka.add(List.of(batch(A1, 0, 8), batch(A2, 0, 8)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected features of 1 layer of b, got 0");
    }

    @Test
    void cka_noBatch_throws() {
        assertThatThrownBy(() -> MinibatchCka.of(8, 1, 1).cka(0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("minibatch CKA needs at least 1 batch, got none");
    }

    @Test
    void cka_indexOutOfRange_throws() {
        MinibatchCka cka = MinibatchCka.of(8, 2, 1).add(List.of(batch(A1, 0, 8), batch(A2, 0, 8)),
                List.of(batch(B1, 0, 8)));

        assertThatThrownBy(() -> cka.cka(2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index of a must be in [0, 1], got 2");
    }

    @Test
    void cka_constantLayer_throws() {
        FeatureMatrix constant = FeatureMatrix.of(new double[8][3]);
        MinibatchCka cka = MinibatchCka.of(8, 1, 1).add(List.of(batch(A1, 0, 8)), List.of(constant));

        assertThatThrownBy(() -> cka.cka(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minibatch CKA of a[0] and b[0] is undefined: HSIC_1 of b[0] with itself is 0.0, not "
                        + "positive");
    }
}
