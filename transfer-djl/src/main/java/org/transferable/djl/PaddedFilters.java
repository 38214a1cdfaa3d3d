package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A convolution whose parameters hold zero filters beyond its real ones (the padded configuration of
 * {@link NetworkBlocks#build}) and whose output has only the real ones. It runs all filters and drops the padded
 * outputs when its input needs a gradient, because oneDNN's input gradients are wrong for the unpadded filter count
 * on some processors ({@link DjlEngine}). Otherwise it runs only the real filters, sliced out of the parameters,
 * which skips the padded filters' work and the copy that drops their outputs: always when nothing is differentiated
 * (inference, the prefix cache, frozen weights), and in training (the first layer on images, the first trained layer
 * on frozen layers' outputs) only for input shapes where a probe found the weight and bias gradients of the real
 * filters alone equal bit for bit to those of all filters ({@link #slicedGradientsEqual}): oneDNN rounds them
 * differently for some shapes (on an AMD EPYC, Zen 5: 8 input channels and 8 or fewer filters). So the outputs and
 * gradients are always those of all filters, bit for bit ({@code PaddedFiltersTest}); the padded filters' gradients
 * are zero either way.
 */
final class PaddedFilters extends AbstractBlock {
    private final Conv2d convolution;
    private final Parameter weights;
    private final Parameter biases;
    private final int filters;
    /** The index of the real filters in a parameter, {@code :filters}. */
    private final String real;
    /** The index of the real filters' channels in an output, {@code :, :filters}. */
    private final String realChannels;
    /** Per input shape, whether training on inputs without a gradient may slice (see {@link #slicedGradientsEqual}). */
    private final Map<Shape, Boolean> sliceInTraining = new HashMap<>();
    private boolean inputNeedsGradient = true;

    /**
     * @param convolution the convolution with the padded filter count, which holds the parameters
     * @param filters the real filter count, less than the convolution's
     */
    PaddedFilters(Conv2d convolution, int filters) {
        this.convolution = addChildBlock("convolution", convolution);
        this.weights = convolution.getParameters().get("weight");
        this.biases = convolution.getParameters().get("bias");
        this.filters = filters;
        this.real = ":" + filters;
        this.realChannels = ":, " + real;
    }

    /**
     * Says whether the inputs this block gets from now on need a gradient: whether a layer below it trains. DJL
     * cannot tell from an array (its {@code hasGradient()} is false for every result of an operation), so the model
     * sets it whenever it is configured; until then it is true (all filters).
     *
     * @param value whether the input needs a gradient
     */
    void inputNeedsGradient(boolean value) {
        this.inputNeedsGradient = value;
    }

    /** @return whether the inputs need a gradient, as last set */
    boolean inputNeedsGradient() {
        return inputNeedsGradient;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray weight = parameterStore.getValue(weights, input.getDevice(), training);
        NDArray bias = parameterStore.getValue(biases, input.getDevice(), training);
        return runsAllFilters(input, weight, bias) ? all(input, weight, bias) : sliced(input, weight, bias);
    }

    /**
     * @param input the convolution's input
     * @param weight the weights' values
     * @param bias the biases' values
     * @return whether the convolution runs all filters on it: when the input needs a gradient, or when weights or
     *     biases need one and the probe for the input's shape found the sliced gradients different
     */
    boolean runsAllFilters(NDArray input, NDArray weight, NDArray bias) {
        if (!JniUtils.isGradMode()) {
            return false;
        }
        if (inputNeedsGradient) {
            return true;
        }
        if (!weights.requiresGradient() && !biases.requiresGradient()) {
            return false;
        }
        return !sliceInTraining.computeIfAbsent(input.getShape(), s -> slicedGradientsEqual(input, weight, bias));
    }

    /**
     * The probe: the loss {@code sum(outputs * outputs) / 2} on this input, differentiated through copies of the
     * parameters once with all filters and once with the real ones.
     *
     * @return whether the outputs and the weight and bias gradients are the same bit for bit both ways
     */
    private boolean slicedGradientsEqual(NDArray input, NDArray weight, NDArray bias) {
        try (NDManager scope = input.getManager().newSubManager()) {
            NDArray detached = input.stopGradient();
            scope.attachAll(detached);
            float[][] all = probe(scope, detached, weight, bias, false);
            float[][] sliced = probe(scope, detached, weight, bias, true);
            for (int i = 0; i < all.length; i++) {
                if (!Arrays.equals(all[i], sliced[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private float[][] probe(NDManager scope, NDArray input, NDArray weight, NDArray bias, boolean slice) {
        NDArray w;
        NDArray b;
        try (Autograd off = Autograd.off()) {
            // copies outside the graph: the probe's gradients must not reach the parameters
            w = weight.duplicate();
            b = bias.duplicate();
        }
        scope.attachAll(w, b);
        w.setRequiresGradient(true);
        b.setRequiresGradient(true);
        try (Autograd recording = Autograd.recording()) {
            NDArray out = (slice ? sliced(input, w, b) : all(input, w, b)).singletonOrThrow();
            recording.backward(out.mul(out).sum().div(2));
            return new float[][] {out.toFloatArray(), w.getGradient().toFloatArray(),
                b.getGradient().toFloatArray()};
        }
    }

    /** All filters, as the wrapped convolution's own forward computes them, then the real filters' outputs. */
    private NDList all(NDArray input, NDArray weight, NDArray bias) {
        NDArray out = Conv2d.conv2d(input, weight, bias, convolution.getStride(), convolution.getPadding(),
                convolution.getDilation()).singletonOrThrow();
        return new NDList(out.get(realChannels));
    }

    private NDList sliced(NDArray input, NDArray weight, NDArray bias) {
        return Conv2d.conv2d(input, weight.get(real), bias.get(real), convolution.getStride(),
                convolution.getPadding(), convolution.getDilation());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        convolution.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape all = convolution.getOutputShapes(inputShapes)[0];
        return new Shape[] {new Shape(all.get(0), filters, all.get(2), all.get(3))};
    }

    @Override
    public String toString() {
        return "PaddedFilters(" + filters + " of " + convolution.getFilters() + ")";
    }
}
