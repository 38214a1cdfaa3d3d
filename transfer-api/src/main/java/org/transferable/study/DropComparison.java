package org.transferable.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.transferable.Checks;
import org.transferable.data.ClassSplit;

/**
 * The relative drop {@code (baseB - AnB) / baseB} at one n (the paper's "relative to each base") over random splits
 * and over a dissimilar split (the paper's man-made vs natural classes), and their difference.
 *
 * <p>The dissimilar split has two directions (A to B and B to A), two different tasks, each replicated with
 * several seeds. They are not two samples of one population: the dissimilar drop is the mean of the two directions'
 * means (as the paper averaged them), and its uncertainty comes from the replicates within each direction. The
 * random-split drop is a mean over random splits, which are samples. The difference {@code dissimilar - random} gets
 * a 95% interval from the standard error of both, {@code sqrt(var_random / k + sum_d var_d / (r_d D^2))}, with t at
 * the Welch-Satterthwaite degrees of freedom rounded down.
 *
 * @param n copied layers
 * @param randomSplitDrop the relative drop over the random splits
 * @param directions the relative drop of each direction of the dissimilar split, in the order the plan lists them
 * @param dissimilarSplitDrop the mean of the directions' mean drops
 * @param difference dissimilar drop minus random drop (positive: dissimilar tasks transfer worse)
 * @param lower lower bound of the difference's 95% interval; NaN when the random study or a direction has a single
 *     value
 * @param upper upper bound of the difference's 95% interval; NaN as {@code lower}
 */
