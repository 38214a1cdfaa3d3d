package org.transferable.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.transferable.Checks;

/**
 * What a training run did, kept in the network's provenance: the epochs it ran, the epoch whose weights the network
 * has, and per epoch the learning rate, the mean training loss and (with a validation split) the validation
 * accuracy.
 *
 * @param epochsRun epochs trained, at least 1 (fewer than configured when it stopped early)
 * @param keptEpoch the epoch whose weights the network keeps, in [1, epochsRun]
 * @param curve one entry per epoch run
 */
public record TrainingOutcome(int epochsRun, int keptEpoch, List<Epoch> curve) {
    /** Validates the ranges and copies the curve. */
    public TrainingOutcome {
        Checks.inRange("epochs run", epochsRun, 1, Integer.MAX_VALUE);
        Checks.inRange("kept epoch", keptEpoch, 1, epochsRun);
        curve = List.copyOf(curve);
        if (curve.size() != epochsRun) {
            throw new IllegalArgumentException("a curve of " + epochsRun + " epochs needs " + epochsRun
                    + " entries, got " + curve.size());
        }
    }

    /** @return the validation accuracy of the kept epoch, or null without a validation split */
    public Double keptValidationAccuracy() {
        return curve.get(keptEpoch - 1).validationAccuracy();
    }

    /**
     * One epoch of the curve.
     *
     * @param epoch the 1-based epoch
     * @param learningRate the rate at its first step
     * @param trainingLoss its mean training loss
     * @param validationAccuracy the accuracy on the validation split after it; null (absent from JSON) without one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Epoch(int epoch, double learningRate, double trainingLoss, Double validationAccuracy) {
    }
}
