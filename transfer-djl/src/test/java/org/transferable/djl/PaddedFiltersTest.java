package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.transferable.engine.LayerTraining;

/**
 * {@link PaddedFilters} gives the same outputs and weight gradients, bit for bit, whether it runs the real filters
 * only or all of them and drops the padded outputs: in inference and with frozen weights (always sliced), and when
 * trained weights see an input without a gradient (sliced where its probe found that exact). The shapes include
 * those whose weight gradients oneDNN rounds differently for the real filters alone on an AMD EPYC, Zen 5 (8 input
 * channels, 8 or fewer filters), where only the probe keeps the result exact. The padded filters' gradients are zero
 * and the real ones' are not.
 */
class PaddedFiltersTest {
    private static final int IMAGES = 4;
    private static final int SIZE = 9;

    @ParameterizedTest(name = "{0} input channels, {1} of {2} filters, kernel {3}")
    @CsvSource({"1, 8, 16, 5", "1, 5, 16, 3", "3, 7, 16, 3", "8, 5, 16, 3", "8, 8, 16, 5", "8, 12, 16, 3",
            "16, 24, 32, 3", "32, 20, 32, 3", "32, 24, 32, 3"})
    void outputsAndGradients_slicedFilters_equalAllFiltersBitForBit(int channels, int filters, int padded, int kernel) {
        Convolution convolution = Convolution.of(channels, filters, padded, kernel);

        Pass inference = convolution.run(Mode.INFERENCE);
        Pass frozen = convolution.run(Mode.FROZEN);
        Pass trained = convolution.run(Mode.TRAINED);
        Pass first = convolution.run(Mode.FIRST);

        assertThat(inference.allFilters()).as("inference slices").isFalse();
        assertThat(frozen.allFilters()).as("frozen weights on an input without a gradient slice").isFalse();
        assertThat(trained.allFilters()).as("training runs all filters").isTrue();
        assertThat(inference.shape()).isEqualTo(new Shape(IMAGES, filters, SIZE, SIZE));
        assertThat(trained.shape()).isEqualTo(inference.shape());
        assertThat(inference.outputs()).as("inference").containsExactly(trained.outputs());
        assertThat(frozen.outputs()).as("frozen weights in training").containsExactly(trained.outputs());
        assertThat(first.outputs()).as("trained weights on images").containsExactly(trained.outputs());
        assertThat(first.weightGradient()).as("weight gradients on images").containsExactly(trained.weightGradient());
        int realWeights = filters * channels * kernel * kernel;
        float[] gradient = trained.weightGradient();
        for (int i = realWeights; i < gradient.length; i++) {
            assertThat(gradient[i]).as("gradient of padded weight %d", i).isZero();
        }
        assertThat(Arrays.copyOf(gradient, realWeights)).as("gradients of the real filters")
                .isNotEqualTo(new float[realWeights]);
    }

    @Test
    void configure_layersBelowTrain_inputNeedsGradient() {
        ChannelsLastTest.Stack stack = ChannelsLastTest.Stack.of("flags", 7L, 12, 3, 8, 24, 24, 1);
        LayerTraining trained = LayerTraining.trained(0.0);
        LayerTraining frozen = LayerTraining.FROZEN;
        try (NetworkBlocks blocks = NetworkBlocks.build(stack.request(), new SplittableRandom(1), 16, true)) {
            assertThat(inputGradients(blocks)).as("all trained").containsExactly(false, true, true);

            blocks.configure(List.of(frozen, frozen, trained, trained, trained));
            assertThat(inputGradients(blocks)).as("conv1-2 frozen").containsExactly(false, false, false);

            blocks.configure(List.of(frozen, trained, frozen, trained, trained));
            assertThat(inputGradients(blocks)).as("conv2 trained").containsExactly(false, false, true);
        }
    }

    private static List<Boolean> inputGradients(NetworkBlocks blocks) {
        List<Boolean> flags = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            flags.add(blocks.paddedFilters(n).get(0).inputNeedsGradient());
        }
        return flags;
    }

    /** How the convolution runs. */
    private enum Mode {
        /** Grad mode off, as in evaluation and the prefix cache. */
        INFERENCE,
        /** Recording, weights frozen, input without a gradient: a frozen layer in a training step. */
        FROZEN,
        /** Recording, weights trained, input with a gradient: a trained layer above another. */
        TRAINED,
        /**
         * Recording, weights trained, input without a gradient: the first layer on images; all filters or the real
         * ones as the probe finds.
         */
        FIRST
    }

    /** A padded convolution's values: random real filters and biases, zero padded ones, random images. */
    private record Convolution(int channels, int filters, int padded, int kernel, float[] weights, float[] biases,
            float[] images, float[] seed) {
        static Convolution of(int channels, int filters, int padded, int kernel) {
            SplittableRandom random = new SplittableRandom(channels * 1000L + filters * 10L + kernel);
            float[] weights = new float[padded * channels * kernel * kernel];
            for (int i = 0; i < filters * channels * kernel * kernel; i++) {
                weights[i] = (float) random.nextGaussian() * 0.2f;
            }
            float[] biases = new float[padded];
            for (int i = 0; i < filters; i++) {
                biases[i] = (float) random.nextGaussian() * 0.1f;
            }
            float[] images = new float[IMAGES * channels * SIZE * SIZE];
            for (int i = 0; i < images.length; i++) {
                images[i] = (float) random.nextDouble();
            }
            float[] seed = new float[IMAGES * filters * SIZE * SIZE];
            for (int i = 0; i < seed.length; i++) {
                seed[i] = (float) random.nextGaussian();
            }
            return new Convolution(channels, filters, padded, kernel, weights, biases, images, seed);
        }

        /** One forward pass, and in training the backward pass of d(sum(outputs * seed)). */
        Pass run(Mode mode) {
            try (NDManager manager = DjlEngine.pytorch().newBaseManager()) {
                Conv2d conv = Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(padded)
                        .optPadding(new Shape(kernel / 2, kernel / 2)).build();
                PaddedFilters block = new PaddedFilters(conv, filters);
                Parameter weight = conv.getParameters().get("weight");
                Parameter bias = conv.getParameters().get("bias");
                weight.setInitializer((m, shape, type) -> m.create(weights, shape));
                bias.setInitializer((m, shape, type) -> m.create(biases, shape));
                Shape inputShape = new Shape(IMAGES, channels, SIZE, SIZE);
                block.initialize(manager, DataType.FLOAT32, inputShape);
                weight.freeze(mode == Mode.FROZEN);
                bias.freeze(mode == Mode.FROZEN);
                block.inputNeedsGradient(mode == Mode.TRAINED);
                NDArray input = manager.create(images, inputShape);
                input.setRequiresGradient(mode == Mode.TRAINED);
                ParameterStore store = new ParameterStore(manager, false);
                try (Autograd autograd = mode == Mode.INFERENCE ? Autograd.off() : Autograd.recording()) {
                    boolean all = block.runsAllFilters(input, weight.getArray(), bias.getArray());
                    NDArray out = block.forward(store, new NDList(input), mode != Mode.INFERENCE).singletonOrThrow();
                    float[] gradient = null;
                    if (mode == Mode.TRAINED || mode == Mode.FIRST) {
                        autograd.backward(out.mul(manager.create(seed, out.getShape())).sum());
                        gradient = weight.getArray().getGradient().toFloatArray();
                    }
                    return new Pass(all, out.getShape(), out.toFloatArray(), gradient);
                }
            }
        }
    }

    private record Pass(boolean allFilters, Shape shape, float[] outputs, float[] weightGradient) {
    }
}
