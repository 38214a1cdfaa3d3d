package org.transferable.train;

import org.transferable.Checks;

/**
 * The result of evaluating a network on labelled images.
 *
 * @param accuracy top-1 accuracy in [0, 1]
 * @param loss mean cross-entropy loss per image (no regularisation term)
 * @param images how many images were evaluated
 */
public record Evaluation(double accuracy, double loss, int images) {
    /** Validates ranges; the loss may be positive infinity (a probability of 0 for the true class). */
    public Evaluation {
        Checks.inRange("accuracy", accuracy, 0.0, 1.0);
        if (!(loss >= 0.0)) {
            throw new IllegalArgumentException("loss must be >= 0, got " + loss);
        }
        Checks.inRange("evaluated images", images, 1, Integer.MAX_VALUE);
    }
}
