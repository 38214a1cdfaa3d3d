package org.transferable.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

class SgdMomentumTest {

    @Test
    void applyUpdater_isClassicalMomentum() {
        SgdMomentum config = new SgdMomentum(0.1, 0.9);
        INDArray state = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 2);
        GradientUpdater<?> updater = config.instantiate(state, true);

        INDArray g1 = Nd4j.createFromArray(new float[] {1.0f, -2.0f}).reshape(1, 2);
        updater.applyUpdater(g1, 0, 0);
        // v1 = 0.1 * g1
        assertThat(g1.getDouble(0)).isCloseTo(0.1, within(1e-6));
        assertThat(g1.getDouble(1)).isCloseTo(-0.2, within(1e-6));

        INDArray g2 = Nd4j.createFromArray(new float[] {0.5f, 0.5f}).reshape(1, 2);
        updater.applyUpdater(g2, 1, 0);
        // v2 = 0.9 * v1 + 0.1 * g2 = (0.09 + 0.05, -0.18 + 0.05)
        assertThat(g2.getDouble(0)).isCloseTo(0.14, within(1e-6));
        assertThat(g2.getDouble(1)).isCloseTo(-0.13, within(1e-6));
        assertThat(state.getDouble(0)).isCloseTo(0.14, within(1e-6));
    }

    @Test
    void stateSize_isOnePerParameterOrNoneWithoutMomentum() {
        assertThat(new SgdMomentum(0.01, 0.9).stateSize(10)).isEqualTo(10);
        assertThat(new SgdMomentum(0.01, 0.0).stateSize(10)).isZero();
    }

    @Test
    void applyUpdater_withoutMomentumIsPlainSgd() {
        GradientUpdater<?> updater = new SgdMomentum(0.5, 0.0).instantiate((INDArray) null, true);
        INDArray g = Nd4j.createFromArray(new float[] {2.0f}).reshape(1, 1);
        updater.applyUpdater(g, 0, 0);
        assertThat(g.getDouble(0)).isCloseTo(1.0, within(1e-6));
    }
}
