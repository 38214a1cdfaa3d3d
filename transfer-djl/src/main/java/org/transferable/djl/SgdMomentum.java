package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.IdentityHashMap;
import java.util.Map;
import org.transferable.engine.SolverStep;
import org.transferable.weights.ParameterLayout;

/**
 * SGD with classical momentum and L2 weight decay on weights only, the paper's solver and the DL4J backend's:
 * {@code g += wd * w} for convolution and dense weights (not biases, not batch-norm parameters), then
 * {@code v = momentum * v + lr * g; w -= v}.
 *
 * <p>The step is DJL's fused PyTorch kernel ({@code NDArrayEx.sgdUpdate}), whose native code computes exactly
 * {@code v = m * v + lr * (g + wd * w); w -= v} and then zeroes the gradient. DJL's own {@code Sgd} optimizer
 * takes one weight decay for every parameter, biases included, so this class calls the kernel per parameter with
 * the decay that parameter gets. It keeps one velocity array per parameter it has updated, and none for frozen
 * parameters, which it is never given.
 */
final class SgdMomentum {
    private final Map<NetworkBlocks.Binding, NDArray> velocities = new IdentityHashMap<>();

    /** Applies one step to a parameter from its gradient, and zeroes the gradient. */
    void update(NetworkBlocks.Binding binding, SolverStep step) {
        NDArray weight = binding.parameter().getArray();
        float learningRate = (float) step.learningRate();
        float momentum = (float) step.momentum();
        float decay = binding.slot().role() == ParameterLayout.Role.WEIGHT ? (float) step.weightDecay() : 0f;
        try (NDArray gradient = weight.getGradient()) {
            NDList inputs = momentum == 0f
                    ? new NDList(weight, gradient)
                    : new NDList(weight, gradient, velocities.computeIfAbsent(binding, b -> weight.zerosLike()));
            weight.getNDArrayInternal().sgdUpdate(inputs, new NDList(weight), learningRate, decay, 1f, -1f, momentum,
                    true);
        }
    }

    /** @return how many velocity values the solver holds (one per updated parameter value; none without momentum) */
    long stateSize() {
        return velocities.values().stream().mapToLong(NDArray::size).sum();
    }
}
