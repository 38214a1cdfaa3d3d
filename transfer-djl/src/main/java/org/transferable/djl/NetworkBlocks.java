package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.transferable.engine.LayerTraining;
import org.transferable.engine.ModelRequest;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.LayerSpec;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.ParameterLayout;
import org.transferable.weights.Tensor;

/**
 * Layers {@code first..L} of a spec built as DJL blocks, holding given weights, for one training run or one
 * evaluation; it owns the native memory of its parameters and frees it on {@link #close()}.
 *
 * <p>Paper layer n is one {@link SequentialBlock}: for a convolution with ReLU {@code Conv2d [BatchNorm] [MaxPool]
 * ReLU} (or {@code ReLU AvgPool}), with another activation {@code Conv2d [BatchNorm] activation [MaxPool or
 * AvgPool]}, for a dense layer {@code [flatten] Linear [BatchNorm] activation}, for the output
 * {@code [flatten] Linear} (logits; the softmax is in the loss and in evaluation). A convolution with same padding
 * whose total is odd ({@link ConvolutionLayer#paddingAfter} one more than {@link ConvolutionLayer#paddingBefore})
 * starts with a zero pad of one row below and one column right of its input, then pads symmetrically in the
 * {@code Conv2d}. A hidden layer's dropout (dense, or convolution after its pooling) is applied
 * to its output at the start of the next layer's block, as DL4J applies it at the input of the next layer; so
 * dropout between two frozen layers is off and dropout on the last frozen layer's output is on (see the package
 * documentation).
 *
 * <p>Each layer trains as its {@link LayerTraining} says: a parameter whose rate multiple is 0 is frozen
 * ({@link Parameter#freeze(boolean)}: no gradient, so the solver never sees it), and a layer not in training mode runs
 * in inference mode: batch normalisation uses its running statistics and does not update them. A frozen layer is
 * both. {@link #configure} changes them between phases of a policy. With {@code first > 1} the first block takes
 * the outputs of layer {@code first - 1} and starts with that layer's dropout.
 */
final class NetworkBlocks implements AutoCloseable {
    /**
     * One tensor of the neutral weights bound to the DJL parameter that holds it.
     *
     * @param slot the neutral tensor
     * @param parameter the DJL parameter
     * @param transposed whether DJL's layout is the transpose of the neutral one (a {@code Linear} weight is
     *     [out, in], the neutral dense weight [in, out])
     * @param paddedRows the DJL parameter's first dimension when a convolution's filters are padded with zero
     *     filters (see {@link #build}), else the neutral tensor's
     */
    record Binding(ParameterLayout.Slot slot, Parameter parameter, boolean transposed, int paddedRows,
            int paddedInputs) {
        /** @return the DJL parameter's values: the neutral tensor's, with zeros for padded filters and inputs */
        float[] pad(float[] values) {
            List<Integer> shape = slot.shape();
            int rows = shape.get(0);
            int inputs = shape.size() == 4 ? shape.get(1) : 1;
            if (paddedRows == rows && paddedInputs == inputs) {
                return values;
            }
            int kernel = values.length / (rows * inputs);
            float[] out = new float[paddedRows * paddedInputs * kernel];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(values, r * inputs * kernel, out, r * paddedInputs * kernel, inputs * kernel);
            }
            return out;
        }

