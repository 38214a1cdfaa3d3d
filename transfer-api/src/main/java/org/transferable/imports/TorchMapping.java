package org.transferable.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.transferable.spec.Activation;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.LayerSpec;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.PaddingMode;
import org.transferable.spec.Pooling;

/**
 * How the modules of a described {@code nn.Sequential} make a {@link NetworkSpec}, and which of their tensors fill
 * each paper layer. A convolution block is {@code Conv2d [BatchNorm2d] [activation] [MaxPool2d or AvgPool2d]
 * [Dropout]} (or {@code MaxPool2d} before a {@code ReLU}, which gives the same values since max pooling and ReLU
 * commute), its {@code padding='same'} same padding ({@link PaddingMode#SAME}) and {@code 'valid'} explicit 0; one
 * {@code Flatten} comes before the first {@code Linear}; a dense block is {@code Linear [BatchNorm1d] [activation]
 * [Dropout]}; a {@code Dropout} is the output dropout of the layer it ends; the last {@code Linear} is the output
 * layer, optionally followed by {@code Softmax} or {@code LogSoftmax}, which only rescale the logits. The
 * activation is {@code ReLU}, {@code LeakyReLU} (negative slope 0.01), {@code Tanh}, {@code Sigmoid} or
 * {@code Identity}; a block without one has the identity.
 *
 * @param spec the architecture
 * @param layers for each paper layer (layer 1 first), the tensors that fill it
 * @param output the last {@code Linear}
 */
record TorchMapping(NetworkSpec spec, List<List<Binding>> layers, TorchModule output) {
    /** Both backends' batch-normalisation epsilon. */
    static final double EPSILON = 1e-5;

    /**
     * One tensor of a paper layer and where it comes from.
     *
     * @param module the module that holds it
     * @param tensor its name in the module, e.g. {@code running_var}
     * @param neutral its neutral name, e.g. {@code variance}
     * @param transposed whether PyTorch stores it transposed ({@code Linear.weight} is [out, in])
     */
    record Binding(TorchModule module, String tensor, String neutral, boolean transposed) {
    }

    /**
     * Maps the modules.
     *
     * @throws IllegalArgumentException naming the first module that has no counterpart, or one that does not fit
     *     its input
     */
    static TorchMapping map(TorchDescription description) {
        List<TorchModule> modules = description.modules();
        NetworkSpec.Builder builder = NetworkSpec.builder("torch-import", description.input());
        List<List<Binding>> layers = new ArrayList<>();
        boolean flattened = false;
        int i = 0;
        while (i < modules.size()) {
            TorchModule module = modules.get(i);
            String name = "layer" + (layers.size() + 1);
            List<Binding> tensors = new ArrayList<>();
            switch (module.type()) {
                case "Conv2d" -> {
                    if (flattened) {
                        throw module.unsupported("a Conv2d after Flatten has no counterpart: convolutions come "
                                + "first");
                    }
                    checkConvolution(module);
                    tensors.add(new Binding(module, "weight", "weight", false));
                    tensors.add(new Binding(module, "bias", "bias", false));
                    int next = i + 1;
                    boolean batchNorm = next < modules.size() && modules.get(next).is("BatchNorm2d");
                    if (batchNorm) {
                        batchNorm(modules.get(next), module.integer("out_channels"), tensors);
                        next++;
                    }
                    Pooling pooling = Pooling.none();
                    Activation activation;
                    if (next + 1 < modules.size() && modules.get(next).is("MaxPool2d")
                            && modules.get(next + 1).is("ReLU")) {
                        pooling = pooling(modules.get(next));
                        activation = Activation.RELU;
                        next += 2;
                    } else {
                        activation = activation(modules, next, module);
                        next += activation(modules, next) == null ? 0 : 1;
                        if (next < modules.size() && isPooling(modules.get(next))) {
                            pooling = pooling(modules.get(next++));
                        }
                    }
                    double dropout = dropout(modules, next);
                    next += next < modules.size() && modules.get(next).is("Dropout") ? 1 : 0;
                    // checked: 'same' (stride 1) or 'valid' (explicit 0), else an integer or a pair
                    boolean named = module.arguments().path("padding").isTextual();
                    PaddingMode mode = named && module.text("padding", "").equals("same") ? PaddingMode.SAME
                            : PaddingMode.EXPLICIT;
                    int padding = named ? 0 : module.square("padding");
                    Pooling after = pooling;
                    Activation act = activation;
                    builder = add(builder, module, () -> new ConvolutionLayer(name, module.integer("out_channels"),
                            module.square("kernel_size"), module.square("stride"), padding, batchNorm, after, act,
                            mode, dropout));
                    i = next;
                }
                case "Flatten" -> {
                    if (flattened) {
                        throw module.unsupported("Flatten is supported once, before the first Linear");
                    }
                    module.require(module.integer("start_dim") == 1 && module.integer("end_dim") == -1,
                            "Flatten(start_dim=1, end_dim=-1)");
                    flattened = true;
                    i++;
                }
                case "Linear" -> {
                    if (!flattened) {
                        throw module.unsupported("a Linear needs a Flatten before it (PyTorch's Linear acts on the "
                                + "last dimension of an image)");
                    }
                    module.require(module.flag("bias"), "a Linear with a bias");
                    tensors.add(new Binding(module, "weight", "weight", true));
                    tensors.add(new Binding(module, "bias", "bias", false));
                    if (isOutput(modules, i)) {
                        layers.add(tensors);
                        return new TorchMapping(output(builder, module, name), layers, module);
                    }
                    int next = i + 1;
                    boolean batchNorm = next < modules.size() && modules.get(next).is("BatchNorm1d");
                    if (batchNorm) {
                        batchNorm(modules.get(next), module.integer("out_features"), tensors);
                        next++;
                    }
                    Activation activation = activation(modules, next, module);
                    next += activation(modules, next) == null ? 0 : 1;
                    double p = dropout(modules, next);
                    next += next < modules.size() && modules.get(next).is("Dropout") ? 1 : 0;
                    builder = add(builder, module, () -> new DenseLayer(name, module.integer("out_features"), p,
                            batchNorm, activation));
                    i = next;
                }
                default -> throw misplaced(module);
            }
            if (!tensors.isEmpty()) {
                layers.add(tensors);
            }
        }
        TorchModule last = modules.get(modules.size() - 1);
        throw new IllegalArgumentException("the PyTorch network must end with a Linear (its output layer), "
                + "optionally followed by Softmax or LogSoftmax; its last module is module " + last.index() + " ("
                + last.describe() + "); " + TorchModule.SUPPORTED);
    }