public record DropComparison(int n, Estimate randomSplitDrop, List<DirectionDrop> directions,
        double dissimilarSplitDrop, double difference, double lower, double upper) {

    /**
     * One direction of the dissimilar split.
     *
     * @param split the split, A and B as trained
     * @param drop its relative drop over its replicates
     */
    public record DirectionDrop(ClassSplit split, Estimate drop) {
        /** Validates that both are present. */
        public DirectionDrop {
            Objects.requireNonNull(split, "split must not be null");
            Objects.requireNonNull(drop, "drop must not be null");
        }
    }

    /** Validates n, the estimates and that a direction is present. */
    public DropComparison {
        Checks.inRange("n", n, 1, 10_000);
        Objects.requireNonNull(randomSplitDrop, "randomSplitDrop must not be null");
        directions = List.copyOf(directions);
        if (directions.isEmpty()) {
            throw new IllegalArgumentException("a drop comparison needs at least one direction of the dissimilar "
                    + "split, got none");
        }
    }

    /**
     * Compares the drops at every n that the random-split study and every direction measured (baseB and AnB).
     *
     * @param randomSplits a study over random splits
     * @param directions one study per direction of the dissimilar split, of the same network, each over one split
     *     replicated with several seeds (its plan lists the split once per replicate)
     * @return one row per common n, ascending
     * @throws IllegalArgumentException "cannot compare studies of different networks: a and b", "a direction's
     *     study must list one split (replicated), got 2 in plan name", "a drop comparison needs at least one
     *     direction of the dissimilar split, got none"
     */
    public static List<DropComparison> compare(StudyResult randomSplits, List<StudyResult> directions) {
        if (directions.isEmpty()) {
            throw new IllegalArgumentException("a drop comparison needs at least one direction of the dissimilar "
                    + "split, got none");
        }
        for (StudyResult d : directions) {
            if (!randomSplits.plan().spec().equals(d.plan().spec())) {
                throw new IllegalArgumentException("cannot compare studies of different networks: "
                        + randomSplits.plan().spec().name() + " and " + d.plan().spec().name());
            }
            long distinct = d.plan().splits().stream().distinct().count();
            if (distinct != 1) {
                throw new IllegalArgumentException("a direction's study must list one split (replicated), got "
                        + distinct + " in plan " + d.plan().name());
            }
        }
        List<DropComparison> rows = new ArrayList<>();
        for (LayerGenerality r : randomSplits.generality()) {
            Optional<Estimate> random = r.measure(GeneralityMeasure.RELATIVE_PERFORMANCE_DROP);
            if (random.isEmpty()) {
                continue;
            }
            List<DirectionDrop> each = new ArrayList<>();
            for (StudyResult d : directions) {
                drop(d.analysed(), r.n()).ifPresent(e -> each.add(new DirectionDrop(d.plan().splits().get(0), e)));
            }
            if (each.size() == directions.size()) {
                rows.add(of(r.n(), random.get(), each));
            }
        }
        return List.copyOf(rows);
    }

    private static Optional<Estimate> drop(List<CellResult> cells, int n) {
        return LayerGenerality.of(cells).stream().filter(d -> d.n() == n).findFirst()
                .flatMap(d -> d.measure(GeneralityMeasure.RELATIVE_PERFORMANCE_DROP));
    }

    /**
     * The row for a random-split drop and the directions' drops.
     *
     * @return the comparison
     */
    public static DropComparison of(int n, Estimate random, List<DirectionDrop> directions) {
        int count = directions.size();
        double dissimilar = directions.stream().mapToDouble(d -> d.drop().mean()).sum() / Math.max(1, count);
        double difference = dissimilar - random.mean();
        boolean single = random.count() < 2 || directions.stream().anyMatch(d -> d.drop().count() < 2);
        if (single) {
            return new DropComparison(n, random, directions, dissimilar, difference, Double.NaN, Double.NaN);
        }
        List<double[]> parts = new ArrayList<>();
        parts.add(new double[] {variance(random) / random.count(), random.count() - 1});
        for (DirectionDrop d : directions) {
            parts.add(new double[] {variance(d.drop()) / d.drop().count() / ((double) count * count),
                d.drop().count() - 1});
        }
        double total = parts.stream().mapToDouble(p -> p[0]).sum();
        if (total == 0.0) {
            return new DropComparison(n, random, directions, dissimilar, difference, difference, difference);
        }
        double denominator = parts.stream().mapToDouble(p -> p[0] * p[0] / p[1]).sum();
        double df = total * total / denominator;
        double half = Estimate.tQuantile975(Math.max(1, (int) Math.floor(df))) * Math.sqrt(total);
        return new DropComparison(n, random, directions, dissimilar, difference, difference - half,
                difference + half);
    }

    private static double variance(Estimate e) {
        return e.standardDeviation() * e.standardDeviation();
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
        boolean interval = !Double.isNaN(top.lower);
        Verdict v = interval && top.lower > 0.0 ? Verdict.REPRODUCED
                : interval && top.upper < margin ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
        StringBuilder each = new StringBuilder();
        for (DirectionDrop d : top.directions) {
            each.append(each.length() == 0 ? " (" : "; ").append(d.split()).append(": ")
                    .append(Findings.signed(d.drop()));
        }
        String bounds = interval ? String.format(Locale.ROOT, " [%+.3f, %+.3f]", top.lower, top.upper)
                : " (no interval: a study or a direction has a single value)";
        String headline = String.format(Locale.ROOT, "%+.1f", 100 * top.difference)
                + (interval ? String.format(Locale.ROOT, " [%+.1f, %+.1f]", 100 * top.lower, 100 * top.upper)
                        : " (no interval)")
                + String.format(Locale.ROOT, " points at n=%d (relative drop %.1f%% dissimilar, %.1f%% random)", top.n,
                        100 * top.dissimilarSplitDrop, 100 * top.randomSplitDrop.mean());
        return new FindingVerdict(f, v, "(baseB - AnB) / baseB at n=" + top.n + ": dissimilar "
                + String.format(Locale.ROOT, "%+.3f", top.dissimilarSplitDrop) + each + ")"
                + ", random " + Findings.signed(top.randomSplitDrop) + "; difference "
                + String.format(Locale.ROOT, "%+.3f", top.difference) + bounds, headline);
    }
}
