package org.transferable.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

/** Per-layer activations and average pooling: defaults, withers, values, derivatives and JSON. */
class ActivationTest {

    @Test
    void layers_withoutAnActivation_useRelu() {
        assertThat(ConvolutionLayer.of("conv1", 8, 3).activation()).isEqualTo(Activation.RELU);
        assertThat(new ConvolutionLayer("conv1", 8, 3, 1, 0, false, Pooling.none()).activation())
                .isEqualTo(Activation.RELU);
        assertThat(new ConvolutionLayer("conv1", 8, 3, 1, 0, false, Pooling.none(), null).activation())
                .isEqualTo(Activation.RELU);
        assertThat(DenseLayer.of("fc", 10).activation()).isEqualTo(Activation.RELU);
        assertThat(new DenseLayer("fc", 10, 0.0, false, null)).isEqualTo(DenseLayer.of("fc", 10));
    }

    @Test
    void withActivation_changesOnlyTheActivationAndSurvivesOtherWithers() {
        ConvolutionLayer conv = ConvolutionLayer.of("conv1", 8, 3).withActivation(Activation.TANH)
                .withPadding(1).withBatchNorm(true).withPooling(Pooling.average(2, 2));
        DenseLayer dense = DenseLayer.of("fc", 10).withActivation(Activation.SIGMOID).withDropout(0.5)
                .withBatchNorm(true);

        assertThat(conv).isEqualTo(new ConvolutionLayer("conv1", 8, 3, 1, 1, true, Pooling.average(2, 2),
                Activation.TANH));
        assertThat(dense).isEqualTo(new DenseLayer("fc", 10, 0.5, true, Activation.SIGMOID));
        assertThat(ConvolutionLayer.of("conv1", 8, 3).withActivation(Activation.RELU))
                .isEqualTo(ConvolutionLayer.of("conv1", 8, 3));
    }

    @Test
    void withActivation_null_fails() {
        assertThatThrownBy(() -> DenseLayer.of("fc", 10).withActivation(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("activation of fc must not be null");
        assertThatThrownBy(() -> ConvolutionLayer.of("conv1", 8, 3).withActivation(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("activation of conv1 must not be null");
    }

    @Test
    void apply_and_derivative_matchTheirDefinitions() {
        assertThat(Activation.RELU.apply(-2)).isEqualTo(0.0);
        assertThat(Activation.LEAKY_RELU.apply(-2)).isEqualTo(-0.02);
        assertThat(Activation.LEAKY_RELU.apply(3)).isEqualTo(3.0);
        assertThat(Activation.TANH.apply(0.5)).isEqualTo(Math.tanh(0.5));
        assertThat(Activation.SIGMOID.apply(0)).isEqualTo(0.5);
        assertThat(Activation.IDENTITY.apply(-1.5)).isEqualTo(-1.5);
        for (Activation activation : Activation.values()) {
            for (double x : new double[] {-1.3, -0.2, 0.4, 2.1}) {
                double numeric = (activation.apply(x + 1e-6) - activation.apply(x - 1e-6)) / 2e-6;
                assertThat(activation.derivative(x)).as("%s at %s", activation, x).isCloseTo(numeric, within(1e-6));
            }
        }
        assertThat(Activation.LEAKY_RELU.derivative(0)).isEqualTo(0.01);
        assertThat(Activation.RELU.derivative(0)).isEqualTo(0.0);
    }

    @Test
    void average_outputSideAndValidation_asMax() {
        assertThat(Pooling.average(2, 2).outputSide(24)).isEqualTo(12);
        assertThat(Pooling.average(3, 2).outputSide(2)).isEqualTo(-1);
        assertThatThrownBy(() -> Pooling.average(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pooling size must be in [1, 64], got 0");
        assertThatThrownBy(() -> Pooling.average(2, 65))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pooling stride must be in [1, 64], got 65");
    }

    @Test
    void write_thenRead_keepsActivationsAndAveragePooling() throws Exception {
        NetworkSpec spec = NetworkSpec.builder("kinds", InputShape.image(1, 12, 12))
                .layer(ConvolutionLayer.of("conv1", 4, 3).withActivation(Activation.LEAKY_RELU)
                        .withPooling(Pooling.average(2, 2)))
                .layer(ConvolutionLayer.of("conv2", 4, 3).withActivation(Activation.IDENTITY).withBatchNorm(true))
                .layer(DenseLayer.of("fc3", 8).withActivation(Activation.TANH))
                .layer(DenseLayer.of("fc4", 8).withActivation(Activation.SIGMOID))
                .output("out");

        String json = Json.write(spec);
        var layers = Json.mapper().readTree(json).get("layers");

        assertThat(Json.read(json, NetworkSpec.class)).isEqualTo(spec);
        assertThat(layers.get(0).get("activation").asText()).isEqualTo("LEAKY_RELU");
        assertThat(layers.get(0).get("pooling").get("kind").asText()).isEqualTo("average");
        assertThat(layers.get(2).get("activation").asText()).isEqualTo("TANH");
    }

    @Test
    void read_jsonWrittenBeforeActivations_readsAsRelu() {
        String json = """
                {"name": "old", "input": {"channels": 1, "height": 28, "width": 28},
                 "layers": [{"kind": "convolution", "name": "conv1", "filters": 8, "kernel": 5, "stride": 1,
                             "padding": 0, "batchNorm": false, "pooling": {"kind": "max", "size": 2, "stride": 2}},
                            {"kind": "dense", "name": "fc2", "units": 10, "dropout": 0.0, "batchNorm": false},
                            {"kind": "output", "name": "out"}]}""";

        NetworkSpec spec = Json.read(json, NetworkSpec.class);

        assertThat(((ConvolutionLayer) spec.layer(1)).activation()).isEqualTo(Activation.RELU);
        assertThat(((DenseLayer) spec.layer(2)).activation()).isEqualTo(Activation.RELU);
        assertThat(spec).isEqualTo(NetworkSpec.builder("old", InputShape.image(1, 28, 28))
                .conv("conv1", 8, 5, Pooling.max(2, 2)).dense("fc2", 10).output("out"));
    }

    @Test
    void read_unknownActivation_fails() {
        String json = """
                {"name": "mlp", "input": {"channels": 1, "height": 28, "width": 28},
                 "layers": [{"kind": "dense", "name": "fc1", "units": 10, "dropout": 0.0, "batchNorm": false,
                             "activation": "SWISH"}, {"kind": "output", "name": "out"}]}""";

        assertThatThrownBy(() -> Json.read(json, NetworkSpec.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid NetworkSpec JSON: Cannot deserialize value of type "
                        + "`org.transferable.spec.Activation` from String \"SWISH\"")
                .hasMessageContaining("not one of the values accepted for Enum class")
                .hasMessageEndingWith("(at layers[0].activation, line 3, column 28)");
    }
}
