package org.transferable.dl4j;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.transferable.network.Backend;
import org.transferable.network.Network;
import org.transferable.spec.Activation;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.PaddingMode;
import org.transferable.spec.Pooling;
import org.transferable.weights.NetworkWeights;

/**
 * Imports a sequential DL4J {@link MultiLayerNetwork} (in memory, or a {@link ModelSerializer} zip) as a
 * {@link Network} of any backend: its layers mapped to a {@link NetworkSpec}, its parameters copied. The supported
 * layer kinds, in order, are what a {@code NetworkSpec} expresses today:
 *
 * <ul>
 *   <li>{@code ConvolutionLayer} (square kernel, stride and padding, no dilation) in {@code Truncate} mode (explicit
 *   padding) or {@code Same} mode (same padding, {@link PaddingMode#SAME}), with an activation (ReLU, leaky ReLU with
 *   DL4J's default alpha 0.01, tanh, sigmoid or identity), or identity followed by {@code BatchNormalization} and an
 *   {@code ActivationLayer} with one of them; then optionally a max or average {@code SubsamplingLayer} (square,
 *   padding nothing: no padding, {@code Truncate} or {@code Strict} mode, or {@code Same} mode where its windows tile
 *   its input exactly);</li>
 *   <li>{@code DenseLayer} with one of those activations, or identity + batch normalisation + an
 *   {@code ActivationLayer};</li>
 *   <li>the last layer: {@code OutputLayer} with softmax.</li>
 * </ul>
 *
 * Plain {@code Dropout} on the input of the first layer after a convolution block (after its pooling) or a dense
 * block becomes that layer's output dropout; dropout anywhere else (on the network's input, inside a block) and any
 * other kind of dropout ({@code SpatialDropout}, {@code GaussianDropout}, ...) are refused. Any other layer is refused
 * with a message naming its index, kind and name, and what is supported. The imported
 * network's provenance says where it came from (the file or "memory", DL4J's version).
 */
public final class Dl4jImport {
    private static final String SUPPORTED = "supported: ConvolutionLayer (square, Truncate or Same, an activation, or "
            + "identity + BatchNormalization + ActivationLayer) [+ max or average SubsamplingLayer], DenseLayer (an "
            + "activation, or identity + BatchNormalization + ActivationLayer), each optionally with plain Dropout "
            + "on the next layer's input, and a softmax OutputLayer last; activations: ReLU, LeakyReLU (alpha "
            + "0.01), tanh, sigmoid, identity";

    private Dl4jImport() {
    }

