package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.transferable.engine.Batch;
import org.transferable.engine.EngineModel;
import org.transferable.engine.LayerTraining;
import org.transferable.engine.ModelRequest;
import org.transferable.engine.ReferenceNetwork;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.Tensor;

/**
 * The configuration the self-check chose (on an AMD EPYC, Zen 5: oneDNN with padded filters by default, unpadded
 * channels-last oneDNN with {@code -Dtransferable.djl.channelsLast=true}; see {@link DjlEngine#channelsLast()}) is
 * right beyond the check's own problem: for stacks of convolutions shaped like
 * the presets' networks (filter and channel counts that are not multiples of the vector width, where oneDNN's
 * default-layout kernels fail on that CPU: this test fails there with {@code new DjlModel(request, 1, false)}), its
 * loss, probabilities and every gradient agree with the plain-Java {@link ReferenceNetwork}, in a model of the whole
 * network and in ones that start above a convolution (a head on cached convolution outputs, whose inputs have many
 * channels), and the same call twice gives the same numbers. The layout's reordering is checked on its own.
 */
class ChannelsLastTest {
    private static final double TOLERANCE = 2e-4;

    @Test
    void channelsLast_reordersEachImageToHeightWidthChannel() {
        float[] nchw = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

        float[] nhwc = DjlModel.channelsLast(nchw, new long[] {2, 2, 2, 2});

        assertThat(nhwc).containsExactly(1, 5, 2, 6, 3, 7, 4, 8, 9, 13, 10, 14, 11, 15, 12, 16);
    }

