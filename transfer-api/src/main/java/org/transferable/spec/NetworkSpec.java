package org.transferable.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.transferable.Checks;

/**
 * A backend-neutral network: an input shape and ordered paper-level layers, the last of which is the output.
 *
 * <p>Layers are numbered from 1 as in the paper: layer n is the n-th layer with weights, so a network of L layers
 * can copy 1..L-1 of them. The spec is validated when built: every convolution and pooling window must fit its
 * input, no convolution may follow a dense layer, names are unique, and exactly the last layer is the output.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder("reference", InputShape.image(1, 28, 28))
 *         .conv("conv1", 32, 5, Pooling.max(2, 2))
 *         .conv("conv2", 64, 5, Pooling.max(2, 2))
 *         .dense("fc3", 256)
 *         .dense("fc4", 128)
 *         .output("fc5");
 * }</pre>
 *
 * @param name a short name for logs and file names
 * @param input the input image shape
 * @param layers the layers, output last
 */
public record NetworkSpec(String name, InputShape input, List<LayerSpec> layers) {

    /**
     * Validates the layer sequence and every shape.
     *
     * @throws IllegalArgumentException naming the offending layer and its input shape
     */
    public NetworkSpec {
        Checks.name("network name", name);
        Objects.requireNonNull(input, "input shape must not be null");
        Objects.requireNonNull(layers, "layers must not be null");
        for (int i = 0; i < layers.size(); i++) {
            Objects.requireNonNull(layers.get(i), "layer " + (i + 1) + " must not be null");
        }
        layers = List.copyOf(layers);
        if (layers.size() < 2) {
            throw new IllegalArgumentException(
                    "a network needs at least 2 layers (one to copy and an output), got " + layers.size());
        }
        validate(input, layers, true);
    }

    /**
     * Starts a spec.
     *
     * @param name network name
     * @param input input shape
     * @return a builder with no layers
     */
    public static Builder builder(String name, InputShape input) {
        return new Builder(name, input, List.of());
    }

    /** @return L, the number of layers with weights, output included */
    public int layerCount() {
        return layers.size();
    }

    /**
     * The paper's layer n.
     *
     * @param n 1-based layer number in [1, L]
     * @return the layer
     * @throws IllegalArgumentException when n is outside [1, L]
     */
    public LayerSpec layer(int n) {
        Checks.inRange("layer number", n, 1, layers.size());
        return layers.get(n - 1);
    }

    /** @return the layer names in order */
    public List<String> layerNames() {
        return layers.stream().map(LayerSpec::name).toList();
    }

    /**
     * The shape of each hidden layer's output (after its pooling); a dense layer's is units x 1 x 1.
     *
     * @return shapes of layers 1..L-1
     */
    public List<InputShape> hiddenShapes() {
        return shapes(input, layers);
    }

