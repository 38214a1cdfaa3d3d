package org.transferable.engine;

import org.transferable.Checks;

/**
 * One step of the paper's solver, SGD with classical momentum and L2 weight decay, for every tensor the solver
 * trains in a {@link LayerMode#TRAINED} layer: {@code g += weightDecay * w} for convolution and dense weights (not
 * biases, not batch-norm parameters), then {@code v = momentum * v + learningRate * g; w -= v}, with one velocity
 * per tensor, zero before the model's first step. The learning rate may change from step to step (a schedule);
 * the velocities carry over.
 *
 * @param learningRate this step's rate, in (0, 10]
 * @param momentum in [0, 1)
 * @param weightDecay in [0, 1]
 */
public record SolverStep(double learningRate, double momentum, double weightDecay) {
    /** Validates the ranges. */
    public SolverStep {
        if (!(learningRate > 0.0 && learningRate <= 10.0)) {
            throw new IllegalArgumentException("learning rate must be in (0, 10], got " + learningRate);
        }
        Checks.inHalfOpenRange("momentum", momentum, 0.0, 1.0);
        Checks.inRange("weight decay", weightDecay, 0.0, 1.0);
    }
}
