package org.transferable.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transferable.network.Backend;
import org.transferable.network.Network;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.ParameterLayout;
import org.transferable.weights.Tensor;

/**
 * Imports a PyTorch {@code nn.Sequential} as a {@link Network} of any backend, from two files: its
 * {@code state_dict} in the safetensors format ({@code safetensors.torch.save_file(model.state_dict(), path)}) and a
 * small JSON description of its modules in order with their constructor arguments (see {@code make_fixture.py}
 * beside {@code ImportFromTorchTest}, whose {@code describe} function writes it). The modules are mapped to a
 * {@link NetworkSpec}, and every tensor is found by its {@code state_dict} key (the module's name, a dot, the
 * tensor's) and checked against the shape that spec needs; {@code Linear.weight} ([out, in]) is transposed to the
 * neutral [in, out], batch normalisation's {@code weight}, {@code bias}, {@code running_mean} and
 * {@code running_var} become gamma, beta, mean and variance, and {@code num_batches_tracked} is ignored. Needs no
 * engine and no Python.
 *
 * <p><b>Why not TorchScript.</b> A TorchScript file loaded through DJL runs as one opaque block: its parameters come
 * back by name, but not the module kinds, their order or their arguments (stride, padding, pooling, batch
 * normalisation's epsilon), which scripting keeps only as code and tracing inlines into a graph of operators. Java
 * cannot map that to a {@code NetworkSpec} reliably, so the structure travels as JSON beside the values.
 *
 * <p>Supported, in order (the vocabulary of a {@code NetworkSpec} today):
 *
 * <ul>
 *   <li>{@code Conv2d} (square kernel and stride; square padding, {@code padding='valid'} or, at stride 1,
 *   {@code padding='same'}, which pads the odd zero of an even kernel below and right, as the spec's same padding;
 *   {@code padding_mode='zeros'}, no dilation, groups 1, with a bias) [+ {@code BatchNorm2d}] [+ activation]
 *   [+ {@code MaxPool2d} (square, no padding or dilation, floor mode) or {@code AvgPool2d} (square, no padding, floor
 *   mode, no {@code divisor_override})] [+ {@code Dropout}, the convolution's output dropout]; a {@code MaxPool2d} may
 *   also come before a {@code ReLU}, which gives the same values;</li>
 *   <li>one {@code Flatten} (start_dim 1) before the first {@code Linear};</li>
 *   <li>{@code Linear} (with a bias) [+ {@code BatchNorm1d}] [+ activation] [+ {@code Dropout}, the dense layer's
 *   output dropout];</li>
 *   <li>the last module: a {@code Linear}, the output layer, optionally followed by {@code Softmax} or
 *   {@code LogSoftmax} (the network's outputs are logits; both backends apply the softmax).</li>
 * </ul>
 *
 * An activation is {@code ReLU}, {@code LeakyReLU} (negative_slope 0.01), {@code Tanh}, {@code Sigmoid} or
 * {@code Identity}; a layer without one has the identity. Batch normalisation must come right after its
 * {@code Conv2d} or {@code Linear}, before the activation, with {@code eps=1e-5}, {@code affine=True} and
 * {@code track_running_stats=True}. {@code Dropout2d} (and the other channel-wise or alpha dropouts) is refused:
 * it drops whole channels, a spec's dropout single values. Any other module, or one in another place, is refused
 * naming its index and kind, e.g. {@code module 1 of the PyTorch network (LeakyReLU) cannot be imported: expected
 * negative_slope 0.01 (...), got 0.2; supported: ...}. The imported network's provenance says where it came from:
 * the file and the torch version the description gives.
 */
public final class TorchImport {
    private TorchImport() {
    }

    /**
     * Imports a network.
     *
     * @param safetensors the {@code state_dict}, float32 tensors in the safetensors format
     * @param moduleJson the description of the Sequential's modules and input shape
     * @param task the name of the task its output classifies
     * @param classNames the classes, index = output unit
     * @param backend the backend the imported network runs on
     * @return the network
     * @throws NoSuchFileException when a file does not exist
     * @throws org.transferable.weights.WeightsFormatException when the safetensors file is malformed or holds a
     *     tensor that is not float32
     * @throws IllegalArgumentException naming the first module that has no counterpart, a tensor that is missing or
     *     of the wrong shape, a tensor no module uses, or an output width other than the number of class names
     */
    public static Network load(Path safetensors, Path moduleJson, String task, List<String> classNames,
            Backend backend) throws IOException {
        for (Path file : List.of(safetensors, moduleJson)) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, file == safetensors
                        ? "no PyTorch state_dict file" : "no PyTorch module description");
            }
        }
        TorchDescription description = TorchDescription.read(moduleJson);
        TorchMapping mapping = TorchMapping.map(description);
        int classes = mapping.output().integer("out_features");
        if (classes != classNames.size()) {
            throw new IllegalArgumentException("the PyTorch network's last Linear (module " + mapping.output()
                    .index() + ") has " + classes + " outputs but " + classNames.size() + " class names were given "
                    + classNames);
        }
        NetworkWeights weights = weights(mapping, StateDict.read(safetensors), safetensors, classes);
        return backend.imported(mapping.spec(), weights, task, classNames, "imported from PyTorch "
                + safetensors.toAbsolutePath() + " (torch " + description.torchVersion() + ")");
    }

    private static NetworkWeights weights(TorchMapping mapping, Map<String, Tensor> stateDict, Path file,
            int classes) {
        NetworkSpec spec = mapping.spec();
        ParameterLayout layout = ParameterLayout.of(spec, classes);
        List<InputShape> hidden = spec.hiddenShapes();
        Map<String, Tensor> unused = new LinkedHashMap<>(stateDict);
        List<LayerWeights> layers = new ArrayList<>();
        for (int n = 1; n <= spec.layerCount(); n++) {
            InputShape input = n == 1 ? spec.input() : hidden.get(n - 2);
            List<Tensor> tensors = new ArrayList<>();
            for (TorchMapping.Binding binding : mapping.layers().get(n - 1)) {
                TorchModule module = binding.module();
                String key = module.key(binding.tensor());
                Tensor tensor = unused.remove(key);
                if (tensor == null) {
                    throw new IllegalArgumentException("module " + module.index() + " of the PyTorch network ("
                            + module.describe() + ") needs tensor " + key + " but " + file + " has none; it has "
                            + stateDict.keySet());
                }
                List<Integer> neutral = layout.layer(n).stream().filter(s -> s.name().equals(binding.neutral()))
                        .findFirst().orElseThrow().shape();
                List<Integer> expected = binding.transposed() ? List.of(neutral.get(1), neutral.get(0)) : neutral;
                if (!tensor.shape().equals(expected)) {
                    throw new IllegalArgumentException("module " + module.index() + " of the PyTorch network ("
                            + module.describe() + ") on input " + input + " needs tensor " + key + " of shape "
                            + expected + " but " + file.getFileName() + " has " + tensor.shape());
                }
                tensors.add(new Tensor(binding.neutral(), neutral, binding.transposed()
                        ? transpose(tensor.values(), expected.get(0), expected.get(1)) : tensor.values()));
            }
            layers.add(new LayerWeights(spec.layer(n).name(), tensors));
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(file + " has tensors that no module of the description holds: "
                    + unused.keySet());
        }
        return new NetworkWeights(layers);
    }

    /** @return the [columns, rows] transpose of a row-major [rows, columns] matrix */
    private static float[] transpose(float[] values, int rows, int columns) {
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                out[c * rows + r] = values[r * columns + c];
            }
        }
        return out;
    }
}
