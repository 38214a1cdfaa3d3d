package org.transferable.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NetworkWeights#digest(int)}: what the prefix cache finds its entries by. */
class NetworkWeightsDigestTest {
    private static NetworkWeights weights(float first, float second) {
        return new NetworkWeights(List.of(
                new LayerWeights("conv1", List.of(new Tensor("weight", List.of(2), new float[] {first, 1f}))),
                new LayerWeights("fc2", List.of(new Tensor("weight", List.of(1, 2), new float[] {second, 2f})))));
    }

    @Test
    void digest_coversOnlyTheFirstMLayers() {
        assertThat(weights(1f, 5f).digest(1)).isEqualTo(weights(1f, 9f).digest(1)).hasSize(64);
        assertThat(weights(1f, 5f).digest(2)).isNotEqualTo(weights(1f, 9f).digest(2));
        assertThat(weights(1f, 5f).digest(1)).isNotEqualTo(weights(2f, 5f).digest(1));
    }

    @Test
    void digest_ofNoLayersIsTheDigestOfNothing() {
        assertThat(weights(1f, 5f).digest(0))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void digest_distinguishesShapesWithTheSameValues() {
        NetworkWeights flat = new NetworkWeights(List.of(
                new LayerWeights("fc", List.of(new Tensor("weight", List.of(4), new float[] {1, 2, 3, 4})))));
        NetworkWeights square = new NetworkWeights(List.of(
                new LayerWeights("fc", List.of(new Tensor("weight", List.of(2, 2), new float[] {1, 2, 3, 4})))));
        assertThat(flat.digest(1)).isNotEqualTo(square.digest(1));
    }

    @Test
    void digest_layerCountOutOfRange() {
        assertThatThrownBy(() -> weights(1f, 5f).digest(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer count must be in [0, 2], got 3");
    }
}
