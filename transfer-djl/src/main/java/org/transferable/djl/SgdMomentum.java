package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.IdentityHashMap;
import java.util.Map;
import org.transferable.engine.SolverStep;

/**
 * SGD with classical momentum and L2 weight decay on weights only, the paper's solver and the DL4J backend's:
 * {@code g += wd * (w - w0)} for convolution and dense weights (not biases, not batch-norm parameters; {@code w0} is 0
 * or, for L2-SP, the weight's start value), then {@code v = momentum * v + lr * multiple * g; w -= v}.
 *
 * <p>The step is DJL's fused PyTorch kernel ({@code NDArrayEx.sgdUpdate}), whose native code computes exactly
 * {@code v = m * v + lr * (g + wd * w); w -= v} and then zeroes the gradient. DJL's own {@code Sgd} optimizer
 * takes one weight decay for every parameter, biases included, so this class calls the kernel per parameter with
 * the decay that parameter gets; L2-SP subtracts {@code wd * w0} from the gradient first. It keeps one velocity array
 * per parameter it has updated, and none for frozen parameters, which it is never given.
 */
final class SgdMomentum {
    private final Map<NetworkBlocks.Binding, NDArray> velocities = new IdentityHashMap<>();

    /**
     * Applies one step to a parameter from its gradient, and zeroes the gradient.
     *
     * @param binding the parameter
     * @param step the step's rate and momentum
     * @param multiple the parameter's multiple of the rate, above 0
     * @param decay its L2 coefficient
     * @param start the value the decay pulls toward (L2-SP), or null for 0
     */
    void update(NetworkBlocks.Binding binding, SolverStep step, double multiple, double decay, NDArray start) {
        NDArray weight = binding.parameter().getArray();
        float learningRate = (float) (step.learningRate() * multiple);
        float momentum = (float) step.momentum();
        try (NDArray gradient = weight.getGradient()) {
            if (start != null && decay > 0) {
                try (NDArray pull = start.mul((float) decay)) {
                    gradient.subi(pull);
                }
            }
            NDList inputs = momentum == 0f
                    ? new NDList(weight, gradient)
                    : new NDList(weight, gradient, velocities.computeIfAbsent(binding, b -> weight.zerosLike()));
            weight.getNDArrayInternal().sgdUpdate(inputs, new NDList(weight), learningRate, (float) decay, 1f, -1f,
                    momentum, true);
        }
    }

    /** Forgets every velocity: the next update of each parameter starts from zero. */
    void reset() {
        velocities.values().forEach(NDArray::close);
        velocities.clear();
    }

    /** @return how many velocity values the solver holds (one per updated parameter value; none without momentum) */
    long stateSize() {
        return velocities.values().stream().mapToLong(NDArray::size).sum();
    }
}
