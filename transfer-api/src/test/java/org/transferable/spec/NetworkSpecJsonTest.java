package org.transferable.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

/** {@link NetworkSpec} to JSON and back, with {@code kind} discriminators and validation on read. */
class NetworkSpecJsonTest {

    private static NetworkSpec everyFeature() {
        return NetworkSpec.builder("features", InputShape.image(3, 32, 32))
                .layer(new ConvolutionLayer("conv1", 16, 5, 1, 2, true, Pooling.max(2, 2)))
                .layer(new ConvolutionLayer("conv2", 32, 3, 2, 0, false, Pooling.none()))
                .layer(ConvolutionLayer.of("conv3", 32, 4).withSamePadding().withDropout(0.25))
                .layer(new DenseLayer("fc3", 64, 0.5, true))
                .dense("fc4", 32)
                .output("out");
    }

    @Test
    void write_thenRead_givesAnEqualSpec() {
        NetworkSpec spec = everyFeature();

        assertThat(Json.read(Json.write(spec), NetworkSpec.class)).isEqualTo(spec);
    }

    @Test
    void write_tagsEveryLayerAndPoolingWithKind() throws Exception {
        var tree = Json.mapper().readTree(Json.write(everyFeature()));
        var layers = tree.get("layers");

        assertThat(tree.get("name").asText()).isEqualTo("features");
        assertThat(tree.get("input").get("channels").asInt()).isEqualTo(3);
        assertThat(layers).hasSize(6);
        assertThat(layers.get(0).get("kind").asText()).isEqualTo("convolution");
        assertThat(layers.get(0).get("padding").asInt()).isEqualTo(2);
        assertThat(layers.get(0).get("batchNorm").asBoolean()).isTrue();
        assertThat(layers.get(0).get("pooling").get("kind").asText()).isEqualTo("max");
        assertThat(layers.get(0).get("pooling").get("size").asInt()).isEqualTo(2);
        assertThat(layers.get(0).get("paddingMode").asText()).isEqualTo("explicit");
        assertThat(layers.get(0).get("dropout").asDouble()).isZero();
        assertThat(layers.get(1).get("pooling").get("kind").asText()).isEqualTo("none");
        assertThat(layers.get(2).get("paddingMode").asText()).isEqualTo("same");
        assertThat(layers.get(2).get("padding").asInt()).isZero();
        assertThat(layers.get(2).get("dropout").asDouble()).isEqualTo(0.25);
        assertThat(layers.get(3).get("kind").asText()).isEqualTo("dense");
        assertThat(layers.get(3).get("dropout").asDouble()).isEqualTo(0.5);
        assertThat(layers.get(5).get("kind").asText()).isEqualTo("output");
        assertThat(layers.get(2).has("outputDropout")).as("derived values are not written").isFalse();
        assertThat(tree.has("layerCount")).as("derived values are not written").isFalse();
    }

    @Test
    void read_handWrittenJson_buildsTheSpec() {
        String json = """
                {"name": "mlp", "input": {"channels": 1, "height": 28, "width": 28},
                 "layers": [{"kind": "dense", "name": "fc1", "units": 100, "dropout": 0.0, "batchNorm": false},
                            {"kind": "output", "name": "out"}]}""";

        assertThat(Json.read(json, NetworkSpec.class))
                .isEqualTo(NetworkSpec.builder("mlp", InputShape.image(1, 28, 28)).dense("fc1", 100).output("out"));
    }

    @Test
    void read_convolutionWithoutPaddingModeOrDropout_isExplicitWithoutDropout() {
        String json = """
                {"name": "cnn", "input": {"channels": 1, "height": 28, "width": 28},
                 "layers": [{"kind": "convolution", "name": "conv1", "filters": 8, "kernel": 5, "stride": 1,
                             "padding": 2, "batchNorm": false, "pooling": {"kind": "max", "size": 2, "stride": 2}},
                            {"kind": "output", "name": "out"}]}""";

        NetworkSpec spec = Json.read(json, NetworkSpec.class);

        assertThat(spec.layer(1)).isEqualTo(new ConvolutionLayer("conv1", 8, 5, 1, 2, false, Pooling.max(2, 2),
                Activation.RELU, PaddingMode.EXPLICIT, 0.0));
        assertThat(spec.hiddenShapes()).containsExactly(InputShape.image(8, 14, 14));
    }

