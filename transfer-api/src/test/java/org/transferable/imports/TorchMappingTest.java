package org.transferable.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;
import org.transferable.spec.Activation;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.OutputLayer;
import org.transferable.spec.Pooling;

class TorchMappingTest {
    private static final String CONV = "{\"type\": \"Conv2d\", \"in_channels\": 1, \"out_channels\": 4, "
            + "\"kernel_size\": [3, 3], \"stride\": [1, 1], \"padding\": [1, 1], \"dilation\": [1, 1], \"groups\": 1, "
            + "\"padding_mode\": \"zeros\", \"bias\": true}";
    private static final String POOL = "{\"type\": \"MaxPool2d\", \"kernel_size\": 2, \"stride\": 2, \"padding\": 0, "
            + "\"dilation\": 1, \"ceil_mode\": false}";
    private static final String AVERAGE = "{\"type\": \"AvgPool2d\", \"kernel_size\": 2, \"stride\": 2, "
            + "\"padding\": 0, \"ceil_mode\": false, \"count_include_pad\": true, \"divisor_override\": null}";
    private static final String FLATTEN = "{\"type\": \"Flatten\", \"start_dim\": 1, \"end_dim\": -1}";
    private static final String RELU = "{\"type\": \"ReLU\"}";

    private static TorchDescription description(String... modules) throws JsonProcessingException {
        List<TorchModule> list = new ArrayList<>();
        for (String module : modules) {
            JsonNode node = Json.mapper().readTree(module);
            list.add(new TorchModule(list.size(), String.valueOf(list.size()), node.get("type").asText(), node));
        }
        return new TorchDescription("1.13.0", InputShape.image(1, 8, 8), list);
    }

    private static String linear(int in, int out) {
        return "{\"type\": \"Linear\", \"in_features\": " + in + ", \"out_features\": " + out + ", \"bias\": true}";
    }

    @Test
    void map_poolingBeforeRelu_isTheSameLayerAsAfter() throws JsonProcessingException {
        NetworkSpec before = TorchMapping.map(description(CONV, POOL, RELU, FLATTEN, linear(64, 3))).spec();
        NetworkSpec after = TorchMapping.map(description(CONV, RELU, POOL, FLATTEN, linear(64, 3))).spec();

        assertThat(before).isEqualTo(after);
        assertThat(before.layers()).containsExactly(new ConvolutionLayer("layer1", 4, 3, 1, 1, false,
                Pooling.max(2, 2)), new org.transferable.spec.OutputLayer("layer2"));
    }

    @Test
    void map_dropoutAfterDenseRelu_isTheDenseLayersDropout() throws JsonProcessingException {
        NetworkSpec spec = TorchMapping.map(description(FLATTEN, linear(64, 10), RELU,
                "{\"type\": \"Dropout\", \"p\": 0.5}", linear(10, 3), "{\"type\": \"LogSoftmax\", \"dim\": 1}")).spec();

        assertThat(spec.layer(1)).isEqualTo(new DenseLayer("layer1", 10, 0.5, false));
    }

    @Test
    void map_everyActivation_isTheLayersActivation() throws JsonProcessingException {
        String[][] modules = {{"{\"type\": \"ReLU\"}", "RELU"},
            {"{\"type\": \"LeakyReLU\", \"negative_slope\": 0.01}", "LEAKY_RELU"},
            {"{\"type\": \"Tanh\"}", "TANH"}, {"{\"type\": \"Sigmoid\"}", "SIGMOID"},
            {"{\"type\": \"Identity\"}", "IDENTITY"}};
        for (String[] module : modules) {
            Activation activation = Activation.valueOf(module[1]);
            NetworkSpec spec = TorchMapping.map(description(CONV, module[0], POOL, FLATTEN, linear(64, 10),
                    module[0], linear(10, 3))).spec();

            assertThat(spec.layers()).as(module[1]).containsExactly(
                    new ConvolutionLayer("layer1", 4, 3, 1, 1, false, Pooling.max(2, 2), activation),
                    new DenseLayer("layer2", 10, 0.0, false, activation), new OutputLayer("layer3"));
        }
    }

    @Test
    void map_noActivation_isTheIdentity() throws JsonProcessingException {
        NetworkSpec spec = TorchMapping.map(description(CONV, POOL, FLATTEN, linear(64, 10),
                "{\"type\": \"Dropout\", \"p\": 0.5}", linear(10, 3))).spec();

        assertThat(spec.layers()).containsExactly(
                new ConvolutionLayer("layer1", 4, 3, 1, 1, false, Pooling.max(2, 2), Activation.IDENTITY),
                new DenseLayer("layer2", 10, 0.5, false, Activation.IDENTITY), new OutputLayer("layer3"));
    }

    @Test
    void map_avgPool2d_isAveragePoolingAfterTheActivation() throws JsonProcessingException {
        NetworkSpec spec = TorchMapping.map(description(CONV, "{\"type\": \"Tanh\"}", AVERAGE, FLATTEN,
                linear(64, 3))).spec();

        assertThat(spec.layer(1)).isEqualTo(new ConvolutionLayer("layer1", 4, 3, 1, 1, false,
                Pooling.average(2, 2), Activation.TANH));
    }

    @Test
    void map_avgPool2dWithPadding_isRefused() throws JsonProcessingException {
        TorchDescription description = description(CONV, RELU, AVERAGE.replace("\"padding\": 0", "\"padding\": 1"),
                FLATTEN, linear(100, 3));

        assertThatThrownBy(() -> TorchMapping.map(description))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module 2 of the PyTorch network (AvgPool2d) cannot be imported: expected "
                        + "average pooling without padding, in floor mode (ceil_mode=False), without "
                        + "divisor_override; supported: ");
    }

    @Test
    void map_twoActivations_isRefusedNamingTheSecond() throws JsonProcessingException {
        TorchDescription description = description(CONV, RELU, "{\"type\": \"Tanh\"}", FLATTEN, linear(256, 3));

        assertThatThrownBy(() -> TorchMapping.map(description))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module 2 of the PyTorch network (Tanh) cannot be imported: an activation is "
                        + "supported only after a Conv2d or Linear (and its batch normalisation), one per layer; "
                        + "supported: ");
    }

    @Test
    void map_paddingSame_isRefused() throws JsonProcessingException {
        TorchDescription description = description(CONV.replace("[1, 1], \"dilation\"", "\"same\", \"dilation\""),
                RELU, FLATTEN, linear(256, 3));

        assertThatThrownBy(() -> TorchMapping.map(description))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module 0 of the PyTorch network (Conv2d) cannot be imported: expected "
                        + "padding as an integer or a pair (padding='same' or 'valid' has no counterpart); "
                        + "supported: ");
    }

    @Test
    void map_linearWithoutFlatten_isRefused() throws JsonProcessingException {
        TorchDescription description = description(CONV, RELU, linear(256, 3));

        assertThatThrownBy(() -> TorchMapping.map(description))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module 2 of the PyTorch network (Linear) cannot be imported: a Linear needs a "
                        + "Flatten before it");
    }

    @Test
    void map_networkEndingWithRelu_isRefused() throws JsonProcessingException {
        TorchDescription description = description(FLATTEN, linear(64, 3), RELU);

        assertThatThrownBy(() -> TorchMapping.map(description))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the PyTorch network must end with a Linear (its output layer), optionally "
                        + "followed by Softmax or LogSoftmax; its last module is module 2 (ReLU); supported: ");
    }
}
