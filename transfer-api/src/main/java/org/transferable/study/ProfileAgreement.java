package org.transferable.study;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How well one training-free profile predicts the generality a study measured: per split, Spearman's rank
 * correlation across the plan's n of the profile's value at layer n and the measured AnB / baseB at n (the
 * transfer's accuracy relative to training on B from scratch), then its mean over the splits with a 95% t interval.
 * A correlation of +1 means the profile orders the layers exactly as the measured curve does.
 *
 * @param measure the profile, e.g. {@code CKA(baseA_n, baseB_n)}
 * @param nValues the n at which both are read, ascending
 * @param profiles per split, the profile's values at {@code nValues}
 * @param measured per split, AnB / baseB at {@code nValues}
 * @param spearman per split with a defined correlation, the correlation
 * @param estimate the correlations' mean over splits with a 95% t interval (a t interval ignores the bounds -1
 *     and +1: read one that crosses them as "the splits disagree")
 * @param secondsPerSplit the profile's mean wall time per split (forward passes and scores), against the cells'
 *     training time it stands in for
 */
public record ProfileAgreement(String measure, List<Integer> nValues, List<List<Double>> profiles,
        List<List<Double>> measured, List<Double> spearman, Estimate estimate, double secondsPerSplit) {

    /** Copies the lists. */
    public ProfileAgreement {
        Objects.requireNonNull(measure, "measure");
        nValues = List.copyOf(nValues);
        profiles = profiles.stream().map(List::copyOf).toList();
        measured = measured.stream().map(List::copyOf).toList();
        spearman = List.copyOf(spearman);
        Objects.requireNonNull(estimate, "estimate");
    }

    /** @return e.g. {@code CKA(baseA_n, baseB_n): Spearman +0.83 [+0.61, +1.05] over 8 splits, 1.2 s per split} */
    public String summary() {
        return String.format(Locale.ROOT, "%s: Spearman with AnB / baseB %s, %.1f s per split", measure, correlation(),
                secondsPerSplit);
    }

    /** @return e.g. {@code +0.83 [+0.61, +1.05] over 8 splits}, or {@code -1.00 (1 split, no interval)} */
    public String correlation() {
        return estimate.count() < 2
                ? String.format(Locale.ROOT, "%+.2f (1 split, no interval)", estimate.mean())
                : String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f] over %d splits", estimate.mean(), estimate.lower(),
                        estimate.upper(), estimate.count());
    }
}