    @ParameterizedTest(name = "{0}x{0} images, kernel {1}, filters {2}-{3}-{4}, from layer {5}")
    @CsvSource({"28, 5, 8, 16, 24, 1", "12, 5, 8, 24, 16, 1", "12, 3, 8, 24, 24, 2", "10, 3, 4, 20, 6, 2",
            "12, 5, 8, 16, 24, 3"})
    void gradients_chosenConfiguration_matchTheReferenceNetwork(int size, int kernel, int f1, int f2, int f3,
            int first) {
        Stack stack = Stack.of("layout", size * 31L + f2, size, kernel, f1, f2, f3, first);
        ModelRequest request = stack.request();
        float[] inputs = stack.inputs();
        int[] labels = stack.labels();
        ReferenceNetwork.Pass reference = new ReferenceNetwork(request).run(inputs, labels);

        EngineModel.Gradients once;
        EngineModel.Gradients twice;
        try (DjlModel model = new DjlModel(request, DjlEngine.filterMultiple(), DjlEngine.channelsLast())) {
            once = model.gradients(new Batch(inputs, labels));
            twice = model.gradients(new Batch(inputs, labels));
        }

        assertThat(once.loss()).isCloseTo(reference.loss(), within(TOLERANCE));
        assertThat(twice.loss()).isEqualTo(once.loss());
        assertThat(twice.probabilities()).containsExactly(once.probabilities());
        for (int i = 0; i < reference.probabilities().length; i++) {
            assertThat((double) once.probabilities()[i]).as("probability %d", i)
                    .isCloseTo(reference.probabilities()[i], within(TOLERANCE));
        }
        for (int layer = 0; layer < reference.gradients().size(); layer++) {
            List<Tensor> expected = reference.gradients().get(layer).tensors();
            List<Tensor> actual = once.layers().get(layer).tensors();
            for (int t = 0; t < expected.size(); t++) {
                float[] want = expected.get(t).values();
                float[] got = actual.get(t).values();
                double scale = 0;
                for (float v : want) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < want.length; i++) {
                    assertThat((double) got[i]).as("gradient of %s/%s[%d]", reference.gradients().get(layer).layer(),
                            expected.get(t).name(), i).isCloseTo(want[i],
                            within(TOLERANCE * Math.max(1, scale)));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}x{0} images, kernel {1}, filters {2}-{3}-{4}, from layer {5}")
    @CsvSource({"28, 5, 8, 16, 24, 1", "12, 3, 8, 24, 24, 2", "12, 5, 8, 16, 24, 3"})
    void gradients_poolingChannelsLast_equalDefaultPoolingBitForBit(int size, int kernel, int f1, int f2, int f3,
            int first) {
        Stack stack = Stack.of("pool", size * 17L + f3, size, kernel, f1, f2, f3, first);
        ModelRequest request = stack.request();
        float[] inputs = stack.inputs();
        int[] labels = stack.labels();

        EngineModel.Gradients plain;
        EngineModel.Gradients pooledLast;
        try (DjlModel a = new DjlModel(request, 16, false, false);
                DjlModel b = new DjlModel(request, 16, false, true)) {
            plain = a.gradients(new Batch(inputs, labels));
            pooledLast = b.gradients(new Batch(inputs, labels));
        }

        assertThat(pooledLast.loss()).isEqualTo(plain.loss());
        assertThat(pooledLast.probabilities()).containsExactly(plain.probabilities());
        for (int layer = 0; layer < plain.layers().size(); layer++) {
            for (int t = 0; t < plain.layers().get(layer).tensors().size(); t++) {
                assertThat(pooledLast.layers().get(layer).tensors().get(t).values())
                        .as("gradient %d/%d", layer, t)
                        .containsExactly(plain.layers().get(layer).tensors().get(t).values());
            }
        }
    }

    /**
     * Three convolutions (the first two pooled) and two dense layers on square images, random weights and inputs
     * from a seed, as a model request from layer {@code first} with 6 examples of 3 classes.
     */
    record Stack(ModelRequest request, float[] inputs, int[] labels) {
        static Stack of(String name, long seed, int size, int kernel, int f1, int f2, int f3, int first) {
            DjlEngine.pytorch();
            NetworkSpec spec = NetworkSpec.builder(name, InputShape.image(1, size, size))
                    .layer(ConvolutionLayer.of("conv1", f1, kernel).withPadding(kernel / 2)
                            .withPooling(Pooling.max(2, 2)))
                    .layer(ConvolutionLayer.of("conv2", f2, kernel).withPadding(kernel / 2)
                            .withPooling(Pooling.max(2, 2)))
                    .layer(ConvolutionLayer.of("conv3", f3, 3).withPadding(1))
                    .dense("fc4", 7)
                    .output("fc5");
            SplittableRandom random = new SplittableRandom(seed);
            List<LayerWeights> layers = new ArrayList<>(List.of(convolution("conv1", f1, 1, kernel, random),
                    convolution("conv2", f2, f1, kernel, random), convolution("conv3", f3, f2, 3, random),
                    dense("fc4", f3 * (size / 4) * (size / 4), 7, random), dense("fc5", 7, 3, random)));
            int inputSize = (int) Arrays.stream(NetworkBlocks.inputShape(spec, first, 1)).reduce(1, (a, b) -> a * b);
            float[] inputs = new float[6 * inputSize];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = (float) random.nextDouble();
            }
            ModelRequest request = new ModelRequest(spec, 3, first, layers.subList(first - 1, layers.size()),
                    Collections.nCopies(spec.layerCount() - first + 1, LayerTraining.trained(0.0)), 0L);
            return new Stack(request, inputs, new int[] {0, 1, 2, 0, 1, 2});
        }
    }

    private static LayerWeights convolution(String name, int out, int in, int kernel, SplittableRandom random) {
        return new LayerWeights(name, List.of(
                new Tensor("bias", List.of(out), gaussian(out, 0.1, random)),
                new Tensor("weight", List.of(out, in, kernel, kernel),
                        gaussian(out * in * kernel * kernel, Math.sqrt(2.0 / (in * kernel * kernel)), random))));
    }

    private static LayerWeights dense(String name, int in, int out, SplittableRandom random) {
        return new LayerWeights(name, List.of(
                new Tensor("weight", List.of(in, out), gaussian(in * out, Math.sqrt(2.0 / in), random)),
                new Tensor("bias", List.of(out), gaussian(out, 0.1, random))));
    }

    private static float[] gaussian(int size, double std, SplittableRandom random) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }
}
