package org.transferable.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LayerWeights} and {@link NetworkWeights}: lookup, counts and value comparison. */
class LayerWeightsTest {
    private static final Tensor WEIGHT = new Tensor("weight", List.of(3, 2), new float[] {1, 2, 3, 4, 5, 6});
    private static final Tensor BIAS = new Tensor("bias", List.of(2), new float[] {0.5f, -0.5f});

    @Test
    void tensor_byName_findsIt() {
        LayerWeights layer = new LayerWeights("fc1", List.of(WEIGHT, BIAS));

        assertThat(layer.tensor("bias")).isEqualTo(BIAS);
        assertThat(layer.parameterCount()).isEqualTo(8);
    }

    @Test
    void tensor_unknownName_failsListingTheNames() {
        LayerWeights layer = new LayerWeights("fc1", List.of(WEIGHT, BIAS));

        assertThatThrownBy(() -> layer.tensor("gamma"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer fc1 has no tensor gamma; it has [weight, bias]");
    }

    @Test
    void constructor_copiesTheList() {
        List<Tensor> tensors = new ArrayList<>(List.of(WEIGHT));
        LayerWeights layer = new LayerWeights("fc1", tensors);

        tensors.add(BIAS);

        assertThat(layer.tensors()).containsExactly(WEIGHT);
    }

    @Test
    void constructor_blankLayerName_fails() {
        assertThatThrownBy(() -> new LayerWeights("", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer name must not be blank");
    }

    @Test
    void sameValues_comparesTensorsNotTheLayerName() {
        LayerWeights layer = new LayerWeights("fc1", List.of(WEIGHT, BIAS));
        Tensor otherBias = new Tensor("bias", List.of(2), new float[] {0.5f, -0.25f});

        assertThat(layer.sameValues(new LayerWeights("copy", List.of(WEIGHT, BIAS)))).isTrue();
        assertThat(layer.sameValues(new LayerWeights("fc1", List.of(WEIGHT, otherBias)))).isFalse();
        assertThat(layer).isEqualTo(new LayerWeights("fc1", List.of(WEIGHT,
                new Tensor("bias", List.of(2), new float[] {0.5f, -0.5f}))));
    }

    @Test
    void networkWeights_layerByPaperNumber() {
        LayerWeights first = new LayerWeights("conv1", List.of(WEIGHT));
        LayerWeights second = new LayerWeights("out", List.of(WEIGHT, BIAS));
        NetworkWeights weights = new NetworkWeights(List.of(first, second));

        assertThat(weights.layer(1)).isSameAs(first);
        assertThat(weights.layer(2)).isSameAs(second);
        assertThat(weights.parameterCount()).isEqualTo(6 + 8);
    }

    @Test
    void networkWeights_layerOutOfRange_fails() {
        NetworkWeights weights = new NetworkWeights(List.of(new LayerWeights("fc1", List.of(BIAS))));

        assertThatThrownBy(() -> weights.layer(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer number must be in [1, 1], got 2");
    }
}
