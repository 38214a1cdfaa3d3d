package org.transferable.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building and validating {@link NetworkSpec}: shapes, layer order, names, and where each error is reported. */
class NetworkSpecTest {
    private static final InputShape MNIST = InputShape.image(1, 28, 28);

    /** The example of {@link NetworkSpec}'s Javadoc, verbatim. */
    private static NetworkSpec reference() {
        return NetworkSpec.builder("reference", InputShape.image(1, 28, 28))
                .conv("conv1", 32, 5, Pooling.max(2, 2))
                .conv("conv2", 64, 5, Pooling.max(2, 2))
                .dense("fc3", 256)
                .dense("fc4", 128)
                .output("fc5");
    }

    /** A same-padded convolution with batch norm, then a strided one with overlapping max pooling. */
    private static NetworkSpec paddedAndStrided() {
        return NetworkSpec.builder("padded", MNIST)
                .layer(new ConvolutionLayer("same", 8, 5, 1, 2, true, Pooling.none()))
                .layer(new ConvolutionLayer("strided", 16, 3, 2, 1, false, Pooling.max(3, 2)))
                .output("out");
    }

    @Test
    void builder_javadocExample_hasFiveLayersInOrder() {
        NetworkSpec spec = reference();

        assertThat(spec.name()).isEqualTo("reference");
        assertThat(spec.input()).isEqualTo(MNIST);
        assertThat(spec.layerCount()).isEqualTo(5);
        assertThat(spec.layerNames()).containsExactly("conv1", "conv2", "fc3", "fc4", "fc5");
        assertThat(spec.layer(1)).isEqualTo(ConvolutionLayer.of("conv1", 32, 5).withPooling(Pooling.max(2, 2)));
        assertThat(spec.layer(3)).isEqualTo(DenseLayer.of("fc3", 256));
        assertThat(spec.layer(5)).isEqualTo(new OutputLayer("fc5"));
    }

    @Test
    void hiddenShapes_convPoolConvPoolDenseDense_followsEachLayer() {
        assertThat(reference().hiddenShapes()).containsExactly(
                InputShape.image(32, 12, 12), InputShape.image(64, 4, 4),
                InputShape.image(256, 1, 1), InputShape.image(128, 1, 1));
    }

    @Test
    void multiplyAdds_referenceNet_countsEachLayerBeforeItsPooling() {
        // conv1: 24x24 positions x 32 filters x 5x5 x 1 channel; conv2: 8x8 x 64 x 5x5 x 32; fc3: 64x4x4 inputs x 256
        assertThat(reference().multiplyAdds(10)).containsExactly(460_800L, 3_276_800L, 262_144L, 32_768L, 1_280L);
    }

    @Test
    void multiplyAdds_strideAndPadding_countOutputPositions() {
        // same: 28x28 x 8 x 25 x 1; strided: 14x14 x 16 x 9 x 8 (pooled to 6x6 after); out: 16x6x6 inputs x 3
        assertThat(paddedAndStrided().multiplyAdds(3)).containsExactly(156_800L, 225_792L, 1_728L);
    }

