package org.transferable.engine;

import org.transferable.Checks;

/**
 * One step of the paper's solver, SGD with classical momentum: for every tensor a layer's {@link LayerTraining}
 * updates, {@code g += decay * (w - w0)} on weights, then {@code v = momentum * v + learningRate * multiple * g;
 * w -= v}, with one velocity per tensor, zero before the tensor's first update. The learning rate may change from
 * step to step (a schedule); the velocities carry over.
 *
 * @param learningRate this step's rate, in (0, 10]
 * @param momentum in [0, 1)
 */
public record SolverStep(double learningRate, double momentum) {
    /** Validates the ranges. */
    public SolverStep {
        if (!(learningRate > 0.0 && learningRate <= 10.0)) {
            throw new IllegalArgumentException("learning rate must be in (0, 10], got " + learningRate);
        }
        Checks.inHalfOpenRange("momentum", momentum, 0.0, 1.0);
    }
}