    /**
     * Imports a network saved by DL4J's {@code ModelSerializer}.
     *
     * @param zip the file
     * @param input the shape of one input image (DL4J's configuration does not always keep it)
     * @param task the name of the task its output classifies
     * @param classNames the classes, index = output unit
     * @param backend the backend the imported network runs on
     * @return the network
     * @throws NoSuchFileException when the file does not exist
     * @throws IllegalArgumentException naming the first layer that has no counterpart, or a mismatch
     */
    public static Network load(Path zip, InputShape input, String task, List<String> classNames, Backend backend)
            throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new NoSuchFileException(zip.toString(), null, "no DL4J model file");
        }
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        return from(network, input, task, classNames, backend, zip.toAbsolutePath().toString());
    }

    /**
     * Imports a network in memory; the argument is not changed.
     *
     * @param source where it came from, in words, for the provenance (a file name, or e.g. {@code memory})
     * @return the network
     * @throws IllegalArgumentException naming the first layer that has no counterpart, or a mismatch
     */
    public static Network from(MultiLayerNetwork network, InputShape input, String task, List<String> classNames,
            Backend backend, String source) {
        Mapping mapping = map(network, input);
        NetworkWeights weights = new NetworkWeights(Parameters.extract(network, mapping.spec(), mapping.blocks(), 1));
        List<Layer> layers = layers(network);
        int classes = (int) ((OutputLayer) layers.get(layers.size() - 1)).getNOut();
        if (classes != classNames.size()) {
            throw new IllegalArgumentException("the DL4J network's output layer has " + classes + " units but "
                    + classNames.size() + " class names were given " + classNames);
        }
        return backend.imported(mapping.spec(), weights, task, classNames, "imported from DL4J " + source
                + " (deeplearning4j " + Dl4jEngine.DL4J_VERSION + ")");
    }

    /** A spec and which DL4J layers make each of its layers. */
    record Mapping(NetworkSpec spec, LayerBlocks blocks) {
    }

    private static List<Layer> layers(MultiLayerNetwork network) {
        int count = network.getLayerWiseConfigurations().getConfs().size();
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> network.getLayerWiseConfigurations().getConf(i).getLayer()).toList();
    }

    /** @return the spec of the network's layers, and their blocks */
    static Mapping map(MultiLayerNetwork network, InputShape input) {
        List<Layer> layers = layers(network);
        NetworkSpec.Builder builder = NetworkSpec.builder("dl4j-import", input);
        NetworkSpec spec = null;
        boolean[] fromLayer = new boolean[layers.size()];
        int i = 0;
        int paper = 0;
        while (i < layers.size()) {
            Layer layer = layers.get(i);
            String name = "layer" + (++paper);
            if (i == layers.size() - 1) {
                if (!(layer instanceof OutputLayer out) || !(out.getActivationFn() instanceof ActivationSoftmax)) {
                    throw unsupported(i, layer, "the last layer must be an OutputLayer with softmax");
                }
                try {
                    spec = builder.output(name(layer, name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the DL4J network does not map to a network on input " + input
                            + ": " + e.getMessage(), e);
                }
                i++;
                continue;
            }
            if (layer instanceof ConvolutionLayer conv) {
                boolean same = conv.getConvolutionMode() == ConvolutionMode.Same;
                check(i, conv, conv.getKernelSize()[0] == conv.getKernelSize()[1]
                        && conv.getStride()[0] == conv.getStride()[1]
                        && (same || conv.getPadding()[0] == conv.getPadding()[1])
                        && conv.getDilation()[0] == 1 && conv.getDilation()[1] == 1
                        && (same || conv.getConvolutionMode() == ConvolutionMode.Truncate) && conv.hasBias(),
                        "a square, undilated convolution in Truncate or Same mode with a bias");
                boolean batchNorm = batchNormFollows(layers, i, conv);
                Activation activation = activation(layers, i, batchNorm);
                int next = i + 1 + (batchNorm ? 2 : 0);
                Pooling pooling = Pooling.none();
                if (next < layers.size() - 1 && layers.get(next) instanceof SubsamplingLayer pool) {
                    pooling = pooling(next, pool, sides(network, input, next));
                    next++;
                }
                double dropout = outputDropout(layers, next, fromLayer);
                // Same mode ignores the padding it is given: it pads (out - 1) * stride + kernel - in in total, the
                // smaller half first, as the spec's same mode
                builder = builder.layer(new org.transferable.spec.ConvolutionLayer(name(layer, name),
                        (int) conv.getNOut(), conv.getKernelSize()[0], conv.getStride()[0],
                        same ? 0 : conv.getPadding()[0], batchNorm, pooling, activation,
                        same ? PaddingMode.SAME : PaddingMode.EXPLICIT, dropout));
                i = next;
            } else if (layer instanceof DenseLayer dense) {
                boolean batchNorm = batchNormFollows(layers, i, dense);
                Activation activation = activation(layers, i, batchNorm);
                int next = i + 1 + (batchNorm ? 2 : 0);
                double dropout = outputDropout(layers, next, fromLayer);
                builder = builder.layer(new org.transferable.spec.DenseLayer(name(layer, name), (int) dense.getNOut(),
                        dropout, batchNorm, activation));
                i = next;
            } else {
                throw unsupported(i, layer, "it has no counterpart in a NetworkSpec");
            }
        }
        for (int k = 0; k < layers.size(); k++) {
            if (inputDropout(k, layers.get(k)) > 0 && !fromLayer[k]) {
                throw unsupported(k, layers.get(k), k == 0 ? "dropout on the network's input has no counterpart"
                        : "dropout on its input is supported only on the first layer after a convolution (and its "
                        + "batch normalisation and pooling) or a dense layer (and its batch normalisation), as that "
                        + "layer's output dropout");
            }
        }
        return new Mapping(spec, blocks(layers, spec));
    }

    /** @return the DL4J layers each paper layer spans, from the spec: they follow one another in order */
    private static LayerBlocks blocks(List<Layer> layers, NetworkSpec spec) {
        LayerBlocks.Recorder recorder = new LayerBlocks.Recorder();
        int i = 0;
        for (int n = 1; n <= spec.layerCount(); n++) {
            var layer = spec.layer(n);
            int span = 1;
            if (layer instanceof org.transferable.spec.ConvolutionLayer conv) {
                span += (conv.batchNorm() ? 2 : 0) + (conv.pooling() instanceof Pooling.None ? 0 : 1);
            } else if (layer instanceof org.transferable.spec.DenseLayer dense) {
                span += dense.batchNorm() ? 2 : 0;
            }
            for (int k = 0; k < span; k++) {
                recorder.add();
            }
            recorder.endBlock();
            i += span;
        }
        if (i != layers.size()) {
            throw new IllegalStateException("mapped " + i + " of the DL4J network's " + layers.size() + " layers");
        }
        return recorder.build();
    }

    /**
     * @return whether layer i (with identity activation) is followed by batch norm and an activation layer; false
     *     for a layer with its own activation and no batch norm after it
     */
    private static boolean batchNormFollows(List<Layer> layers, int i, BaseLayer layer) {
        boolean identity = layer.getActivationFn() instanceof ActivationIdentity;
        boolean normNext = i + 1 < layers.size() && layers.get(i + 1) instanceof BatchNormalization;
        boolean normFollows = normNext && i + 2 < layers.size() && layers.get(i + 2) instanceof ActivationLayer act
                && activation(act.getActivationFn()) != null;
        if (!normNext && activation(layer.getActivationFn()) != null) {
            return false;
        }
        if (identity && normFollows) {
            BatchNormalization norm = (BatchNormalization) layers.get(i + 1);
            check(i + 1, norm, !norm.isUseLogStd(), "batch normalisation storing its variance (useLogStd(false))");
            return true;
        }
        throw unsupported(i, layers.get(i), "its activation must be ReLU, LeakyReLU (alpha 0.01), tanh, sigmoid or "
                + "identity, or identity followed by BatchNormalization and an ActivationLayer with one of them; got "
                + layer.getActivationFn());
    }

    /** @return the activation of the paper layer that starts at layer i: its own, or its activation layer's */
    private static Activation activation(List<Layer> layers, int i, boolean batchNorm) {
        IActivation function = batchNorm ? ((ActivationLayer) layers.get(i + 2)).getActivationFn()
                : ((BaseLayer) layers.get(i)).getActivationFn();
        return activation(function);
    }

    /** @return the spec's activation for DL4J's, or null where the spec has none */
    private static Activation activation(IActivation function) {
        if (function instanceof ActivationReLU) {
            return Activation.RELU;
        }
        if (function instanceof ActivationLReLU leaky && leaky.getAlpha() == Activation.LEAKY_SLOPE) {
            return Activation.LEAKY_RELU;
        }
        if (function instanceof ActivationTanH) {
            return Activation.TANH;
        }
        if (function instanceof ActivationSigmoid) {
            return Activation.SIGMOID;
        }
        return function instanceof ActivationIdentity ? Activation.IDENTITY : null;
    }

    /**
     * @return the height and width of layer {@code index}'s input, as DL4J infers them from the network's input; -1
     *     each where it cannot
     */
    private static int[] sides(MultiLayerNetwork network, InputShape input, int index) {
        if (index == 0) {
            return new int[] {input.height(), input.width()};
        }
        InputType type;
        try {
            type = network.getLayerWiseConfigurations().getLayerActivationTypes(
                    InputType.convolutional(input.height(), input.width(), input.channels())).get(index - 1);
        } catch (RuntimeException e) {
            return new int[] {-1, -1};    // DL4J cannot infer them: only a pooling that never pads is accepted
        }
        return type instanceof InputType.InputTypeConvolutional conv
                ? new int[] {(int) conv.getHeight(), (int) conv.getWidth()} : new int[] {-1, -1};
    }

    /**
     * @param sides the pooling's input height and width
     * @return the pooling of a subsampling layer: square max or average pooling that pads nothing (in Truncate or
     *     Strict mode, or in Same mode where the windows tile the input exactly)
     */
    private static Pooling pooling(int index, SubsamplingLayer pool, int[] sides) {
        int size = pool.getKernelSize()[0];
        int stride = pool.getStride()[0];
        boolean noModePadding = pool.getConvolutionMode() == ConvolutionMode.Truncate
                || pool.getConvolutionMode() == ConvolutionMode.Strict
                || pool.getConvolutionMode() == ConvolutionMode.Same && sides[0] > 0
                        && PaddingMode.sameTotal(sides[0], size, stride) == 0
                        && PaddingMode.sameTotal(sides[1], size, stride) == 0;
        check(index, pool, (pool.getPoolingType() == PoolingType.MAX || pool.getPoolingType() == PoolingType.AVG)
                && size == pool.getKernelSize()[1]
                && stride == pool.getStride()[1] && pool.getPadding()[0] == 0
                && pool.getPadding()[1] == 0 && pool.getDilation()[0] == 1 && pool.getDilation()[1] == 1
                && noModePadding,
                "square max or average pooling that pads nothing: no padding, in Truncate or Strict mode, or in Same "
                        + "mode where its windows tile its " + sides[0] + "x" + sides[1] + " input exactly");
        return pool.getPoolingType() == PoolingType.MAX ? Pooling.max(size, stride) : Pooling.average(size, stride);
    }

    /**
     * @return the dropout on the input of layer {@code next}, the output dropout of the paper layer before it (0 when
     *     there is no next layer); marks it as taken
     */
    private static double outputDropout(List<Layer> layers, int next, boolean[] taken) {
        if (next >= layers.size()) {
            return 0.0;
        }
        taken[next] = true;
        return inputDropout(next, layers.get(next));
    }

    private static double inputDropout(int index, Layer layer) {
        IDropout dropout = layer.getIDropout();
        if (dropout == null) {
            return 0.0;
        }
        if (dropout instanceof Dropout plain) {
            // DL4J's p is the probability of keeping a value; 1 - p in decimal, so that dropOut(0.8) is 0.2, not
            // 0.19999999999999996
            return BigDecimal.ONE.subtract(BigDecimal.valueOf(plain.getP())).doubleValue();
        }
        throw unsupported(index, layer, "only plain Dropout is supported, got " + dropout.getClass().getSimpleName());
    }

    private static void check(int index, Layer layer, boolean ok, String expected) {
        if (!ok) {
            throw unsupported(index, layer, "expected " + expected);
        }
    }

    private static String name(Layer layer, String fallback) {
        return layer.getLayerName() == null || layer.getLayerName().isBlank() || layer.getLayerName().matches(
                "layer[0-9]+") ? fallback : layer.getLayerName();
    }

    private static IllegalArgumentException unsupported(int index, Layer layer, String why) {
        return new IllegalArgumentException("layer " + index + " of the DL4J network (" + layer.getClass()
                .getSimpleName() + (layer.getLayerName() == null ? "" : " '" + layer.getLayerName() + "'") + ") "
                + "cannot be imported: " + why + "; " + SUPPORTED);
    }
}
