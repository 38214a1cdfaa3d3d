package org.transferable.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.transferable.Checks;
import org.transferable.data.ClassSplit;

/**
 * The relative drop {@code (baseB - AnB) / baseB} at one n (the paper's "relative to each base") in a study over
 * random splits and in a study over a dissimilar split (the paper's man-made vs natural classes): each direction of
 * the dissimilar split (A to B and B to A, each its own task, replicated with several seeds) on its own, both
 * directions together as the paper averaged them, and the difference {@code dissimilar - random} with a Welch 95%
 * interval (the two studies' splits are independent, not paired).
 *
 * @param n copied layers
 * @param randomSplitDrop the relative drop over the random splits
 * @param dissimilarSplitDrop the relative drop over both directions of the dissimilar split
 * @param directions the relative drop of each direction, in the order the plan lists them
 * @param difference dissimilar drop minus random drop (positive: dissimilar tasks transfer worse)
 * @param lower lower bound of the difference's 95% interval; NaN when either study has a single split
 * @param upper upper bound of the difference's 95% interval; NaN when either study has a single split
 */
public record DropComparison(int n, Estimate randomSplitDrop, Estimate dissimilarSplitDrop,
        List<DirectionDrop> directions, double difference, double lower, double upper) {

    /**
     * One direction of the dissimilar split.
     *
     * @param split the split, A and B as trained
     * @param drop its relative drop over its replicates
     */
    public record DirectionDrop(ClassSplit split, Estimate drop) {
    }

    /** Validates n and the estimates. */
    public DropComparison {
        Checks.inRange("n", n, 1, 10_000);
        Objects.requireNonNull(randomSplitDrop, "randomSplitDrop must not be null");
        Objects.requireNonNull(dissimilarSplitDrop, "dissimilarSplitDrop must not be null");
        directions = List.copyOf(directions);
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
        List<ClassSplit> directions = dissimilarSplits.plan().splits().stream().distinct().toList();
        for (LayerGenerality r : randomSplits.generality()) {
            Optional<Estimate> random = r.measure(GeneralityMeasure.RELATIVE_PERFORMANCE_DROP);
            Optional<Estimate> dissimilar = drop(dissimilarSplits.analysed(), r.n());
            if (random.isPresent() && dissimilar.isPresent()) {
                List<DirectionDrop> each = new ArrayList<>();
                for (ClassSplit direction : directions) {
                    List<CellResult> cells = dissimilarSplits.analysed().stream()
                            .filter(c -> dissimilarSplits.plan().splits().get(c.cell().split()).equals(direction))
                            .toList();
                    drop(cells, r.n()).ifPresent(e -> each.add(new DirectionDrop(direction, e)));
                }
                rows.add(of(r.n(), random.get(), dissimilar.get(), each));
            }
        }
        return List.copyOf(rows);
    }

    private static Optional<Estimate> drop(List<CellResult> cells, int n) {
        return LayerGenerality.of(cells).stream().filter(d -> d.n() == n).findFirst()
                .flatMap(d -> d.measure(GeneralityMeasure.RELATIVE_PERFORMANCE_DROP));
    }

    /**
     * The row for two drop estimates: Welch's interval, with t at the Welch-Satterthwaite degrees of freedom
     * rounded down.
     *
     * @return the comparison
     */
    public static DropComparison of(int n, Estimate random, Estimate dissimilar, List<DirectionDrop> directions) {
        double difference = dissimilar.mean() - random.mean();
        if (random.count() < 2 || dissimilar.count() < 2) {
            return new DropComparison(n, random, dissimilar, directions, difference, Double.NaN, Double.NaN);
        }
        double vr = random.standardDeviation() * random.standardDeviation() / random.count();
        double vd = dissimilar.standardDeviation() * dissimilar.standardDeviation() / dissimilar.count();
        double se = Math.sqrt(vr + vd);
        if (se == 0.0) {
            return new DropComparison(n, random, dissimilar, directions, difference, difference, difference);
        }
        double df = (vr + vd) * (vr + vd)
                / (vr * vr / (random.count() - 1) + vd * vd / (dissimilar.count() - 1));
        double half = Estimate.tQuantile975(Math.max(1, (int) Math.floor(df))) * se;
        return new DropComparison(n, random, dissimilar, directions, difference, difference - half,
                difference + half);
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
        StringBuilder each = new StringBuilder();
        for (DirectionDrop d : top.directions) {
            each.append(each.length() == 0 ? " (" : "; ").append(d.split()).append(": ")
                    .append(Findings.signed(d.drop()));
        }
        String directions = each.length() == 0 ? "" : each.append(")").toString();
        String headline = Double.isNaN(top.lower)
                ? String.format(Locale.ROOT, "%+.1f points at n=%d (no interval)", 100 * top.difference, top.n)
                : String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f] points at n=%d (relative drop %.1f%% dissimilar, "
                        + "%.1f%% random)", 100 * top.difference, 100 * top.lower, 100 * top.upper, top.n,
                        100 * top.dissimilarSplitDrop.mean(), 100 * top.randomSplitDrop.mean());
        return new FindingVerdict(f, v, "(baseB - AnB) / baseB at n=" + top.n + ": dissimilar "
                + Findings.signed(top.dissimilarSplitDrop) + directions + ", random "
                + Findings.signed(top.randomSplitDrop) + "; difference "
                + String.format(Locale.ROOT, "%+.3f", top.difference) + interval, headline);
    }
}
