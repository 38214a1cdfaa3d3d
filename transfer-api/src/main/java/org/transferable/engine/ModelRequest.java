package org.transferable.engine;

import java.util.List;
import java.util.Objects;
import org.transferable.Checks;
import org.transferable.spec.NetworkSpec;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.ParameterLayout;

/**
 * What {@link Engine#build} makes: layers {@code first..L} of a spec. With {@code first > 1} the model is a head that
 * takes the outputs of layer {@code first - 1} as its input (the cached outputs of frozen layers); the dropout that
 * layer {@code first - 1} puts on its output is then applied at the head's input, as in the whole network.
 *
 * @param spec the whole network's spec
 * @param classes the output layer's width
 * @param first the first layer built, in [1, L]
 * @param weights values for layers first..L, in {@link ParameterLayout}'s order
 * @param training for layers first..L, how each takes part in training steps (frozen: {@link LayerTraining#FROZEN})
 * @param seed seeds the model's dropout masks: the same seed gives the same masks in the same order of steps
 */
public record ModelRequest(NetworkSpec spec, int classes, int first, List<LayerWeights> weights,
        List<LayerTraining> training, long seed) {

    /**
     * Validates the layer range and that there is one weight entry and one training rule per built layer.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public ModelRequest {
        Objects.requireNonNull(spec, "spec");
        Checks.inRange("classes", classes, 1, Integer.MAX_VALUE);
        Checks.inRange("first layer", first, 1, spec.layerCount());
        weights = List.copyOf(weights);
        training = List.copyOf(training);
        int built = spec.layerCount() - first + 1;
        if (weights.size() != built || training.size() != built) {
            throw new IllegalArgumentException("layers " + first + ".." + spec.layerCount() + " of " + spec.name()
                    + " need " + built + " weight entries and training rules, got " + weights.size() + " and "
                    + training.size());
        }
    }

    /** @return the number of layers built */
    public int layerCount() {
        return weights.size();
    }

    /**
     * @param n a layer of the whole network, in [first, L]
     * @return how it takes part in training steps
     */
    public LayerTraining training(int n) {
        return training.get(n - first);
    }

    /**
     * @param n a layer of the whole network, in [first, L]
     * @return its values
     */
    public LayerWeights weights(int n) {
        return weights.get(n - first);
    }

    /**
     * Checks what {@link EngineModel#configure} is given against this request: one value per built layer, and
     * {@code towardStart} only where this request set it (the model kept those start values at its build).
     *
     * @param value for layers first..L
     * @return an unmodifiable copy
     * @throws IllegalArgumentException "the model has 3 layers, got 2 training rules", or "layer 2 decays toward its
     *     start values, which the model did not keep (set towardStart in the request)"
     */
    public List<LayerTraining> checkReconfiguration(List<LayerTraining> value) {
        if (value.size() != training.size()) {
            throw new IllegalArgumentException("the model has " + training.size() + " layers, got " + value.size()
                    + " training rules");
        }
        for (int n = first; n <= spec.layerCount(); n++) {
            if (value.get(n - first).towardStart() && !training(n).towardStart()) {
                throw new IllegalArgumentException("layer " + n + " decays toward its start values, which the model "
                        + "did not keep (set towardStart in the request)");
            }
        }
        return List.copyOf(value);
    }

    /** @return the tensors of the whole network */
    public ParameterLayout layout() {
        return ParameterLayout.of(spec, classes);
    }
}
