package org.transferable.weights;

import java.util.ArrayList;
import java.util.List;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.LayerSpec;
import org.transferable.spec.NetworkSpec;

/**
 * The tensors each paper layer of a spec holds, with their neutral names, shapes and roles, for a given output
 * width: the contract between the API and every engine. The order within a layer is fixed, so that weights from
 * any backend compare equal: a convolution is bias, weight; a dense or output layer weight, bias; batch
 * normalisation adds gamma, beta, mean, variance.
 */
public final class ParameterLayout {
    /** What a tensor is to the solver and the initialiser. */
    public enum Role {
        /** Convolution or dense weight: initialised at random, under weight decay. */
        WEIGHT,
        /** Bias: zero at first, no weight decay. */
        BIAS,
        /** Batch-norm scale: one at first, trained, no weight decay. */
        GAMMA,
        /** Batch-norm shift: zero at first, trained, no weight decay. */
        BETA,
        /** Batch-norm running mean: zero at first, updated by training-mode forward passes, not by the solver. */
        MEAN,
        /** Batch-norm running variance: one at first, like the mean. */
        VARIANCE
    }

    /**
     * One tensor of a layer.
     *
     * @param name neutral name ({@code weight}, {@code bias}, {@code gamma}, ...)
     * @param shape neutral shape
     * @param role what it is
     */
    public record Slot(String name, List<Integer> shape, Role role) {
        /** Copies the shape. */
        public Slot {
            shape = List.copyOf(shape);
        }

        /** @return the number of values */
        public int size() {
            return shape.stream().reduce(1, Math::multiplyExact);
        }

        /** @return whether the solver trains it (weights, biases, batch-norm scales and shifts) */
        public boolean trained() {
            return role != Role.MEAN && role != Role.VARIANCE;
        }
    }

    private final NetworkSpec spec;
    private final List<List<Slot>> layers;

    private ParameterLayout(NetworkSpec spec, List<List<Slot>> layers) {
        this.spec = spec;
        this.layers = layers;
    }

    /**
     * @param spec the architecture
     * @param classes output width, at least 1
     * @return the layout
     */
    public static ParameterLayout of(NetworkSpec spec, int classes) {
        List<List<Slot>> layers = new ArrayList<>();
        List<InputShape> hidden = spec.hiddenShapes();
        for (int n = 1; n <= spec.layerCount(); n++) {
            InputShape in = n == 1 ? spec.input() : hidden.get(n - 2);
            LayerSpec layer = spec.layer(n);
            List<Slot> slots = new ArrayList<>();
            if (layer instanceof ConvolutionLayer conv) {
                slots.add(new Slot("bias", List.of(conv.filters()), Role.BIAS));
                slots.add(new Slot("weight", List.of(conv.filters(), in.channels(), conv.kernel(), conv.kernel()),
                        Role.WEIGHT));
                addBatchNorm(slots, conv.batchNorm(), conv.filters());
            } else if (layer instanceof DenseLayer dense) {
                slots.add(new Slot("weight", List.of(in.size(), dense.units()), Role.WEIGHT));
                slots.add(new Slot("bias", List.of(dense.units()), Role.BIAS));
                addBatchNorm(slots, dense.batchNorm(), dense.units());
            } else {
                slots.add(new Slot("weight", List.of(in.size(), classes), Role.WEIGHT));
                slots.add(new Slot("bias", List.of(classes), Role.BIAS));
            }
            layers.add(List.copyOf(slots));
        }
        return new ParameterLayout(spec, List.copyOf(layers));
    }

    private static void addBatchNorm(List<Slot> slots, boolean on, int width) {
        if (on) {
            slots.add(new Slot("gamma", List.of(width), Role.GAMMA));
            slots.add(new Slot("beta", List.of(width), Role.BETA));
            slots.add(new Slot("mean", List.of(width), Role.MEAN));
            slots.add(new Slot("variance", List.of(width), Role.VARIANCE));
        }
    }

    /** @return the spec */
    public NetworkSpec spec() {
        return spec;
    }

    /** @return the tensors of paper layer n (1-based) */
    public List<Slot> layer(int n) {
        return layers.get(n - 1);
    }

    /** @return the output width */
    public int classes() {
        return layers.get(layers.size() - 1).get(1).shape().get(0);
    }

    /** @return number of paper layers */
    public int layerCount() {
        return layers.size();
    }

    /**
     * Checks that weights from any backend fit every layer: the spec's layer count and names, and per layer
     * {@link #fit(int, LayerWeights)}.
     *
     * @return the weights with each layer's tensors in this layout's order
     * @throws IllegalArgumentException naming the layer (and tensor) that does not fit
     */
    public NetworkWeights fit(NetworkWeights weights) {
        if (weights.layers().size() != layers.size()) {
            throw new IllegalArgumentException("network " + spec.name() + " has " + layers.size()
                    + " layers " + spec.layerNames() + " but the weights have " + weights.layers().size());
        }
        List<LayerWeights> out = new ArrayList<>();
        for (int n = 1; n <= layers.size(); n++) {
            String name = spec.layer(n).name();
            if (!weights.layer(n).layer().equals(name)) {
                throw new IllegalArgumentException("layer " + n + " of network " + spec.name() + " is " + name
                        + " but layer " + n + " of the weights is " + weights.layer(n).layer());
            }
            out.add(new LayerWeights(name, fit(n, weights.layer(n))));
        }
        return new NetworkWeights(out);
    }

    /**
     * Checks that weights from any backend fit paper layer n: the same tensor names, each with the expected shape.
     *
     * @return the weights' tensors in this layout's order
     * @throws IllegalArgumentException naming the layer and the tensor that does not fit
     */
    public List<Tensor> fit(int n, LayerWeights weights) {
        List<Slot> slots = layer(n);
        List<String> expected = slots.stream().map(Slot::name).toList();
        List<String> actual = weights.tensors().stream().map(Tensor::name).toList();
        if (actual.size() != expected.size() || !actual.containsAll(expected)) {
            throw new IllegalArgumentException("layer " + n + " (" + spec.layer(n).name() + ") needs tensors "
                    + expected + " but the weights of layer " + weights.layer() + " have " + actual);
        }
        List<Tensor> ordered = new ArrayList<>();
        for (Slot slot : slots) {
            Tensor tensor = weights.tensor(slot.name());
            if (!tensor.shape().equals(slot.shape())) {
                throw new IllegalArgumentException("layer " + n + " (" + spec.layer(n).name() + "): tensor "
                        + slot.name() + " has shape " + tensor.shape() + " but the network expects " + slot.shape());
            }
            ordered.add(tensor);
        }
        return ordered;
    }
}
