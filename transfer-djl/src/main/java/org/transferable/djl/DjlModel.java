package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.transferable.engine.Batch;
import org.transferable.engine.EngineModel;
import org.transferable.engine.LayerTraining;
import org.transferable.engine.ModelRequest;
import org.transferable.engine.SolverStep;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.ParameterLayout;

/**
 * The DJL engine's model: {@link NetworkBlocks} and the solver's velocities. Each call's arrays live in a
 * sub-manager of the blocks' manager, closed when the call returns; a step's loss is the mean softmax cross-entropy
 * ({@code -sum(onehot * logSoftmax(logits)) / count}), back-propagated by PyTorch's autograd, then
 * {@link SgdMomentum} updates every parameter that has a gradient, at its layer's rate multiple and decay.
 */
final class DjlModel implements EngineModel {
    private final NetworkBlocks blocks;
    private final ModelRequest request;
    private final SgdMomentum solver = new SgdMomentum();
    private final boolean channelsLast;

    /**
     * Builds the blocks; the dropout masks draw from a stream split off the request's seed.
     *
     * @param request what to build
     * @param filterMultiple the multiple convolution filters are padded to, 1 for none ({@link NetworkBlocks})
     * @param channelsLast whether convolution inputs are laid out channels-last ({@link DjlEngine#channelsLast()})
     */
    DjlModel(ModelRequest request, int filterMultiple, boolean channelsLast) {
        this(request, filterMultiple, channelsLast, !channelsLast && DjlEngine.poolChannelsLast());
    }

    /**
     * Builds the blocks, choosing how default-layout arrays are max-pooled.
     *
     * @param poolChannelsLast whether max pooling runs through PyTorch's channels-last kernel (default-layout models)
     */
    DjlModel(ModelRequest request, int filterMultiple, boolean channelsLast, boolean poolChannelsLast) {
        this.request = request;
        this.channelsLast = channelsLast;
        this.blocks = NetworkBlocks.build(request, new SplittableRandom(request.seed()).split(), filterMultiple,
                poolChannelsLast);
    }

    @Override
    public float[] forward(Batch batch, int to) {
        try (Autograd off = Autograd.off(); NDManager scope = blocks.manager().newSubManager()) {
            NDArray output = blocks.forward(inputs(scope, batch), to, false);
            return (to == request.spec().layerCount() ? output.softmax(1) : output).toFloatArray();
        }
    }

    @Override
    public float[] forwardAsInStep(Batch batch, int to) {
        try (Autograd recording = Autograd.recording(); NDManager scope = blocks.manager().newSubManager()) {
            return blocks.forward(inputs(scope, batch), to, false).toFloatArray();
        }
    }

    @Override
    public double step(Batch batch, SolverStep step) {
        try (NDManager scope = blocks.manager().newSubManager()) {
            NDArray loss = backward(scope, batch)[1];
            for (int n = request.first(); n <= request.spec().layerCount(); n++) {
                LayerTraining layer = blocks.training(n);
                for (NetworkBlocks.Binding binding : blocks.bindings(n)) {
                    if (binding.parameter().requiresGradient()) {
                        ParameterLayout.Role role = binding.slot().role();
                        solver.update(binding, step, layer.rate(role), layer.decay(role), blocks.start(binding));
                    }
                }
            }
            return loss.getFloat();
        }
    }

    @Override
    public void configure(List<LayerTraining> training, boolean resetSolver) {
        blocks.configure(training);
        if (resetSolver) {
            solver.reset();
        }
    }

    @Override
    public Gradients gradients(Batch batch) {
        try (NDManager scope = blocks.manager().newSubManager()) {
            NDArray[] logitsAndLoss = backward(scope, batch);
            float[] probabilities;
            try (Autograd off = Autograd.off()) {
                probabilities = logitsAndLoss[0].softmax(1).toFloatArray();
            }
            return new Gradients(logitsAndLoss[1].getFloat(), probabilities, blocks.gradients());
        }
    }

    /** @return the logits and the loss, after back-propagating the loss */
    private NDArray[] backward(NDManager scope, Batch batch) {
        NDArray x = inputs(scope, batch);
        int classes = request.classes();
        float[] oneHot = new float[batch.count() * classes];
        int[] labels = batch.labels();
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes + labels[i]] = 1f;
        }
        NDArray target = scope.create(oneHot, new Shape(batch.count(), classes));
        try (Autograd recording = Autograd.recording()) {
            NDArray logits = blocks.forward(x, request.spec().layerCount(), true);
            NDArray loss = logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
            recording.backward(loss);
            return new NDArray[] {logits, loss};
        }
    }

    /**
     * The batch as an array of this model's input shape. Images and convolution outputs are {@code [N, C, H, W]};
     * in a channels-last model ({@link DjlEngine#channelsLast()}) their memory is laid out {@code [N, H, W, C]}
     * behind that shape (a transposed view), which makes oneDNN convolve in that layout and PyTorch pool and apply
     * ReLU with its vectorised channels-last kernels; the values, and what every reader of the arrays sees, are the
     * same.
     */
    private NDArray inputs(NDManager scope, Batch batch) {
        long[] shape = NetworkBlocks.inputShape(request.spec(), request.first(), batch.count());
        if (shape.length != 4 || !channelsLast) {
            return scope.create(batch.inputs(), new Shape(shape));
        }
        float[] values = shape[1] == 1 ? batch.inputs() : channelsLast(batch.inputs(), shape);
        return scope.create(values, new Shape(shape[0], shape[2], shape[3], shape[1])).transpose(0, 3, 1, 2);
    }

    /** @return an {@code [N, C, H, W]} array's values in {@code [N, H, W, C]} order */
    static float[] channelsLast(float[] values, long[] shape) {
        int channels = (int) shape[1];
        int plane = (int) (shape[2] * shape[3]);
        int image = channels * plane;
        float[] out = new float[values.length];
        for (int i = 0; i < shape[0]; i++) {
            int base = i * image;
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    out[base + p * channels + c] = values[base + c * plane + p];
                }
            }
        }
        return out;
    }

    @Override
    public List<LayerWeights> weights() {
        return blocks.weights();
    }

    @Override
    public void close() {
        blocks.close();
    }
}
