package org.transferable.engine;

import org.transferable.Checks;
import org.transferable.weights.ParameterLayout;

/**
 * How one paper layer takes part in training steps, as an engine applies it: whether it runs in training mode, and
 * per kind of tensor the multiple of the step's learning rate it is updated at (0: not updated, no gradient needed,
 * no solver state). A fine-tuning policy ({@link org.transferable.policy.FineTuning}) is resolved into one of these
 * per layer and phase; engines only apply them.
 *
 * <p>The update of a tensor with multiple {@code r > 0}, at the step's rate {@code lr} and momentum {@code m}:
 * {@code g += weightDecay * (w - w0)} for convolution and dense weights only, where {@code w0} is 0, or, with
 * {@code towardStart}, the weight's value when the model was built (L2-SP); then {@code v = m * v + lr * r * g;
 * w -= v}, one velocity per tensor.
 *
 * @param trainingMode whether the layer runs in training mode in a step: the dropout on its input is applied, and
 *     batch normalisation normalises with the batch's statistics and updates its running mean and variance;
 *     otherwise inference mode (no dropout, running statistics left as they are), which only a layer that updates
 *     nothing may have
 * @param weightRate multiple of the learning rate for convolution and dense weights, in [0, 1000]
 * @param biasRate multiple for biases, in [0, 1000]
 * @param normRate multiple for batch normalisation's scale and shift, in [0, 1000]
 * @param weightDecay the L2 coefficient on the layer's weights, in [0, 100]; applied only when they are updated
 * @param towardStart whether the decay pulls the weights toward their values when the model was built (L2-SP)
 *     instead of toward 0; an engine keeps those values from the build on, so it must be set in the request's
 *     value for every layer that uses it in any phase
 */
public record LayerTraining(boolean trainingMode, double weightRate, double biasRate, double normRate,
        double weightDecay, boolean towardStart) {
    /** A frozen layer: inference mode, nothing updated. */
    public static final LayerTraining FROZEN = new LayerTraining(false, 0, 0, 0, 0, false);

    /**
     * Validates the ranges.
     *
     * @throws IllegalArgumentException when a range is left, or a layer in inference mode updates a tensor (a layer
     *     that trains runs in training mode, as in PyTorch's {@code train()}; DL4J cannot do otherwise)
     */
    public LayerTraining {
        Checks.inRange("weight rate multiple", weightRate, 0.0, 1000.0);
        Checks.inRange("bias rate multiple", biasRate, 0.0, 1000.0);
        Checks.inRange("batch-norm rate multiple", normRate, 0.0, 1000.0);
        Checks.inRange("weight decay", weightDecay, 0.0, 100.0);
        if (!trainingMode && (weightRate > 0 || biasRate > 0 || normRate > 0)) {
            throw new IllegalArgumentException("a layer that updates tensors runs in training mode; got inference mode "
                    + "with rate multiples " + weightRate + ", " + biasRate + ", " + normRate);
        }
    }

    /**
     * A layer trained like the rest of the network, the paper's solver: training mode, every tensor at the step's
     * rate, weight decay toward 0.
     *
     * @param weightDecay the L2 coefficient, in [0, 1]
     * @return the value
     */
    public static LayerTraining trained(double weightDecay) {
        return new LayerTraining(true, 1, 1, 1, weightDecay, false);
    }

    /** @return whether nothing of the layer changes in a step: inference mode, so no tensor updated */
    public boolean frozen() {
        return !trainingMode;
    }

    /** @return whether any of its tensors is updated */
    public boolean updated() {
        return weightRate > 0 || biasRate > 0 || normRate > 0;
    }

    /**
     * @param role a tensor's role
     * @return the multiple of the learning rate it is updated at; 0 for batch normalisation's running statistics,
     *     which only training mode changes
     */
    public double rate(ParameterLayout.Role role) {
        return switch (role) {
            case WEIGHT -> weightRate;
            case BIAS -> biasRate;
            case GAMMA, BETA -> normRate;
            case MEAN, VARIANCE -> 0.0;
        };
    }

    /**
     * @param role a tensor's role
     * @return the L2 coefficient it gets: the layer's decay for weights that are updated, else 0
     */
    public double decay(ParameterLayout.Role role) {
        return role == ParameterLayout.Role.WEIGHT && weightRate > 0 ? weightDecay : 0.0;
    }
}
