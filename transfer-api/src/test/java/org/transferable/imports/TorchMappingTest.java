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
import org.transferable.spec.PaddingMode;
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
    void map_paddingSame_isSamePaddingWithItsOddZeroAfter() throws JsonProcessingException {
        String same = CONV.replace("[3, 3], \"stride\"", "[4, 4], \"stride\"")
                .replace("[1, 1], \"dilation\"", "\"same\", \"dilation\"");
        NetworkSpec spec = TorchMapping.map(description(same, RELU, FLATTEN, linear(256, 3))).spec();

        ConvolutionLayer layer = (ConvolutionLayer) spec.layer(1);
        assertThat(layer).isEqualTo(new ConvolutionLayer("layer1", 4, 4, 1, 0, false, Pooling.none(),
                Activation.RELU, PaddingMode.SAME, 0.0));
        // an even kernel: PyTorch pads 1 above and left, 2 below and right, keeping the 8x8 input's size
        assertThat(spec.hiddenShapes()).containsExactly(InputShape.image(4, 8, 8));
        assertThat(layer.paddingBefore(8)).isEqualTo(1);
        assertThat(layer.paddingAfter(8)).isEqualTo(2);
    }

    @Test
    void map_paddingValid_isExplicitZeroPadding() throws JsonProcessingException {
        NetworkSpec spec = TorchMapping.map(description(CONV.replace("[1, 1], \"dilation\"",
                "\"valid\", \"dilation\""), RELU, FLATTEN, linear(144, 3))).spec();

        assertThat(spec.layer(1)).isEqualTo(new ConvolutionLayer("layer1", 4, 3, 1, 0, false, Pooling.none()));
        assertThat(spec.hiddenShapes()).containsExactly(InputShape.image(4, 6, 6));
    }

    @Test
    void map_paddingSameAtStride2_isRefused() throws JsonProcessingException {
        TorchDescription description = description(CONV.replace("[1, 1], \"dilation\"", "\"same\", "
                + "\"dilation\"").replace("\"stride\": [1, 1]", "\"stride\": [2, 2]"), RELU, FLATTEN,
                linear(64, 3));

        assertThatThrownBy(() -> TorchMapping.map(description))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module 0 of the PyTorch network (Conv2d) cannot be imported: expected "
                        + "stride 1 with padding='same', as PyTorch allows; supported: ");
    }

    @Test
    void map_paddingOfAnotherName_isRefused() throws JsonProcessingException {
        TorchDescription description = description(CONV.replace("[1, 1], \"dilation\"",
                "\"full\", \"dilation\""), RELU, FLATTEN, linear(256, 3));

        assertThatThrownBy(() -> TorchMapping.map(description))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module 0 of the PyTorch network (Conv2d) cannot be imported: expected "
                        + "padding 'same', 'valid', an integer or a pair, got 'full'; supported: ");
    }

    @Test
    void map_dropoutAfterConvolutionBlock_isTheConvolutionsDropout() throws JsonProcessingException {
        NetworkSpec spec = TorchMapping.map(description(CONV, RELU, POOL, "{\"type\": \"Dropout\", \"p\": 0.25}",
                CONV.replace("\"in_channels\": 1", "\"in_channels\": 4"), RELU,
                "{\"type\": \"Dropout\", \"p\": 0.5}", FLATTEN, linear(64, 3))).spec();

        assertThat(spec.layers()).containsExactly(
                new ConvolutionLayer("layer1", 4, 3, 1, 1, false, Pooling.max(2, 2)).withDropout(0.25),
                new ConvolutionLayer("layer2", 4, 3, 1, 1, false, Pooling.none()).withDropout(0.5),
                new OutputLayer("layer3"));
    }

    @Test
    void map_dropoutBeforePooling_isRefusedNamingThePooling() throws JsonProcessingException {
        TorchDescription description = description(CONV, RELU, "{\"type\": \"Dropout\", \"p\": 0.25}", POOL,
                FLATTEN, linear(64, 3));

        assertThatThrownBy(() -> TorchMapping.map(description))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module 3 of the PyTorch network (MaxPool2d) cannot be imported: pooling is "
                        + "supported only after a Conv2d (and its batch normalisation and activation), once per "
                        + "layer, before its Dropout; supported: ");
    }

    @Test
    void map_dropout2d_isRefusedSayingItDropsChannels() throws JsonProcessingException {
        TorchDescription description = description(CONV, RELU, POOL, "{\"type\": \"Dropout2d\"}", FLATTEN,
                linear(64, 3));

        assertThatThrownBy(() -> TorchMapping.map(description))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module 3 of the PyTorch network (Dropout2d) cannot be imported: Dropout2d "
                        + "has no counterpart: it drops whole channels or keeps a self-normalising network's "
                        + "statistics, while a NetworkSpec's dropout zeroes single values and scales the rest (use "
                        + "Dropout); supported: ");
    }

    @Test
    void map_twoDropouts_isRefusedNamingTheSecond() throws JsonProcessingException {
        String dropout = "{\"type\": \"Dropout\", \"p\": 0.25}";
        TorchDescription description = description(CONV, RELU, POOL, dropout, dropout, FLATTEN, linear(64, 3));

        assertThatThrownBy(() -> TorchMapping.map(description))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module 4 of the PyTorch network (Dropout) cannot be imported: dropout is "
                        + "supported only once per layer, last: after a Linear (and its batch normalisation and "
                        + "activation) or after a Conv2d (and its batch normalisation, activation and pooling); "
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
