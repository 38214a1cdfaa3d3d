package org.transferable.weights;

import java.util.List;
import java.util.Objects;
import org.transferable.Checks;

/**
 * The parameters of one paper-level layer (its batch normalisation included).
 *
 * @param layer the layer's name in the spec
 * @param tensors its tensors
 */
public record LayerWeights(String layer, List<Tensor> tensors) {
    /** Copies the list. */
    public LayerWeights {
        Checks.name("layer name", layer);
        tensors = List.copyOf(tensors);
    }

    /**
     * The tensor with the given name.
     *
     * @throws IllegalArgumentException listing the names this layer has
     */
    public Tensor tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("layer " + layer + " has no tensor " + name
                        + "; it has " + tensors.stream().map(Tensor::name).toList()));
    }

    /** @return total number of values */
    public long parameterCount() {
        return tensors.stream().mapToLong(Tensor::size).sum();
    }

    /** @return whether every tensor equals {@code other}'s bit for bit */
    public boolean sameValues(LayerWeights other) {
        return Objects.equals(tensors, other.tensors);
    }
}
