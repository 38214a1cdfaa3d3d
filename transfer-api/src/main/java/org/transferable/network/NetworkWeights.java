package org.transferable.network;

import java.util.List;
import org.transferable.Checks;

/**
 * All parameters of a network, layer by layer in the paper's order (layer 1 first). A backend-neutral snapshot:
 * any backend can build a network from it, so a base trained on one backend can be the source on another.
 *
 * @param layers one entry per layer with weights
 */
public record NetworkWeights(List<LayerWeights> layers) {
    /** Copies the list. */
    public NetworkWeights {
        layers = List.copyOf(layers);
    }

    /**
     * Layer n of the paper.
     *
     * @param n in [1, L]
     * @return its weights
     */
    public LayerWeights layer(int n) {
        Checks.inRange("layer number", n, 1, layers.size());
        return layers.get(n - 1);
    }

    /** @return total number of parameters */
    public long parameterCount() {
        return layers.stream().mapToLong(LayerWeights::parameterCount).sum();
    }
}