    @Test
    void read_handWrittenSamePadding_buildsTheSpec() {
        String json = """
                {"name": "cnn", "input": {"channels": 1, "height": 28, "width": 28},
                 "layers": [{"kind": "convolution", "name": "conv1", "filters": 8, "kernel": 3, "stride": 2,
                             "padding": 0, "paddingMode": "same", "dropout": 0.25, "batchNorm": false,
                             "pooling": {"kind": "none"}},
                            {"kind": "output", "name": "out"}]}""";

        NetworkSpec spec = Json.read(json, NetworkSpec.class);

        assertThat(spec.layer(1)).isEqualTo(new ConvolutionLayer("conv1", 8, 3, 2, 0, false, Pooling.none())
                .withSamePadding().withDropout(0.25));
        assertThat(spec.hiddenShapes()).containsExactly(InputShape.image(8, 14, 14));
    }

    @Test
    void read_samePaddingWithPadding_failsWithTheLayersMessage() {
        String json = """
                {"name": "cnn", "input": {"channels": 1, "height": 28, "width": 28},
                 "layers": [{"kind": "convolution", "name": "conv1", "filters": 8, "kernel": 3, "stride": 1,
                             "padding": 1, "paddingMode": "same", "batchNorm": false, "pooling": {"kind": "none"}},
                            {"kind": "output", "name": "out"}]}""";

        assertThatThrownBy(() -> Json.read(json, NetworkSpec.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid NetworkSpec JSON: padding of conv1 must be 0 in padding mode same (which "
                        + "computes its own), got 1");
    }

    @Test
    void read_unknownPaddingMode_failsListingTheModes() {
        String json = """
                {"name": "cnn", "input": {"channels": 1, "height": 28, "width": 28},
                 "layers": [{"kind": "convolution", "name": "conv1", "filters": 8, "kernel": 3, "stride": 1,
                             "padding": 0, "paddingMode": "valid", "batchNorm": false, "pooling": {"kind": "none"}},
                            {"kind": "output", "name": "out"}]}""";

        assertThatThrownBy(() -> Json.read(json, NetworkSpec.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid NetworkSpec JSON: ")
                .hasMessageContaining("\"valid\"")
                .hasMessageContaining("[explicit, same]");
    }

    @Test
    void read_unknownKind_fails() {
        String json = """
                {"name": "mlp", "input": {"channels": 1, "height": 28, "width": 28},
                 "layers": [{"kind": "recurrent", "name": "rnn1"}, {"kind": "output", "name": "out"}]}""";

        assertThatThrownBy(() -> Json.read(json, NetworkSpec.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid NetworkSpec JSON: Could not resolve type id 'recurrent'")
                .hasMessageContaining("known type ids = [convolution, dense, output]")
                .hasMessageEndingWith("(at layers[0], line 2, column 22)")
                .hasMessageNotContaining("Source:");
    }

    @Test
    void read_kernelLargerThanInput_failsWithTheSpecsMessage() {
        String json = """
                {"name": "cnn", "input": {"channels": 1, "height": 28, "width": 28},
                 "layers": [{"kind": "convolution", "name": "conv1", "filters": 8, "kernel": 30, "stride": 1,
                             "padding": 0, "batchNorm": false, "pooling": {"kind": "none"}},
                            {"kind": "output", "name": "out"}]}""";

        assertThatThrownBy(() -> Json.read(json, NetworkSpec.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid NetworkSpec JSON: layer conv1: kernel 30 is larger than its input 28x28 "
                        + "(padding 0)");
    }

    @Test
    void read_layerFieldOutOfRange_failsWithTheLayersMessage() {
        String json = """
                {"name": "mlp", "input": {"channels": 1, "height": 28, "width": 28},
                 "layers": [{"kind": "dense", "name": "fc1", "units": 0, "dropout": 0.0, "batchNorm": false},
                            {"kind": "output", "name": "out"}]}""";

        assertThatThrownBy(() -> Json.read(json, NetworkSpec.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid NetworkSpec JSON: units of fc1 must be in [1, 1048576], got 0");
    }

    @Test
    void read_missingKind_fails() {
        String json = """
                {"name": "mlp", "input": {"channels": 1, "height": 28, "width": 28},
                 "layers": [{"name": "fc1", "units": 10}, {"kind": "output", "name": "out"}]}""";

        assertThatThrownBy(() -> Json.read(json, NetworkSpec.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid NetworkSpec JSON: Could not resolve subtype")
                .hasMessageContaining("missing type id property 'kind'")
                .hasMessageEndingWith("(at layers[0], line 2, column 40)");
    }
}