    /**
     * The multiply-adds of one example's forward pass, per layer, as a direct convolution or matrix product computes
     * them: a convolution's output positions (before its pooling) x filters x kernel area x input channels, a dense
     * layer's inputs x units, the output layer's inputs x {@code classes}. Biases, activations, pooling, batch norm
     * and dropout are not counted. A training step costs about three times the forward pass of the layers it trains
     * (the forward pass, the weights' gradients and the inputs' gradients), less the first trained layer's inputs'
     * gradients when nothing below it trains.
     *
     * @param classes the output layer's width (the task's class count), in [1, 2^31 - 1]
     * @return the counts of layers 1..L, in order
     * @throws IllegalArgumentException when {@code classes} is below 1
     */
    public List<Long> multiplyAdds(int classes) {
        Checks.inRange("classes", classes, 1, Integer.MAX_VALUE);
        List<Long> counts = new ArrayList<>();
        InputShape in = input;
        List<InputShape> outputs = hiddenShapes();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (layer instanceof ConvolutionLayer conv) {
                long positions = (long) conv.outputSide(in.height()) * conv.outputSide(in.width());
                counts.add(positions * conv.filters() * conv.kernel() * conv.kernel() * in.channels());
            } else if (layer instanceof DenseLayer dense) {
                counts.add((long) in.size() * dense.units());
            } else {
                counts.add((long) in.size() * classes);
            }
            in = i < outputs.size() ? outputs.get(i) : in;
        }
        return List.copyOf(counts);
    }

    /**
     * Checks names, layer order and shapes; {@code complete} also requires the output layer last (a builder's hidden
     * layers are checked with {@code complete = false} as each one is appended).
     */
    private static void validate(InputShape input, List<LayerSpec> layers, boolean complete) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (!names.add(layer.name())) {
                throw new IllegalArgumentException("layer name " + layer.name() + " is used twice");
            }
            boolean last = i == layers.size() - 1;
            if (layer instanceof OutputLayer && !last) {
                throw new IllegalArgumentException("output layer " + layer.name()
                        + " must be the last layer, but it is layer "
                        + (i + 1) + " of " + layers.size());
            }
            if (complete && last && !(layer instanceof OutputLayer)) {
                throw new IllegalArgumentException("the last layer must be an output layer, got " + layer.name());
            }
            if (layer instanceof ConvolutionLayer && i > 0 && !(layers.get(i - 1) instanceof ConvolutionLayer)) {
                throw new IllegalArgumentException("convolution layer " + layer.name()
                        + " cannot follow dense layer " + layers.get(i - 1).name());
            }
        }
        shapes(input, layers);
    }

    private static List<InputShape> shapes(InputShape input, List<LayerSpec> layers) {
        List<InputShape> shapes = new ArrayList<>();
        InputShape current = input;
        for (LayerSpec layer : layers) {
            if (layer instanceof ConvolutionLayer conv) {
                current = convolve(conv, current);
            } else if (layer instanceof DenseLayer dense) {
                current = outputShape(dense, dense.units(), 1, 1);
            } else {
                break;
            }
            shapes.add(current);
        }
        return List.copyOf(shapes);
    }

    private static InputShape convolve(ConvolutionLayer conv, InputShape in) {
        int height = conv.outputSide(in.height());
        int width = conv.outputSide(in.width());
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("layer " + conv.name() + ": kernel " + conv.kernel()
                    + " is larger than its input " + in.height() + "x" + in.width() + " (padding " + conv.padding()
                    + ")");
        }
        int pooledHeight = conv.pooling().outputSide(height);
        int pooledWidth = conv.pooling().outputSide(width);
        if (pooledHeight < 1 || pooledWidth < 1) {
            throw new IllegalArgumentException("layer " + conv.name() + ": pooling " + conv.pooling()
                    + " is larger than the convolution's output " + height + "x" + width);
        }
        return outputShape(conv, conv.filters(), pooledHeight, pooledWidth);
    }

    private static InputShape outputShape(LayerSpec layer, int channels, int height, int width) {
        try {
            return new InputShape(channels, height, width);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + layer.name() + ": output " + channels + "x" + height + "x"
                    + width + " is too large: " + e.getMessage(), e);
        }
    }

    /**
     * An immutable, staged builder: every call returns a new builder, {@link #output(String)} ends the chain. Each
     * call validates the layers so far, so an error (a duplicate name, a convolution after a dense layer, a window
     * that does not fit) is reported by the call that adds the offending layer.
     *
     * @param name network name
     * @param input input shape
     * @param layers hidden layers so far
     */
    public record Builder(String name, InputShape input, List<LayerSpec> layers) {
        /**
         * Validates the hidden layers so far and copies the list.
         *
         * @throws IllegalArgumentException for an output layer (use {@link #output(String)}), or when a layer does
         *     not fit after the ones before it
         */
        public Builder {
            Checks.name("network name", name);
            Objects.requireNonNull(input, "input shape must not be null");
            Objects.requireNonNull(layers, "layers must not be null");
            for (int i = 0; i < layers.size(); i++) {
                LayerSpec layer = Objects.requireNonNull(layers.get(i), "layer " + (i + 1) + " must not be null");
                if (layer instanceof OutputLayer) {
                    throw new IllegalArgumentException("use output(\"" + layer.name() + "\") to end the network");
                }
            }
            layers = List.copyOf(layers);
            validate(input, layers, false);
        }

        /** @return a builder with a stride-1, unpadded convolution and no pooling appended */
        public Builder conv(String layerName, int filters, int kernel) {
            return layer(ConvolutionLayer.of(layerName, filters, kernel));
        }

        /** @return a builder with a stride-1, unpadded convolution followed by the pooling appended */
        public Builder conv(String layerName, int filters, int kernel, Pooling pooling) {
            return layer(ConvolutionLayer.of(layerName, filters, kernel).withPooling(pooling));
        }

        /** @return a builder with a dense layer appended */
        public Builder dense(String layerName, int units) {
            return layer(DenseLayer.of(layerName, units));
        }

        /** @return a builder with a dense layer whose output has dropout appended */
        public Builder dense(String layerName, int units, double dropout) {
            return layer(DenseLayer.of(layerName, units).withDropout(dropout));
        }

        /**
         * Appends any hidden layer.
         *
         * @throws IllegalArgumentException for an output layer (use {@link #output(String)}), or when the layer
         *     does not fit after the ones before it
         */
        public Builder layer(LayerSpec layer) {
            Objects.requireNonNull(layer, "layer must not be null");
            List<LayerSpec> next = new ArrayList<>(layers);
            next.add(layer);
            return new Builder(name, input, next);
        }

        /**
         * Ends the network with a softmax output layer and validates it.
         *
         * @return the spec
         * @throws IllegalArgumentException when the network is invalid
         */
        public NetworkSpec output(String layerName) {
            List<LayerSpec> all = new ArrayList<>(layers);
            all.add(new OutputLayer(layerName));
            return new NetworkSpec(name, input, all);
        }
    }
}