        /** @return the neutral tensor's values out of the DJL parameter's: the real filters' real inputs */
        float[] unpad(float[] values) {
            List<Integer> shape = slot.shape();
            int rows = shape.get(0);
            int inputs = shape.size() == 4 ? shape.get(1) : 1;
            if (paddedRows == rows && paddedInputs == inputs) {
                return values;
            }
            int kernel = values.length / (paddedRows * paddedInputs);
            float[] out = new float[rows * inputs * kernel];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(values, r * paddedInputs * kernel, out, r * inputs * kernel, inputs * kernel);
            }
            return out;
        }
    }

    private final NDManager manager;
    private final ModelRequest request;
    private final List<Block> layers;
    private final List<List<Binding>> bindings;
    private final ParameterStore store;
    private final Map<Binding, NDArray> starts = new IdentityHashMap<>();
    private List<LayerTraining> training;

    private NetworkBlocks(NDManager manager, ModelRequest request, List<Block> layers, List<List<Binding>> bindings) {
        this.manager = manager;
        this.request = request;
        this.layers = layers;
        this.bindings = bindings;
        this.store = new ParameterStore(manager, false);
        for (int n = request.first(); n <= request.spec().layerCount(); n++) {
            if (request.training(n).towardStart()) {
                for (Binding binding : bindings(n)) {
                    if (binding.slot().role() == ParameterLayout.Role.WEIGHT) {
                        starts.put(binding, binding.parameter().getArray().duplicate());
                    }
                }
            }
        }
        configure(request.training());
    }

    /**
     * Sets how each layer trains from now on: freezes the parameters whose rate multiple is 0, unfreezes the others.
     *
     * @param value for layers first..L
     * @throws IllegalArgumentException when the count is wrong, or a layer decays toward start values the blocks did
     *     not keep
     */
    void configure(List<LayerTraining> value) {
        List<LayerTraining> checked = request.checkReconfiguration(value);
        boolean trainedBelow = false;
        for (int n = request.first(); n <= request.spec().layerCount(); n++) {
            LayerTraining layer = checked.get(n - request.first());
            // an input needs a gradient when a layer below trains (the model's own inputs never need one); DJL
            // cannot tell from the array, whose hasGradient() is false for every result of an operation
            for (PaddedFilters padded : paddedFilters(n)) {
                padded.inputNeedsGradient(trainedBelow);
            }
            for (Binding binding : bindings(n)) {
                if (binding.slot().trained()) {
                    boolean frozen = layer.rate(binding.slot().role()) == 0;
                    binding.parameter().freeze(frozen);
                    trainedBelow |= !frozen;
                }
            }
        }
        this.training = checked;
    }

    /** @return the convolutions with padded filters of layer n (of the whole network), none or one */
    List<PaddedFilters> paddedFilters(int n) {
        return layers.get(n - request.first()).getChildren().values().stream()
                .filter(PaddedFilters.class::isInstance).map(PaddedFilters.class::cast).toList();
    }

    /** @return how layer n (of the whole network, in [first, L]) trains now */
    LayerTraining training(int n) {
        return training.get(n - request.first());
    }

    /** @return the parameters of layer n (of the whole network) */
    List<Binding> bindings(int n) {
        return bindings.get(n - request.first());
    }

    /** @return a weight's value when the blocks were built, or null when its layer does not decay toward it */
    NDArray start(Binding binding) {
        return starts.get(binding);
    }

    /**
     * Builds the blocks and copies the weights in.
     *
     * <p>With {@code padTo > 1}, a convolution whose filter count is not a multiple of {@code padTo} is built with
     * zero filters added up to the next multiple, and its output sliced back to the real channels before anything
     * else sees it ({@link PaddedFilters}, which runs only the real filters where that gives the same numbers); one
     * with more than {@code padTo} input channels, not a multiple of it, gets zero channels
     * appended to its input and zero weights for them. That is the engine configuration that works around oneDNN's
     * faulty kernels for such channel counts ({@link DjlEngine}). The added weights get zero gradients (their
     * outputs are cut off, their inputs are zero), so they stay zero, and they are never exported.
     *
     * @param request the layers, their values (from any backend; checked against the layout) and modes
     * @param dropout the generator the dropout blocks draw from
     * @param padTo the multiple convolution filters are padded to; 1 for none
     * @return the blocks, to be closed by the caller
     * @throws IllegalArgumentException when the weights do not fit the layout
     */
    static NetworkBlocks build(ModelRequest request, SplittableRandom dropout, int padTo) {
        return build(request, dropout, padTo, false);
    }

    /**
     * Builds the blocks, as {@link #build(ModelRequest, SplittableRandom, int)}.
     *
     * @param poolChannelsLast whether max pooling of default-layout arrays runs through PyTorch's channels-last
     *     kernel ({@link #maxPoolChannelsLast}); for models whose inputs are not already channels-last
     * @return the blocks
     */
    static NetworkBlocks build(ModelRequest request, SplittableRandom dropout, int padTo, boolean poolChannelsLast) {
        NetworkSpec spec = request.spec();
        ParameterLayout layout = request.layout();
        NDManager manager = DjlEngine.pytorch().newBaseManager();
        try {
            List<Block> layers = new ArrayList<>();
            List<List<Binding>> bindings = new ArrayList<>();
            Shape shape = new Shape(inputShape(spec, request.first(), 1));
            for (int n = request.first(); n <= spec.layerCount(); n++) {
                LayerSpec layer = spec.layer(n);
                SequentialBlock block = new SequentialBlock();
                double dropoutBefore = n > 1 ? spec.layer(n - 1).outputDropout() : 0.0;
                if (dropoutBefore > 0.0) {
                    block.add(new SeededDropout((float) dropoutBefore, dropout));
                }
                List<Tensor> values = layout.fit(n, request.weights(n));
                int rows = layer instanceof ConvolutionLayer conv ? roundUp(conv.filters(), padTo) : 0;
                int channels = n == 1 ? spec.input().channels() : spec.hiddenShapes().get(n - 2).channels();
                int inputs = layer instanceof ConvolutionLayer && channels > padTo ? roundUp(channels, padTo)
                        : channels;
                List<Block> holders = addLayer(block, layer, n, spec, layout.layer(n), rows, channels, inputs,
                        poolChannelsLast);
                List<Binding> bound = bind(layout.layer(n), holders, rows, inputs);
                for (int i = 0; i < bound.size(); i++) {
                    bound.get(i).parameter().setInitializer(initializer(bound.get(i), values.get(i)));
                }
                block.initialize(manager, DataType.FLOAT32, shape);
                shape = block.getOutputShapes(new Shape[] {shape})[0];
                layers.add(block);
                bindings.add(List.copyOf(bound));
            }
            return new NetworkBlocks(manager, request, List.copyOf(layers), List.copyOf(bindings));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * @return the shape of {@code count} inputs of layer n: images, the output of a convolution block
     *     [count, channels, height, width], or of a dense block [count, units]
     */
    static long[] inputShape(NetworkSpec spec, int n, int count) {
        if (n == 1) {
            return new long[] {count, spec.input().channels(), spec.input().height(), spec.input().width()};
        }
        InputShape shape = spec.hiddenShapes().get(n - 2);
        return spec.layer(n - 1) instanceof ConvolutionLayer
                ? new long[] {count, shape.channels(), shape.height(), shape.width()}
                : new long[] {count, shape.size()};
    }

    /** Appends the layer's blocks; returns the blocks that hold its parameters (main, then batch norm). */
    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    private static List<Block> addLayer(SequentialBlock block, LayerSpec layer, int n, NetworkSpec spec,
            List<ParameterLayout.Slot> slots, int paddedFilters, int channels, int paddedInputs,
            boolean poolChannelsLast) {
        List<Block> holders = new ArrayList<>();
        if (layer instanceof ConvolutionLayer conv) {
            if (paddedInputs != channels) {
                int extra = paddedInputs - channels;
                block.add(new LambdaBlock(x -> {
                    NDArray input = x.singletonOrThrow();
                    Shape shape = input.getShape();
                    NDArray zeros = input.getManager().zeros(new Shape(shape.get(0), extra, shape.get(2),
                            shape.get(3)), input.getDataType());
                    return new NDList(input.concat(zeros, 1));
                }, "pad input channels"));
            }
            InputShape in = n == 1 ? spec.input() : spec.hiddenShapes().get(n - 2);
            int top = conv.paddingBefore(in.height());
            int left = conv.paddingBefore(in.width());
            int bottom = conv.paddingAfter(in.height()) - top;
            int right = conv.paddingAfter(in.width()) - left;
            if (bottom > 0 || right > 0) {
                // same padding with an odd total: the convolution pads top and left on both sides, and the extra row
                // and column go below and to the right first (PyTorch's constant pad, which autograd differentiates)
                Shape extra = new Shape(0, right, 0, bottom);
                block.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().pad(extra, 0)),
                        "pad below and right"));
            }
            Conv2d convolution = Conv2d.builder()
                    .setKernelShape(new Shape(conv.kernel(), conv.kernel()))
                    .setFilters(paddedFilters)
                    .optStride(new Shape(conv.stride(), conv.stride()))
                    .optPadding(new Shape(top, left))
                    .build();
            block.add(paddedFilters != conv.filters() ? new PaddedFilters(convolution, conv.filters()) : convolution);
            holders.add(convolution);
            if (conv.batchNorm()) {
                addBatchNorm(block, holders);
            }
            if (conv.activation() != org.transferable.spec.Activation.RELU) {
                // any other activation before the pooling, where the spec puts it: average pooling does not commute
                // with it, and max pooling commutes with a monotone one but would route ties differently
                block.add(activation(conv.activation()));
                addPooling(block, conv.pooling(), poolChannelsLast);
                return holders;
            }
            // ReLU after max pooling, on a quarter of the values: max(relu(x)) = relu(max(x)) exactly, and the
            // gradient is the same too (it reaches the window's maximum when that is positive, nothing otherwise)
            if (conv.pooling() instanceof Pooling.Max max) {
                Shape window = new Shape(max.size(), max.size());
                Shape stride = new Shape(max.stride(), max.stride());
                block.add(poolChannelsLast ? maxPoolChannelsLast(window, stride) : Pool.maxPool2dBlock(window, stride));
                block.add(Activation.reluBlock());
                return holders;
            }
            block.add(Activation.reluBlock());
            addPooling(block, conv.pooling(), poolChannelsLast);
            return holders;
        }
        if (n == 1 || spec.layer(n - 1) instanceof ConvolutionLayer) {
            block.add(Blocks.batchFlattenBlock());
        }
        int units = slots.stream().filter(s -> s.role() == ParameterLayout.Role.BIAS).findFirst().orElseThrow().shape()
                .get(0);
        Block linear = Linear.builder().setUnits(units).build();
        block.add(linear);
        holders.add(linear);
        if (layer instanceof DenseLayer dense) {
            addBatchNormAndActivation(block, holders, dense.batchNorm(), dense.activation());
        }
        return holders;
    }

    /** Appends the pooling that follows a convolution's activation, if any. */
    private static void addPooling(SequentialBlock block, Pooling pooling, boolean poolChannelsLast) {
        if (pooling instanceof Pooling.Max max) {
            Shape window = new Shape(max.size(), max.size());
            Shape stride = new Shape(max.stride(), max.stride());
            block.add(poolChannelsLast ? maxPoolChannelsLast(window, stride) : Pool.maxPool2dBlock(window, stride));
        } else if (pooling instanceof Pooling.Average average) {
            // no padding, so every window is whole and each output is its window's sum over size * size
            block.add(Pool.avgPool2dBlock(new Shape(average.size(), average.size()),
                    new Shape(average.stride(), average.stride())));
        }
    }

    /** @return the block that applies a hidden layer's activation */
    private static Block activation(org.transferable.spec.Activation activation) {
        return switch (activation) {
            case RELU -> Activation.reluBlock();
            case LEAKY_RELU -> Activation.leakyReluBlock((float) org.transferable.spec.Activation.LEAKY_SLOPE);
            case TANH -> Activation.tanhBlock();
            case SIGMOID -> Activation.sigmoidBlock();
            case IDENTITY -> Blocks.identityBlock();
        };
    }

    /**
     * Max pooling of a default-layout array through PyTorch's channels-last kernel: the input copied to
     * {@code [N, H, W, C]} memory, pooled there (vectorised; PyTorch's default-layout kernel is a branching
     * scalar loop, 3.8 ms against 0.24 ms for a {@code [64, 32, 24, 24]} array here), and the output copied
     * back to the default layout, so that the next convolution still runs in the default layout. The same
     * maxima, and the same gradients (each window's maximum gets its output's gradient).
     */
    private static Block maxPoolChannelsLast(Shape window, Shape stride) {
        return new LambdaBlock(x -> {
            NDArray input = x.singletonOrThrow();
            Shape shape = input.getShape();
            long n = shape.get(0);
            long c = shape.get(1);
            long h = shape.get(2);
            long w = shape.get(3);
            NDArray last = input.transpose(0, 2, 3, 1).reshape(n, h, w * c).reshape(n, h, w, c)
                    .transpose(0, 3, 1, 2);
            NDArray pooled = Pool.maxPool2d(last, window, stride, new Shape(0, 0), false);
            return new NDList(pooled.reshape(n, -1).reshape(pooled.getShape()));
        }, "max pooling, channels-last");
    }

    private static void addBatchNormAndActivation(SequentialBlock block, List<Block> holders, boolean batchNorm,
            org.transferable.spec.Activation activation) {
        if (batchNorm) {
            addBatchNorm(block, holders);
        }
        block.add(activation(activation));
    }

    private static void addBatchNorm(SequentialBlock block, List<Block> holders) {
        Block norm = BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
        block.add(norm);
        holders.add(norm);
    }

    private static List<Binding> bind(List<ParameterLayout.Slot> slots, List<Block> holders, int paddedFilters,
            int paddedInputs) {
        List<Binding> bound = new ArrayList<>();
        for (ParameterLayout.Slot slot : slots) {
            boolean norm = slot.role().compareTo(ParameterLayout.Role.GAMMA) >= 0;
            Block holder = holders.get(norm ? 1 : 0);
            String name = switch (slot.role()) {
                case MEAN -> "runningMean";
                case VARIANCE -> "runningVar";
                default -> slot.name();
            };
            boolean convolution = holder instanceof Conv2d;
            boolean weight = slot.role() == ParameterLayout.Role.WEIGHT;
            bound.add(new Binding(slot, holder.getParameters().get(name), holder instanceof Linear && weight,
                    convolution ? paddedFilters : slot.shape().get(0),
                    convolution && weight ? paddedInputs : slot.shape().size() == 4 ? slot.shape().get(1) : 1));
        }
        return bound;
    }

    /** @return an initializer that creates the parameter with the tensor's values, in DJL's layout */
    private static Initializer initializer(Binding binding, Tensor tensor) {
        List<Integer> dims = tensor.shape();
        float[] values = binding.transposed() ? transpose(tensor.values(), dims.get(0), dims.get(1))
                : binding.pad(tensor.values());
        long[] djlDims = dims.stream().mapToLong(Integer::longValue).toArray();
        djlDims[0] = binding.transposed() ? djlDims[0] : binding.paddedRows();
        if (djlDims.length == 4) {
            djlDims[1] = binding.paddedInputs();
        }
        Shape expected = binding.transposed() ? new Shape(dims.get(1), dims.get(0)) : new Shape(djlDims);
        return (manager, shape, dataType) -> {
            if (!shape.equals(expected)) {
                throw new IllegalStateException("DJL shapes " + binding.slot().name() + " as " + shape + ", expected "
                        + expected);
            }
            return manager.create(values, shape);
        };
    }

    /** @return a [columns, rows] copy of a row-major [rows, columns] matrix */
    static float[] transpose(float[] values, int rows, int columns) {
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                out[c * rows + r] = values[r * columns + c];
            }
        }
        return out;
    }

    /**
     * Runs layers from+1..to (the paper's numbering) on the outputs of layer {@code from} (the images for 0);
     * layers not in training mode ({@link LayerTraining#trainingMode()}) run in inference mode whatever
     * {@code training} says.
     *
     * @param input the outputs of layer {@code from}, in this model's input shape when {@code from = first - 1}
     * @param to the last layer to run, in [first, L]
     * @param training whether the trained layers run in training mode (dropout, batch statistics)
     * @return the outputs of layer {@code to} (logits for the output layer), in the input's manager
     */
    NDArray forward(NDArray input, int to, boolean training) {
        NDList x = new NDList(input);
        for (int n = request.first(); n <= to; n++) {
            x = layers.get(n - request.first()).forward(store, x, training && training(n).trainingMode());
        }
        return x.singletonOrThrow();
    }

    /** @return a copy of the current values of layers first..L as neutral weights */
    List<LayerWeights> weights() {
        return read(false);
    }

    /**
     * Reads the gradients of the last backward pass and zeroes them.
     *
     * @return per layer first..L the gradients in the neutral layout; empty for a layer that updates nothing, zero
     *     for a frozen tensor of a layer that updates others
     */
    List<LayerWeights> gradients() {
        return read(true);
    }

    private List<LayerWeights> read(boolean gradients) {
        List<LayerWeights> out = new ArrayList<>();
        for (int n = request.first(); n <= request.spec().layerCount(); n++) {
            List<Tensor> tensors = new ArrayList<>();
            boolean skip = gradients && !training(n).updated();
            for (Binding binding : skip ? List.<Binding>of() : bindings.get(n - request.first())) {
                NDArray array = binding.parameter().getArray();
                float[] values;
                boolean none = !binding.slot().trained() || !binding.parameter().requiresGradient();
                if (gradients && none) {
                    values = new float[binding.slot().size()];
                } else if (gradients) {
                    try (NDArray gradient = array.getGradient()) {
                        values = gradient.toFloatArray();
                        gradient.muli(0);
                    }
                } else {
                    values = array.toFloatArray();
                }
                values = gradients && none ? values : binding.unpad(values);
                List<Integer> shape = binding.slot().shape();
                if (binding.transposed()) {
                    values = transpose(values, shape.get(1), shape.get(0));
                }
                tensors.add(new Tensor(binding.slot().name(), shape, values));
            }
            out.add(new LayerWeights(request.spec().layer(n).name(), tensors));
        }
        return out;
    }

    /** @return what the blocks were built from */
    ModelRequest request() {
        return request;
    }

    /** @return the manager that owns the parameters; per-step arrays go into sub-managers of it */
    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
