package org.transferable.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.transferable.Checks;

/**
 * When a training run stops: after its epochs, or early, when the accuracy on a validation split held out of the
 * training images has not improved for {@code patience} epochs, keeping the weights of its best epoch.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StoppingRule.AllEpochs.class, name = "all-epochs"),
        @JsonSubTypes.Type(value = StoppingRule.EarlyStopping.class, name = "early")})
public sealed interface StoppingRule {
    /** @return train every configured epoch, on all training images */
    static StoppingRule allEpochs() {
        return new AllEpochs();
    }

    /**
     * Early stopping on a held-out validation split, restoring the best epoch's weights.
     *
     * @param validationFraction the share of each class's training images held out, in (0, 0.5]
     * @param patience epochs without a better validation accuracy before stopping, in [1, 10000]
     * @return the rule; the split is drawn with seed 0 ({@link EarlyStopping#withSplitSeed})
     */
    static StoppingRule earlyStopping(double validationFraction, int patience) {
        return new EarlyStopping(validationFraction, patience, true, 0L);
    }

    /** Every configured epoch, on all training images. */
    record AllEpochs() implements StoppingRule {
        @Override
        public String toString() {
            return "all epochs";
        }
    }

    /**
     * Early stopping.
     *
     * @param validationFraction the share of each class's training images held out for validation (at least one
     *     image of every class with two or more), in (0, 0.5]
     * @param patience epochs without a better validation accuracy (a tie is not better) before stopping, in
     *     [1, 10000]
     * @param restoreBest whether the network keeps the weights of its best epoch (else those of its last)
     * @param splitSeed seeds which images are held out; the same images, seed and fraction give the same split in
     *     every fit, whatever the training seed, so that fits of a study share their training images
     */
    record EarlyStopping(double validationFraction, int patience, boolean restoreBest, long splitSeed)
            implements StoppingRule {
        /** Validates the ranges. */
        public EarlyStopping {
            if (!(validationFraction > 0.0 && validationFraction <= 0.5)) {
                throw new IllegalArgumentException("validation fraction must be in (0, 0.5], got "
                        + validationFraction);
            }
            Checks.inRange("patience", patience, 1, 10_000);
        }

        /** @return this rule with another split seed */
        public EarlyStopping withSplitSeed(long seed) {
            return new EarlyStopping(validationFraction, patience, restoreBest, seed);
        }

        @Override
        public String toString() {
            return "early stopping (validation " + validationFraction + ", patience " + patience
                    + (restoreBest ? ", best epoch kept" : "") + ")";
        }
    }
}