    private static void checkConvolution(TorchModule conv) {
        conv.square("kernel_size");
        conv.square("stride");
        JsonNode padding = conv.arguments().path("padding");
        if (padding.isTextual()) {
            conv.require(padding.asText().equals("same") || padding.asText().equals("valid"),
                    "padding 'same', 'valid', an integer or a pair, got '" + padding.asText() + "'");
            conv.require(!padding.asText().equals("same") || conv.square("stride") == 1,
                    "stride 1 with padding='same', as PyTorch allows");
        } else {
            conv.square("padding");
        }
        conv.require(conv.square("dilation") == 1, "no dilation");
        conv.require(conv.integer("groups") == 1, "groups=1");
        conv.require(conv.text("padding_mode", "zeros").equals("zeros"), "padding_mode 'zeros'");
        conv.require(conv.flag("bias"), "a Conv2d with a bias");
    }

    private static void batchNorm(TorchModule norm, int width, List<Binding> tensors) {
        norm.require(norm.integer("num_features") == width, "num_features " + width + " as the layer before has");
        norm.require(norm.flag("affine") && norm.flag("track_running_stats"),
                "affine=True and track_running_stats=True");
        norm.require(Math.abs(norm.number("eps") - EPSILON) <= 1e-12, "eps 1e-5, which both backends use; got "
                + norm.number("eps"));
        tensors.add(new Binding(norm, "weight", "gamma", false));
        tensors.add(new Binding(norm, "bias", "beta", false));
        tensors.add(new Binding(norm, "running_mean", "mean", false));
        tensors.add(new Binding(norm, "running_var", "variance", false));
    }

    /**
     * @return the probability of the {@code Dropout} at {@code at}, the output dropout of the layer before it; 0 when
     *     there is none there
     */
    private static double dropout(List<TorchModule> modules, int at) {
        if (at >= modules.size() || !modules.get(at).is("Dropout")) {
            return 0.0;
        }
        TorchModule dropout = modules.get(at);
        double p = dropout.number("p");
        dropout.require(p >= 0.0 && p < 1.0, "a dropout probability in [0, 1)");
        return p;
    }

    private static boolean isPooling(TorchModule module) {
        return module.is("MaxPool2d") || module.is("AvgPool2d");
    }

