package org.transferable.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.spec.Activation;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.Tensor;

/** The yardstick itself, checked against central finite differences of its own loss and against hand values. */
class ReferenceNetworkTest {
    private static final double STEP = 1e-6;

    @Test
    void run_gradientsMatchFiniteDifferencesOfTheLoss() {
        EngineCheck.Problem problem = EngineCheck.problem();
        ReferenceNetwork.Pass pass = new ReferenceNetwork(problem.request(problem.weights()))
                .run(problem.images(), problem.labels());

        int checked = 0;
        for (int n = 1; n <= problem.spec().layerCount(); n++) {
            for (Tensor tensor : problem.weights().layer(n).tensors()) {
                for (int i = 0; i < tensor.size(); i += Math.max(1, tensor.size() / 7)) {
                    double[] up = loss(problem, n, tensor.name(), i, STEP);
                    double[] down = loss(problem, n, tensor.name(), i, -STEP);
                    double numeric = (up[0] - down[0]) / (up[1] - down[1]);
                    double analytic = pass.gradients().get(n - 1).tensor(tensor.name()).get(i);
                    assertThat(analytic).as("layer %d %s[%d]", n, tensor.name(), i)
                            .isCloseTo(numeric, within(1e-5 + 1e-3 * Math.abs(numeric)));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void run_everyActivationAndAveragePooling_gradientsMatchFiniteDifferencesOfTheLoss() {
        for (Activation activation : Activation.values()) {
            EngineCheck.Problem problem = problem(activation);
            ReferenceNetwork.Pass pass = new ReferenceNetwork(problem.request(problem.weights()))
                    .run(problem.images(), problem.labels());

            for (int n = 1; n <= problem.spec().layerCount(); n++) {
                for (Tensor tensor : problem.weights().layer(n).tensors()) {
                    for (int i = 0; i < tensor.size(); i += Math.max(1, tensor.size() / 5)) {
                        double[] up = loss(problem, n, tensor.name(), i, STEP);
                        double[] down = loss(problem, n, tensor.name(), i, -STEP);
                        double numeric = (up[0] - down[0]) / (up[1] - down[1]);
                        double analytic = pass.gradients().get(n - 1).tensor(tensor.name()).get(i);
                        assertThat(analytic).as("%s: layer %d %s[%d]", activation, n, tensor.name(), i)
                                .isCloseTo(numeric, within(1e-5 + 1e-3 * Math.abs(numeric)));
                    }
                }
            }
        }
    }

    @Test
    void run_asymmetricSamePadding_gradientsMatchFiniteDifferencesOfTheLoss() {
        EngineCheck.Problem problem = EngineCheck.samePaddingProblem();
        ReferenceNetwork.Pass pass = new ReferenceNetwork(problem.request(problem.weights()))
                .run(problem.images(), problem.labels());

        int checked = 0;
        for (int n = 1; n <= problem.spec().layerCount(); n++) {
            for (Tensor tensor : problem.weights().layer(n).tensors()) {
                for (int i = 0; i < tensor.size(); i += Math.max(1, tensor.size() / 9)) {
                    double[] up = loss(problem, n, tensor.name(), i, STEP);
                    double[] down = loss(problem, n, tensor.name(), i, -STEP);
                    double numeric = (up[0] - down[0]) / (up[1] - down[1]);
                    double analytic = pass.gradients().get(n - 1).tensor(tensor.name()).get(i);
                    assertThat(analytic).as("layer %d %s[%d]", n, tensor.name(), i)
                            .isCloseTo(numeric, within(1e-5 + 1e-3 * Math.abs(numeric)));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void forward_samePaddingWithOddTotal_padsTheExtraZeroAfter() {
        // a 2x2 kernel at stride 1 pads 1 in total: nothing above or left, one row below and one column right
        NetworkSpec spec = NetworkSpec.builder("same", InputShape.image(1, 2, 2))
                .layer(ConvolutionLayer.of("conv1", 1, 2).withSamePadding().withActivation(Activation.IDENTITY))
                .output("out");
        NetworkWeights weights = new NetworkWeights(List.of(
                new LayerWeights("conv1", List.of(new Tensor("bias", List.of(1), new float[] {0f}),
                        new Tensor("weight", List.of(1, 1, 2, 2), new float[] {1f, 10f, 100f, 1000f}))),
                new LayerWeights("out", List.of(new Tensor("weight", List.of(4, 2), new float[8]),
                        new Tensor("bias", List.of(2), new float[2])))));
        ReferenceNetwork network = new ReferenceNetwork(new ModelRequest(spec, 2, 1, weights.layers(),
                List.of(LayerTraining.FROZEN, LayerTraining.FROZEN), 0));

        // input [[1, 2], [3, 4]]: out[r][c] = x[r][c] + 10 x[r][c+1] + 100 x[r+1][c] + 1000 x[r+1][c+1]
        assertThat(network.forward(new float[] {1, 2, 3, 4}, 1, 1)).containsExactly(4321, 402, 43, 4);
    }

    @Test
    void forward_averagePooling_isTheMeanOfEachWindow() {
        NetworkSpec spec = NetworkSpec.builder("avg", InputShape.image(1, 2, 4))
                .layer(ConvolutionLayer.of("conv1", 1, 1).withActivation(Activation.IDENTITY)
                        .withPooling(Pooling.average(2, 2)))
                .output("out");
        NetworkWeights weights = new NetworkWeights(List.of(
                new LayerWeights("conv1", List.of(new Tensor("bias", List.of(1), new float[] {0.5f}),
                        new Tensor("weight", List.of(1, 1, 1, 1), new float[] {2f}))),
                new LayerWeights("out", List.of(new Tensor("weight", List.of(2, 2), new float[4]),
                        new Tensor("bias", List.of(2), new float[2])))));
        ReferenceNetwork network = new ReferenceNetwork(new ModelRequest(spec, 2, 1, weights.layers(),
                List.of(LayerTraining.FROZEN, LayerTraining.FROZEN), 0));

        // 2 * x + 0.5 averaged over [[1, 2], [5, 6]] and [[3, 4], [7, 8]]
        assertThat(network.forward(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 1)).containsExactly(7.5, 11.5);
    }

    private static EngineCheck.Problem problem(Activation activation) {
        return EngineCheck.problem(activation);
    }

    @Test
    void run_zeroWeightsGiveUniformProbabilitiesAndLossLnClasses() {
        EngineCheck.Problem problem = EngineCheck.problem();
        List<LayerWeights> zero = new ArrayList<>();
        for (LayerWeights layer : problem.weights().layers()) {
            zero.add(new LayerWeights(layer.layer(), layer.tensors().stream()
                    .map(t -> new Tensor(t.name(), t.shape(), new float[t.size()])).toList()));
        }
        ReferenceNetwork.Pass pass = new ReferenceNetwork(problem.request(new NetworkWeights(zero)))
                .run(problem.images(), problem.labels());

        assertThat(pass.probabilities()).containsOnly(1.0 / 3);
        // softmax is 1/3 everywhere and the labels are 0, 1, 2, 0, 1, 2: the output bias gradient is 0
        assertThat(pass.gradients().get(4).tensor("bias").values()).containsExactly(new float[] {0f, 0f, 0f},
                within(1e-7f));
        assertThat(pass.loss()).isCloseTo(Math.log(3), within(1e-12));
    }

    @Test
    void new_batchNormalisation_throws() {
        NetworkSpec spec = NetworkSpec.builder("bn", InputShape.image(1, 4, 4))
                .layer(ConvolutionLayer.of("conv1", 2, 3).withBatchNorm(true))
                .output("out");

        assertThatThrownBy(() -> new ReferenceNetwork(new ModelRequest(spec, 2, 1, List.of(
                new LayerWeights("conv1", List.of()), new LayerWeights("out", List.of())),
                List.of(LayerTraining.trained(0), LayerTraining.trained(0)), 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the reference network has no batch normalisation; layer conv1 uses it");
    }

    /** @return the loss with one value moved by about delta, and the value it was moved to */
    private static double[] loss(EngineCheck.Problem problem, int layer, String tensor, int index, double delta) {
        List<LayerWeights> layers = new ArrayList<>();
        double moved = 0;
        for (int n = 1; n <= problem.spec().layerCount(); n++) {
            LayerWeights w = problem.weights().layer(n);
            List<Tensor> tensors = new ArrayList<>();
            for (Tensor t : w.tensors()) {
                float[] values = t.values();
                if (n == layer && t.name().equals(tensor)) {
                    values[index] = (float) (values[index] + delta);
                    moved = values[index];
                }
                tensors.add(new Tensor(t.name(), t.shape(), values));
            }
            layers.add(new LayerWeights(w.layer(), tensors));
        }
        return new double[] {new ReferenceNetwork(problem.request(new NetworkWeights(layers)))
                .run(problem.images(), problem.labels()).loss(), moved};
    }
}
