package org.transferable.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.data.ClassSplit;
import org.transferable.data.Task;
import org.transferable.engine.Batch;
import org.transferable.engine.Engine;
import org.transferable.engine.EngineModel;
import org.transferable.engine.LayerTraining;
import org.transferable.engine.ModelRequest;
import org.transferable.engine.SolverStep;
import org.transferable.network.Backend;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.Tensor;

/**
 * The solver every engine implements, checked against its own gradients: one step is
 * {@code v = momentum * v + lr * (g + decay * w)} for weights ({@code g} alone for biases) and {@code w -= v}, with
 * the velocity carried to the next step. A backend module extends this class and says which engine.
 */
public abstract class SolverContractTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder("solver", InputShape.image(1, 28, 28))
            .conv("conv1", 4, 5, Pooling.max(2, 2))
            .dense("fc2", 16)
            .output("out");
    private static final SolverStep STEP = new SolverStep(0.1, 0.5);
    private static final double DECAY = 0.01;

    /** @return the engine under test */
    protected abstract Engine engine();

    @Test
    void step_isClassicalMomentumWithWeightDecayOnWeightsOnly() {
        Task task = ClassSplit.of(List.of(0, 1, 2), List.of(3, 4)).apply(FashionMnistFixture.load()).a();
        List<LayerWeights> w0 = Backend.of(engine(), 0).initialise(SPEC, task, 2).weights().layers();
        Batch first = batch(task, 0);
        Batch second = batch(task, 16);
        List<LayerWeights> g0 = gradients(w0, first);
        try (EngineModel model = engine().build(request(w0))) {
            model.step(first, STEP);
            List<LayerWeights> w1 = model.weights();
            assertStep(w1, w0, g0, null, null);
            List<LayerWeights> g1 = gradients(w1, second);
            model.step(second, STEP);
            assertStep(model.weights(), w1, g1, w0, g0);
        }
    }

    /**
     * Checks {@code after = before - v} with {@code v = lr * (g + decay * w)}, plus {@code momentum * v0} when the
     * previous step (from {@code earlier} with gradient {@code earlierGradient}) is given.
     */
    private static void assertStep(List<LayerWeights> after, List<LayerWeights> before, List<LayerWeights> gradient,
            List<LayerWeights> earlier, List<LayerWeights> earlierGradient) {
        for (int layer = 0; layer < before.size(); layer++) {
            for (Tensor w : before.get(layer).tensors()) {
                double decay = w.name().equals("weight") ? DECAY : 0.0;
                Tensor g = gradient.get(layer).tensor(w.name());
                Tensor actual = after.get(layer).tensor(w.name());
                for (int i = 0; i < w.size(); i++) {
                    double v = STEP.learningRate() * (g.get(i) + decay * w.get(i));
                    if (earlier != null) {
                        Tensor w0 = earlier.get(layer).tensor(w.name());
                        Tensor g0 = earlierGradient.get(layer).tensor(w.name());
                        v += STEP.momentum() * STEP.learningRate() * (g0.get(i) + decay * w0.get(i));
                    }
                    assertThat((double) actual.get(i)).as("%s/%s[%d]", before.get(layer).layer(), w.name(), i)
                            .isCloseTo(w.get(i) - v, within(1e-6 + 1e-5 * Math.abs(w.get(i))));
                }
            }
        }
    }

    private List<LayerWeights> gradients(List<LayerWeights> weights, Batch batch) {
        try (EngineModel model = engine().build(request(weights))) {
            return model.gradients(batch).layers();
        }
    }

    private static ModelRequest request(List<LayerWeights> weights) {
        return new ModelRequest(SPEC, 3, 1, weights, Collections.nCopies(3, LayerTraining.trained(DECAY)), 0);
    }

    private static Batch batch(Task task, int from) {
        int count = 16;
        float[] inputs = new float[count * 784];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            task.train().copyImage(from + i, inputs, i * 784);
            labels[i] = task.train().label(from + i);
        }
        return new Batch(inputs, labels);
    }
}
