package org.transferable.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.transferable.Checks;

/**
 * The drop baseB - AnB at one n in a study over random splits and in a study over a dissimilar split (the paper's
 * man-made vs natural classes; e.g. the split and its reverse as two replicates), and their difference
 * {@code dissimilar - random} with a Welch 95% interval (the two studies' splits are independent, not paired).
 *
 * @param n copied layers
 * @param randomSplitDrop baseB - AnB over the random splits
 * @param dissimilarSplitDrop baseB - AnB over the dissimilar split(s)
 * @param difference dissimilar drop minus random drop (positive: dissimilar tasks transfer worse)
 * @param lower lower bound of the difference's 95% interval; NaN when either study has a single split
 * @param upper upper bound of the difference's 95% interval; NaN when either study has a single split
 */
public record DropComparison(int n, Estimate randomSplitDrop, Estimate dissimilarSplitDrop, double difference,
        double lower, double upper) {

    /** Validates n and the estimates. */
    public DropComparison {
        Checks.inRange("n", n, 1, 10_000);
        Objects.requireNonNull(randomSplitDrop, "randomSplitDrop must not be null");
        Objects.requireNonNull(dissimilarSplitDrop, "dissimilarSplitDrop must not be null");
    }

    /**
     * Compares the drops at every n that both studies measured (baseB and AnB).
     *
     * @param randomSplits a study over random splits
     * @param dissimilarSplits a study of the same network over a dissimilar split
     * @return one row per common n, ascending
     * @throws IllegalArgumentException "cannot compare studies of different networks: a and b"
     */
    public static List<DropComparison> compare(StudyResult randomSplits, StudyResult dissimilarSplits) {
        if (!randomSplits.plan().spec().equals(dissimilarSplits.plan().spec())) {
            throw new IllegalArgumentException("cannot compare studies of different networks: "
                    + randomSplits.plan().spec().name() + " and " + dissimilarSplits.plan().spec().name());
        }
        List<DropComparison> rows = new ArrayList<>();
        for (LayerGenerality r : randomSplits.generality()) {
            Optional<Estimate> random = r.measure(GeneralityMeasure.PERFORMANCE_DROP);
            Optional<Estimate> dissimilar = dissimilarSplits.generality().stream().filter(d -> d.n() == r.n())
                    .findFirst().flatMap(d -> d.measure(GeneralityMeasure.PERFORMANCE_DROP));
            if (random.isPresent() && dissimilar.isPresent()) {
                rows.add(of(r.n(), random.get(), dissimilar.get()));
            }
        }
        return List.copyOf(rows);
    }

    /**
     * The row for two drop estimates: Welch's interval, with t at the Welch-Satterthwaite degrees of freedom
     * rounded down.
     *
     * @return the comparison
     */
    public static DropComparison of(int n, Estimate random, Estimate dissimilar) {
        double difference = dissimilar.mean() - random.mean();
        if (random.count() < 2 || dissimilar.count() < 2) {
            return new DropComparison(n, random, dissimilar, difference, Double.NaN, Double.NaN);
        }
        double vr = random.standardDeviation() * random.standardDeviation() / random.count();
        double vd = dissimilar.standardDeviation() * dissimilar.standardDeviation() / dissimilar.count();
        double se = Math.sqrt(vr + vd);
        if (se == 0.0) {
            return new DropComparison(n, random, dissimilar, difference, difference, difference);
        }
        double df = (vr + vd) * (vr + vd)
                / (vr * vr / (random.count() - 1) + vd * vd / (dissimilar.count() - 1));
        double half = Estimate.tQuantile975(Math.max(1, (int) Math.floor(df))) * se;
        return new DropComparison(n, random, dissimilar, difference, difference - half, difference + half);
    }

    /**
     * Finding 5b at the largest common n (the paper's headline: 25.0 vs 8.3 points at n = 7): claim "d &gt; 0"
     * for d = dissimilar drop - random drop, judged as in {@link Findings}: REPRODUCED if the interval is above 0,
     * NOT_REPRODUCED if it is below the margin, INCONCLUSIVE otherwise.
     *
     * @param rows from {@link #compare}
     * @param margin in [0, 1], e.g. {@link Findings#DEFAULT_MARGIN}
     * @return the verdict with the drops as evidence
     */
    public static FindingVerdict dissimilarTransfersWorse(List<DropComparison> rows, double margin) {
        Checks.inRange("margin", margin, 0.0, 1.0);
        Finding f = Finding.DISSIMILAR_TASKS_TRANSFER_WORSE;
        if (rows.isEmpty()) {
            return new FindingVerdict(f, Verdict.INCONCLUSIVE, "not measured: needs baseB and AnB at a common n in "
                    + "both studies");
        }
        DropComparison top = rows.get(rows.size() - 1);
        Verdict v = top.lower > 0.0 ? Verdict.REPRODUCED : top.upper < margin ? Verdict.NOT_REPRODUCED
                : Verdict.INCONCLUSIVE;
        String interval = Double.isNaN(top.lower) ? " (no interval: a study has 1 split)"
                : String.format(Locale.ROOT, " [%+.3f, %+.3f]", top.lower, top.upper);
        return new FindingVerdict(f, v, "baseB - AnB at n=" + top.n + ": dissimilar "
                + Findings.signed(top.dissimilarSplitDrop) + ", random " + Findings.signed(top.randomSplitDrop)
                + "; difference " + String.format(Locale.ROOT, "%+.3f", top.difference) + interval);
    }
}