    private static Pooling pooling(TorchModule pool) {
        int size = pool.square("kernel_size");
        int stride = pool.arguments().path("stride").isNull() ? size : pool.square("stride");
        if (pool.is("AvgPool2d")) {
            // with no padding count_include_pad changes nothing: every window is whole
            pool.require(pool.square("padding") == 0 && !pool.flag("ceil_mode")
                    && pool.arguments().path("divisor_override").isNull(),
                    "average pooling without padding, in floor mode (ceil_mode=False), without divisor_override");
            return Pooling.average(size, stride);
        }
        pool.require(pool.square("padding") == 0 && pool.square("dilation") == 1 && !pool.flag("ceil_mode"),
                "max pooling without padding or dilation, in floor mode (ceil_mode=False)");
        return Pooling.max(size, stride);
    }

    /**
     * The activation of {@code owner}, the module at {@code at}: identity when there is none there.
     *
     * @throws IllegalArgumentException for a hidden layer that ends the network, or a LeakyReLU of another slope
     */
    private static Activation activation(List<TorchModule> modules, int at, TorchModule owner) {
        if (at >= modules.size()) {
            throw owner.unsupported("a hidden " + owner.type() + " cannot end the network (the last module is the "
                    + "output Linear)");
        }
        Activation activation = activation(modules, at);
        if (activation == Activation.LEAKY_RELU) {
            TorchModule leaky = modules.get(at);
            leaky.require(Math.abs(leaky.number("negative_slope") - Activation.LEAKY_SLOPE) <= 1e-12,
                    "negative_slope 0.01 (PyTorch's default, as the spec's leaky ReLU), got "
                            + leaky.number("negative_slope"));
        }
        return activation == null ? Activation.IDENTITY : activation;
    }

    /** @return the activation the module at {@code at} is, or null when it is none */
    private static Activation activation(List<TorchModule> modules, int at) {
        if (at >= modules.size()) {
            return null;
        }
        return switch (modules.get(at).type()) {
            case "ReLU" -> Activation.RELU;
            case "LeakyReLU" -> Activation.LEAKY_RELU;
            case "Tanh" -> Activation.TANH;
            case "Sigmoid" -> Activation.SIGMOID;
            case "Identity" -> Activation.IDENTITY;
            default -> null;
        };
    }

    /** @return whether the Linear at {@code i} is the last module, or followed only by a softmax */
    private static boolean isOutput(List<TorchModule> modules, int i) {
        if (i == modules.size() - 1) {
            return true;
        }
        TorchModule next = modules.get(i + 1);
        if (i == modules.size() - 2 && (next.is("Softmax") || next.is("LogSoftmax"))) {
            int dim = next.integer("dim");
            next.require(dim == 1 || dim == -1, "the softmax over the classes (dim=1 or dim=-1)");
            return true;
        }
        return false;
    }

    private static IllegalArgumentException misplaced(TorchModule module) {
        return switch (module.type()) {
            case "ReLU", "LeakyReLU", "Tanh", "Sigmoid", "Identity" -> module.unsupported("an activation is "
                    + "supported only after a Conv2d or Linear (and its batch normalisation), one per layer");
            case "BatchNorm2d", "BatchNorm1d" -> module.unsupported("batch normalisation is supported only right "
                    + "after a Conv2d or Linear, before its ReLU (a NetworkSpec normalises before the activation)");
            case "MaxPool2d", "AvgPool2d" -> module.unsupported("pooling is supported only after a Conv2d (and its "
                    + "batch normalisation and activation), once per layer, before its Dropout");
            case "Dropout" -> module.unsupported("dropout is supported only once per layer, last: after a Linear "
                    + "(and its batch normalisation and activation) or after a Conv2d (and its batch normalisation, "
                    + "activation and pooling)");
            case "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout" -> module.unsupported(
                    module.type() + " has no counterpart: it drops whole channels or keeps a self-normalising "
                    + "network's statistics, while a NetworkSpec's dropout zeroes single values and scales the rest "
                    + "(use Dropout)");
            case "Softmax", "LogSoftmax" -> module.unsupported("a softmax is supported only last, after the output "
                    + "Linear");
            default -> module.unsupported("it has no counterpart in a NetworkSpec");
        };
    }

    private static NetworkSpec.Builder add(NetworkSpec.Builder builder, TorchModule module,
            Supplier<LayerSpec> layer) {
        try {
            return builder.layer(layer.get());
        } catch (IllegalArgumentException e) {
            throw module.unsupported("it does not fit its input: " + e.getMessage());
        }
    }

    private static NetworkSpec output(NetworkSpec.Builder builder, TorchModule module, String name) {
        try {
            return builder.output(name);
        } catch (IllegalArgumentException e) {
            throw module.unsupported("it does not fit its input: " + e.getMessage());
        }
    }
}
