package org.transferable.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.OutputLayer;
import org.transferable.spec.Pooling;

/** {@link Initialisation}: seeded, and the distributions it promises. */
class InitialisationTest {
    private static final NetworkSpec NORMALISED = new NetworkSpec("noisy", InputShape.image(1, 28, 28), List.of(
            ConvolutionLayer.of("conv1", 4, 5).withBatchNorm(true).withPooling(Pooling.max(2, 2)),
            DenseLayer.of("fc2", 32).withDropout(0.5).withBatchNorm(true),
            new OutputLayer("out")));

    @Test
    void initialise_sameSeedSameWeights_otherSeedOtherWeights() {
        ParameterLayout layout = ParameterLayout.of(NORMALISED, 3);
        NetworkWeights first = Initialisation.initialise(layout, 4);

        assertThat(Initialisation.initialise(layout, 4)).isEqualTo(first);
        assertThat(Initialisation.initialise(layout, 5).layer(1).tensor("weight"))
                .isNotEqualTo(first.layer(1).tensor("weight"));
    }

    @Test
    void initialise_heForHiddenWeightsXavierForTheOutputZeroBiasesUnitScales() {
        NetworkSpec wide = NetworkSpec.builder("wide", InputShape.image(1, 28, 28))
                .conv("conv1", 64, 5, Pooling.max(2, 2)).dense("fc2", 512).output("out");
        NetworkWeights weights = Initialisation.initialise(ParameterLayout.of(wide, 3), 1);

        assertThat(std(weights.layer(1).tensor("weight"))).isCloseTo(Math.sqrt(2.0 / 25), within(0.01));
        assertThat(std(weights.layer(2).tensor("weight"))).isCloseTo(Math.sqrt(2.0 / (64 * 12 * 12)), within(0.001));
        assertThat(std(weights.layer(3).tensor("weight"))).isCloseTo(Math.sqrt(2.0 / (512 + 3)), within(0.005));
        assertThat(weights.layer(2).tensor("bias").values()).containsOnly(0f);
        NetworkWeights normalised = Initialisation.initialise(ParameterLayout.of(NORMALISED, 3), 1);
        assertThat(normalised.layer(1).tensor("gamma").values()).containsOnly(1f);
        assertThat(normalised.layer(1).tensor("variance").values()).containsOnly(1f);
        assertThat(normalised.layer(1).tensor("mean").values()).containsOnly(0f);
    }

    private static double std(Tensor tensor) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < tensor.size(); i++) {
            sum += tensor.get(i);
            squares += (double) tensor.get(i) * tensor.get(i);
        }
        double mean = sum / tensor.size();
        return Math.sqrt(squares / tensor.size() - mean * mean);
    }
}
