package org.transferable.study;

import java.util.Objects;

/**
 * The accuracy of one treatment at one n, estimated over the splits that measured it.
 *
 * @param treatment the treatment
 * @param n copied layers, 0 for a base
 * @param accuracy mean, standard deviation and 95% interval of the cells' accuracies
 */
public record TreatmentEstimate(Treatment treatment, int n, Estimate accuracy) {
    /** Validates that n agrees with the treatment (through {@link Cell}'s rules). */
    public TreatmentEstimate {
        Objects.requireNonNull(accuracy, "accuracy must not be null");
        new Cell(0, treatment, n);
    }
}
