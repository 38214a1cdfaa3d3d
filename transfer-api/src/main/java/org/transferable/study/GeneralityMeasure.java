package org.transferable.study;

import java.util.OptionalDouble;

/**
 * The paper's decomposition of what copying layers 1..n costs or gains on task B, each a difference of
 * accuracies on B's test images computed within one split (paired) and then estimated over splits.
 */
public enum GeneralityMeasure {
    /** baseB - BnB: what is lost when co-adapted layers above n are re-learned (paper's Figure 2, dip of BnB). */
    CO_ADAPTATION_LOSS {
        @Override
        OptionalDouble value(AccuracyTable t, int split, int n) {
            return AccuracyTable.minus(t.accuracy(split, Treatment.BASE_B, 0), t.accuracy(split, Treatment.SELFFER, n));
        }
    },
    /** BnB - AnB: what is lost because layers 1..n were specific to A rather than general. */
    SPECIFICITY_LOSS {
        @Override
        OptionalDouble value(AccuracyTable t, int split, int n) {
            return AccuracyTable.minus(t.accuracy(split, Treatment.SELFFER, n),
                    t.accuracy(split, Treatment.TRANSFER, n));
        }
    },
    /** AnB+ - baseB: what transferring and fine-tuning gains over training B from scratch. */
    FINE_TUNE_GAIN {
        @Override
        OptionalDouble value(AccuracyTable t, int split, int n) {
            return AccuracyTable.minus(t.accuracy(split, Treatment.TRANSFER_FINE_TUNED, n),
                    t.accuracy(split, Treatment.BASE_B, 0));
        }
    },
    /** baseB - AnB: the whole drop of a frozen transfer (co-adaptation plus specificity). */
    PERFORMANCE_DROP {
        @Override
        OptionalDouble value(AccuracyTable t, int split, int n) {
            return AccuracyTable.minus(t.accuracy(split, Treatment.BASE_B, 0),
                    t.accuracy(split, Treatment.TRANSFER, n));
        }
    },
    /** (baseB - AnB) / baseB: the drop as a fraction of baseB (absent for a split whose baseB is 0). */
    RELATIVE_PERFORMANCE_DROP {
        @Override
        OptionalDouble value(AccuracyTable t, int split, int n) {
            OptionalDouble base = t.accuracy(split, Treatment.BASE_B, 0);
            OptionalDouble drop = PERFORMANCE_DROP.value(t, split, n);
            return drop.isPresent() && base.getAsDouble() > 0.0
                    ? OptionalDouble.of(drop.getAsDouble() / base.getAsDouble()) : OptionalDouble.empty();
        }
    },
    /** BnB+ - baseB: whether fine-tuning repairs the co-adaptation loss (the paper: about 0 at every n). */
    SELFFER_FINE_TUNE_CHANGE {
        @Override
        OptionalDouble value(AccuracyTable t, int split, int n) {
            return AccuracyTable.minus(t.accuracy(split, Treatment.SELFFER_FINE_TUNED, n),
                    t.accuracy(split, Treatment.BASE_B, 0));
        }
    },
    /** AnB - RnB: how much better transferred features are than random frozen ones. */
    ADVANTAGE_OVER_RANDOM {
        @Override
        OptionalDouble value(AccuracyTable t, int split, int n) {
            return AccuracyTable.minus(t.accuracy(split, Treatment.TRANSFER, n),
                    t.accuracy(split, Treatment.RANDOM_FROZEN, n));
        }
    };

    /** @return the measure for one split at one n, empty when a cell it needs is missing */
    abstract OptionalDouble value(AccuracyTable table, int split, int n);
}
