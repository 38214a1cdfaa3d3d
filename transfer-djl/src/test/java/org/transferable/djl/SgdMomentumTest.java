package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.train.TrainingConfig;

/** {@link SgdMomentum}: classical momentum, weight decay on weights only, the gradient zeroed, state per parameter. */
class SgdMomentumTest {
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withLearningRate(0.1).withMomentum(0.9)
            .withWeightDecay(0.1);

    /** One step on a parameter whose gradient is {@code gradient}: backward of sum(w * gradient). */
    private static void step(SgdMomentum solver, NetworkBlocks.Binding binding, float... gradient) {
        NDArray weight = binding.parameter().getArray();
        try (NDManager step = weight.getManager().newSubManager(); Autograd recording = Autograd.recording()) {
            recording.backward(weight.mul(step.create(gradient)).sum());
        }
        solver.update(binding);
    }

    private static NetworkBlocks.Binding binding(NDManager manager, LayerLayout.Role role, float... values) {
        Parameter parameter = Parameter.builder().setName(role.name()).setType(Parameter.Type.OTHER).build();
        NDArray array = manager.create(values);
        array.setRequiresGradient(true);
        parameter.setArray(array);
        return new NetworkBlocks.Binding(new LayerLayout.Slot(role.name(), List.of(values.length), role), parameter,
                false);
    }

    @Test
    void update_isClassicalMomentumWithWeightDecayAddedToTheGradient() {
        try (NDManager manager = DjlEngine.get().newBaseManager()) {
            SgdMomentum solver = new SgdMomentum(CONFIG);
            NetworkBlocks.Binding weight = binding(manager, LayerLayout.Role.WEIGHT, 1f, 2f);

            step(solver, weight, 1f, -2f);
            // v1 = 0.1 * (g1 + 0.1 * w0) = 0.1 * (1.1, -1.8); w1 = w0 - v1
            assertThat(weight.parameter().getArray().toFloatArray()).usingComparatorWithPrecision(1e-6f)
                    .containsExactly(0.89f, 2.18f);

            step(solver, weight, 0.5f, 0.5f);
            // v2 = 0.9 * v1 + 0.1 * (g2 + 0.1 * w1) = (0.099 + 0.0589, -0.162 + 0.0718); w2 = w1 - v2
            assertThat(weight.parameter().getArray().toFloatArray()).usingComparatorWithPrecision(1e-6f)
                    .containsExactly(0.7321f, 2.2702f);
            assertThat(weight.parameter().getArray().getGradient().toFloatArray()).containsOnly(0f);
            assertThat(solver.stateSize()).isEqualTo(2);
        }
    }

    @Test
    void update_biasGetsNoWeightDecay() {
        try (NDManager manager = DjlEngine.get().newBaseManager()) {
            SgdMomentum solver = new SgdMomentum(CONFIG);
            NetworkBlocks.Binding bias = binding(manager, LayerLayout.Role.BIAS, 1f);

            step(solver, bias, 1f);

            assertThat(bias.parameter().getArray().getFloat()).isCloseTo(0.9f, within(1e-6f));
        }
    }

    @Test
    void update_withoutMomentumIsPlainSgdAndKeepsNoState() {
        try (NDManager manager = DjlEngine.get().newBaseManager()) {
            SgdMomentum solver = new SgdMomentum(CONFIG.withMomentum(0).withWeightDecay(0).withLearningRate(0.5));
            NetworkBlocks.Binding weight = binding(manager, LayerLayout.Role.WEIGHT, 3f);

            step(solver, weight, 2f);

            assertThat(weight.parameter().getArray().getFloat()).isCloseTo(2f, within(1e-6f));
            assertThat(solver.stateSize()).isZero();
        }
    }
}
