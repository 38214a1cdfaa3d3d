package org.transferable.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.transferable.data.LabelledImages;
import org.transferable.data.Task;
import org.transferable.engine.ReferenceEngine;
import org.transferable.similarity.FeatureMatrix;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.Tensor;

/** {@link Network#activations} on the plain-Java {@link ReferenceEngine}: shapes, batching, checks. */
class ActivationsTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder("tiny", InputShape.image(1, 8, 8))
            .conv("conv1", 3, 3, Pooling.max(2, 2))
            .dense("fc2", 8, 0.25)
            .output("out");

    private final Backend backend = Backend.of(new ReferenceEngine(), 0);
    private final LabelledImages images = images(23, 1);
    private final Network network = backend.initialise(SPEC, new Task("A", images, images), 5);

    @Test
    void activations_eachLayer_oneRowPerImageAndTheLayersOutputSize() {
        assertThat(network.activations(images, 1).rows()).isEqualTo(23);
        assertThat(network.activations(images, 1).cols()).isEqualTo(3 * 3 * 3);
        assertThat(network.activations(images, 2).cols()).isEqualTo(8);
        assertThat(network.activations(images, 3).cols()).isEqualTo(3);
    }

    @Test
    void activations_hiddenLayers_areAfterTheRelu() {
        for (float v : network.activations(images, 1).values()) {
            assertThat(v).isGreaterThanOrEqualTo(0f);
        }
    }

    @Test
    void activations_outputLayer_isTheSoftmax() {
        FeatureMatrix p = network.activations(images, 3);
        for (int r = 0; r < p.rows(); r++) {
            assertThat(p.get(r, 0) + p.get(r, 1) + p.get(r, 2)).isCloseTo(1f, within(1e-5f));
        }
    }

    @Test
    void activations_streamedInBatches_equalTheWholeForm() {
        List<List<FeatureMatrix>> batches = new ArrayList<>();
        List<Integer> firsts = new ArrayList<>();
        network.activations(images, List.of(2, 1), 10, (first, layers) -> {
            firsts.add(first);
            batches.add(layers);
        });

        assertThat(firsts).containsExactly(0, 10, 20);
        assertThat(batches.get(2).get(0).rows()).isEqualTo(3);
        FeatureMatrix whole1 = network.activations(images, 1);
        FeatureMatrix whole2 = network.activations(images, 2);
        for (int b = 0; b < batches.size(); b++) {
            FeatureMatrix fc2 = batches.get(b).get(0);
            FeatureMatrix conv1 = batches.get(b).get(1);
            for (int r = 0; r < fc2.rows(); r++) {
                for (int c = 0; c < fc2.cols(); c++) {
                    assertThat(fc2.get(r, c)).isCloseTo(whole2.get(firsts.get(b) + r, c), within(1e-6f));
                }
                for (int c = 0; c < conv1.cols(); c++) {
                    assertThat(conv1.get(r, c)).isCloseTo(whole1.get(firsts.get(b) + r, c), within(1e-6f));
                }
            }
        }
    }

    @Test
    void activations_layerOutOfRange_namesTheRange() {
        assertThatThrownBy(() -> network.activations(images, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer must be in [1, 3] for a network with 3 layers [conv1, fc2, out], got 0");
        assertThatThrownBy(() -> network.activations(images, List.of(1, 4), 8, (first, layers) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer must be in [1, 3] for a network with 3 layers [conv1, fc2, out], got 4");
    }

    @Test
    void activations_badBatchSizeOrNoLayers_exactMessages() {
        assertThatThrownBy(() -> network.activations(images, List.of(1), 0, (first, layers) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be in [1, 2147483647], got 0");
        assertThatThrownBy(() -> network.activations(images, List.of(), 4, (first, layers) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layers must not be empty");
    }

    @Test
    void activations_imagesOfAnotherShape_namesBothShapes() {
        LabelledImages wide = LabelledImages.of(InputShape.image(1, 4, 4), new byte[16], new int[] {0},
                List.of("a", "b", "c"));

        assertThatThrownBy(() -> network.activations(wide, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the activation images has images of 1x4x4 but network tiny expects 1x8x8");
    }

    @Test
    void activations_nonFiniteWeights_nameTheImageAndLayer() {
        List<LayerWeights> layers = new ArrayList<>(network.weights().layers());
        LayerWeights conv1 = layers.get(0);
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : conv1.tensors()) {
            float[] values = t.values();
            java.util.Arrays.fill(values, Float.NaN);
            tensors.add(new Tensor(t.name(), t.shape(), values));
        }
        layers.set(0, new LayerWeights(conv1.layer(), tensors));
        Network broken = new Network(backend, network.provenance(), new NetworkWeights(layers));

        assertThatThrownBy(() -> broken.activations(images, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("network tiny (scratch on task A) gives a non-finite activation (NaN) at layer"
                        + " 2 (fc2) for image 0, feature 0");
    }

    @Test
    void activations_neverChangeTheNetwork() {
        NetworkWeights before = network.weights();
        network.activations(images, 2);
        assertThat(network.weights()).isEqualTo(before);
    }

    static LabelledImages images(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * 64];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 3;
            for (int p = 0; p < 64; p++) {
                pixels[i * 64 + p] = (byte) random.nextInt(256);
            }
        }
        return LabelledImages.of(InputShape.image(1, 8, 8), pixels, labels, List.of("a", "b", "c"));
    }
}