    @Test
    void multiplyAdds_noClasses_isRejectedWithTheRange() {
        assertThatThrownBy(() -> reference().multiplyAdds(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classes must be in [1, 2147483647], got 0");
    }

    @Test
    void hiddenShapes_paddingAndStride_keepOrShrinkTheImage() {
        // same: (28 + 4 - 5) / 1 + 1 = 28; strided: (28 + 2 - 3) / 2 + 1 = 14, pooled (14 - 3) / 2 + 1 = 6
        assertThat(paddedAndStrided().hiddenShapes())
                .containsExactly(InputShape.image(8, 28, 28), InputShape.image(16, 6, 6));
    }

    @Test
    void hiddenShapes_samePadding_isTheInputOverTheStrideRoundedUp() {
        NetworkSpec spec = NetworkSpec.builder("same", MNIST)
                .layer(new ConvolutionLayer("odd-kernel-stride-2", 8, 3, 2, 0, false, Pooling.none())
                        .withSamePadding())
                .layer(ConvolutionLayer.of("even-kernel", 8, 4).withSamePadding().withPooling(Pooling.max(2, 2)))
                .layer(ConvolutionLayer.of("odd-input-even-kernel", 8, 4).withSamePadding())
                .layer(new ConvolutionLayer("odd-input-stride-2", 8, 3, 2, 0, false, Pooling.none())
                        .withSamePadding())
                .output("out");

        // 28 -> ceil(28 / 2) = 14; 14 at stride 1 stays 14, pooled 7; 7 stays 7; 7 -> ceil(7 / 2) = 4
        assertThat(spec.hiddenShapes()).containsExactly(InputShape.image(8, 14, 14), InputShape.image(8, 7, 7),
                InputShape.image(8, 7, 7), InputShape.image(8, 4, 4));
    }

    @Test
    void conv_samePaddingWithKernelLargerThanInput_isAccepted() {
        NetworkSpec spec = NetworkSpec.builder("tiny", InputShape.image(1, 4, 3))
                .layer(ConvolutionLayer.of("conv1", 8, 5).withSamePadding())
                .output("out");

        assertThat(spec.hiddenShapes()).containsExactly(InputShape.image(8, 4, 3));
    }

    @Test
    void hiddenShapes_returnsOneShapePerHiddenLayer() {
        NetworkSpec spec = NetworkSpec.builder("mlp", MNIST).dense("fc1", 10).output("out");

        assertThat(spec.hiddenShapes()).containsExactly(InputShape.image(10, 1, 1));
    }

    @Test
    void builder_isImmutable_eachCallReturnsANewBuilder() {
        NetworkSpec.Builder start = NetworkSpec.builder("net", MNIST);
        NetworkSpec.Builder withDense = start.dense("fc1", 10);

        assertThat(start.layers()).isEmpty();
        assertThat(withDense.layers()).containsExactly(DenseLayer.of("fc1", 10));
        assertThat(withDense.output("a").layerNames()).containsExactly("fc1", "a");
        assertThat(withDense.dense("fc2", 5).output("b").layerNames()).containsExactly("fc1", "fc2", "b");
    }

    @Test
    void builder_denseWithDropout_keepsTheProbability() {
        NetworkSpec spec = NetworkSpec.builder("net", MNIST).dense("fc1", 10, 0.5).output("out");

        assertThat(spec.layer(1)).isEqualTo(new DenseLayer("fc1", 10, 0.5, false));
    }

    @Test
    void constructor_copiesTheLayerList() {
        List<LayerSpec> layers = Arrays.asList(DenseLayer.of("fc1", 10), new OutputLayer("out"));
        NetworkSpec spec = new NetworkSpec("net", MNIST, layers);

        layers.set(0, DenseLayer.of("other", 3));

        assertThat(spec.layerNames()).containsExactly("fc1", "out");
        assertThatThrownBy(() -> spec.layers().add(new OutputLayer("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void layer_numberOutsideRange_failsNamingTheRange() {
        NetworkSpec spec = reference();

        assertThatThrownBy(() -> spec.layer(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer number must be in [1, 5], got 0");
        assertThatThrownBy(() -> spec.layer(6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer number must be in [1, 5], got 6");
    }

    @Test
    void conv_kernelLargerThanInput_fails() {
        NetworkSpec.Builder builder = NetworkSpec.builder("tiny", InputShape.image(1, 4, 4));

        assertThatThrownBy(() -> builder.conv("conv1", 8, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer conv1: kernel 5 is larger than its input 4x4 (padding 0)");
    }

    @Test
    void conv_kernelLargerThanPreviousLayersOutput_failsNamingThatInput() {
        NetworkSpec.Builder builder = NetworkSpec.builder("tiny", MNIST).conv("conv1", 8, 5, Pooling.max(2, 2));

        assertThatThrownBy(() -> builder.conv("conv2", 8, 13))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer conv2: kernel 13 is larger than its input 12x12 (padding 0)");
    }

    @Test
    void conv_kernelFitsOnlyWithPadding_isAccepted() {
        NetworkSpec spec = NetworkSpec.builder("tiny", InputShape.image(1, 4, 4))
                .layer(ConvolutionLayer.of("conv1", 8, 5).withPadding(1))
                .output("out");

        assertThat(spec.hiddenShapes()).containsExactly(InputShape.image(8, 2, 2));
    }

    @Test
    void conv_poolingLargerThanConvolutionOutput_fails() {
        NetworkSpec.Builder builder = NetworkSpec.builder("tiny", InputShape.image(1, 6, 6));

        assertThatThrownBy(() -> builder.conv("conv1", 8, 5, Pooling.max(3, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer conv1: pooling Max[size=3, stride=3] is larger than the convolution's output 2x2");
    }

    @Test
    void conv_zeroFilters_fails() {
        NetworkSpec.Builder builder = NetworkSpec.builder("net", MNIST);

        assertThatThrownBy(() -> builder.conv("conv1", 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("filters of conv1 must be in [1, 65536], got 0");
    }

    @Test
    void dense_zeroUnits_fails() {
        NetworkSpec.Builder builder = NetworkSpec.builder("net", MNIST);

        assertThatThrownBy(() -> builder.dense("fc1", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("units of fc1 must be in [1, 1048576], got 0");
    }

    @Test
    void dense_dropoutOne_fails() {
        NetworkSpec.Builder builder = NetworkSpec.builder("net", MNIST);

        assertThatThrownBy(() -> builder.dense("fc1", 10, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropout of fc1 must be in [0.0, 1.0), got 1.0");
    }

    @Test
    void dense_largestUnitCount_isAValidHiddenShape() {
        NetworkSpec spec = NetworkSpec.builder("wide", MNIST).dense("fc1", 1 << 20).output("out");

        assertThat(spec.hiddenShapes()).containsExactly(InputShape.image(1 << 20, 1, 1));
    }

    @Test
    void conv_largestFilterCount_isAValidHiddenShape() {
        NetworkSpec spec = NetworkSpec.builder("deep", InputShape.image(1, 3, 3)).conv("conv1", 65536, 3).output("out");

        assertThat(spec.hiddenShapes()).containsExactly(InputShape.image(65536, 1, 1));
    }

    @Test
    void conv_outputWithMoreThanIntMaxValues_failsNamingTheLayer() {
        NetworkSpec.Builder builder = NetworkSpec.builder("huge", InputShape.image(1, 16384, 16384));

        assertThatThrownBy(() -> builder.conv("conv1", 16, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer conv1: output 16x16384x16384 is too large: a shape of 16x16384x16384 has "
                        + "4294967296 values, more than 2147483647");
    }

    @Test
    void layer_duplicateHiddenName_failsAtTheSecondLayer() {
        NetworkSpec.Builder builder = NetworkSpec.builder("net", MNIST).conv("conv1", 8, 5);

        assertThatThrownBy(() -> builder.conv("conv1", 8, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer name conv1 is used twice");
    }

    @Test
    void output_nameOfAHiddenLayer_fails() {
        NetworkSpec.Builder builder = NetworkSpec.builder("net", MNIST).dense("fc1", 10);

        assertThatThrownBy(() -> builder.output("fc1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer name fc1 is used twice");
    }

    @Test
    void conv_afterDense_failsAtTheConvolution() {
        NetworkSpec.Builder builder = NetworkSpec.builder("net", MNIST).dense("fc1", 10);

        assertThatThrownBy(() -> builder.conv("conv2", 8, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("convolution layer conv2 cannot follow dense layer fc1");
    }

    @Test
    void constructor_convAfterDense_fails() {
        List<LayerSpec> layers = List.of(DenseLayer.of("fc1", 10), ConvolutionLayer.of("conv2", 8, 1),
                new OutputLayer("out"));

        assertThatThrownBy(() -> new NetworkSpec("net", MNIST, layers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("convolution layer conv2 cannot follow dense layer fc1");
    }

    @Test
    void constructor_outputNotLast_fails() {
        List<LayerSpec> layers = List.of(DenseLayer.of("fc1", 10), new OutputLayer("out"), new OutputLayer("out2"));

        assertThatThrownBy(() -> new NetworkSpec("net", MNIST, layers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("output layer out must be the last layer, but it is layer 2 of 3");
    }

    @Test
    void constructor_noOutputLayer_fails() {
        List<LayerSpec> layers = List.of(DenseLayer.of("fc1", 10), DenseLayer.of("fc2", 10));

        assertThatThrownBy(() -> new NetworkSpec("net", MNIST, layers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the last layer must be an output layer, got fc2");
    }

    @Test
    void constructor_nullLayer_failsNamingItsNumber() {
        List<LayerSpec> layers = Arrays.asList(DenseLayer.of("fc1", 10), null, new OutputLayer("out"));

        assertThatThrownBy(() -> new NetworkSpec("net", MNIST, layers))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("layer 2 must not be null");
    }

    @Test
    void layer_outputLayer_pointsToOutput() {
        NetworkSpec.Builder builder = NetworkSpec.builder("net", MNIST).dense("fc1", 10);

        assertThatThrownBy(() -> builder.layer(new OutputLayer("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("use output(\"out\") to end the network");
    }

    @Test
    void output_withoutHiddenLayers_failsNeedingTwoLayers() {
        NetworkSpec.Builder builder = NetworkSpec.builder("net", MNIST);

        assertThatThrownBy(() -> builder.output("out"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a network needs at least 2 layers (one to copy and an output), got 1");
    }

    @Test
    void builder_blankNetworkName_fails() {
        assertThatThrownBy(() -> NetworkSpec.builder(" ", MNIST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network name must not be blank");
        assertThatThrownBy(() -> NetworkSpec.builder(null, MNIST))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("network name must not be null");
    }

    @Test
    void builder_blankLayerNames_fail() {
        NetworkSpec.Builder builder = NetworkSpec.builder("net", MNIST);

        assertThatThrownBy(() -> builder.conv("", 8, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer name must not be blank");
        assertThatThrownBy(() -> builder.dense("\t", 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer name must not be blank");
        assertThatThrownBy(() -> builder.dense("fc1", 8).output(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer name must not be blank");
    }

    @Test
    void builder_nullInput_fails() {
        assertThatThrownBy(() -> NetworkSpec.builder("net", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("input shape must not be null");
    }
}
