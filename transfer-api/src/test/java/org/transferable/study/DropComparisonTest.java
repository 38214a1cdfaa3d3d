package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.transferable.study.StudyFixtures.all;
import static org.transferable.study.StudyFixtures.cells;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.data.ClassSplit;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;

class DropComparisonTest {
    private static final double EPS = 1e-9;

    private static List<DropComparison.DirectionDrop> directions(Estimate... drops) {
        ClassSplit split = ClassSplit.of(List.of(0, 1), List.of(2, 3));
        return drops.length == 1 ? List.of(new DropComparison.DirectionDrop(split, drops[0]))
                : List.of(new DropComparison.DirectionDrop(split, drops[0]),
                        new DropComparison.DirectionDrop(split.reversed(), drops[1]));
    }

    @Test
    void of_twoDirections_averagesTheirMeansWithAnIntervalFromTheReplicatesWithinEach() {
        Estimate random = Estimate.of(0.05, 0.06, 0.07);   // variance 0.0001, 3 splits
        Estimate forward = Estimate.of(0.20, 0.22);        // variance 0.0002, 2 seeds
        Estimate backward = Estimate.of(0.30, 0.34);       // variance 0.0008, 2 seeds

        DropComparison c = DropComparison.of(4, random, directions(forward, backward));

        double[] v = {0.0001 / 3, 0.0002 / 2 / 4, 0.0008 / 2 / 4};
        double total = v[0] + v[1] + v[2];
        double df = total * total / (v[0] * v[0] / 2 + v[1] * v[1] + v[2] * v[2]);
        assertThat(df).isCloseTo(2.24, within(0.01));
        double half = 4.303 * Math.sqrt(total);            // t(2)
        assertThat(c.dissimilarSplitDrop()).isCloseTo(0.265, within(EPS));
        assertThat(c.difference()).isCloseTo(0.205, within(EPS));
        assertThat(c.lower()).isCloseTo(0.205 - half, within(EPS));
        assertThat(c.upper()).isCloseTo(0.205 + half, within(EPS));
    }

    @Test
    void of_moreReplicates_usesSmallerT() {
        Estimate random = new Estimate(0.08, 0.02, 0.06, 0.10, 10);
        Estimate dissimilar = new Estimate(0.20, 0.04, 0.17, 0.23, 10);

        DropComparison c = DropComparison.of(7, random, directions(dissimilar));

        // v = 0.0004/10 and 0.0016/10; df = (2e-4)^2 / ((4e-5^2 + 1.6e-4^2) / 9) = 13.2, t(13) = 2.160
        double half = 2.160 * Math.sqrt(0.0002);
        assertThat(c.lower()).isCloseTo(0.12 - half, within(EPS));
        assertThat(c.upper()).isCloseTo(0.12 + half, within(EPS));
    }

    @Test
    void of_directionWithOneSeed_hasNoInterval() {
        DropComparison c = DropComparison.of(2, Estimate.of(0.05, 0.07), directions(Estimate.of(0.2),
                Estimate.of(0.3, 0.4)));

        assertThat(c.difference()).isCloseTo(0.275 - 0.06, within(EPS));
        assertThat(c.lower()).isNaN();
        assertThat(c.upper()).isNaN();
    }

    @Test
    void new_noDirection_throws() {
        assertThatThrownBy(() -> new DropComparison(2, Estimate.of(0.1, 0.2), List.of(), 0.1, 0.0, 0.0, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a drop comparison needs at least one direction of the dissimilar split, got none");
    }

    @Test
    void dissimilarTransfersWorse_judgesTheLargestN() {
        DropComparison small = DropComparison.of(2, Estimate.of(0.01, 0.02, 0.03),
                directions(Estimate.of(0.0, 0.02, 0.04)));
        DropComparison large = DropComparison.of(4, Estimate.of(0.05, 0.06, 0.07),
                directions(Estimate.of(0.15, 0.16, 0.17), Estimate.of(0.25, 0.26, 0.27)));

        FindingVerdict v = DropComparison.dissimilarTransfersWorse(List.of(small, large), 0.01);

        assertThat(v.finding()).isEqualTo(Finding.DISSIMILAR_TASKS_TRANSFER_WORSE);
        assertThat(v.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(v.evidence()).startsWith("(baseB - AnB) / baseB at n=4: dissimilar +0.210 (").contains(
                "; difference +0.150 [");
        assertThat(v.headline()).startsWith("+15.0 [").endsWith(" points at n=4 (relative drop 21.0% dissimilar, "
                + "6.0% random)");
    }

    @Test
    void dissimilarTransfersWorse_sameDrops_notReproduced() {
        DropComparison same = DropComparison.of(4, Estimate.of(0.050, 0.051, 0.052),
                directions(Estimate.of(0.050, 0.051, 0.052)));

        assertThat(DropComparison.dissimilarTransfersWorse(List.of(same), 0.01).verdict())
                .isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void dissimilarTransfersWorse_singleSeed_inconclusive() {
        DropComparison c = DropComparison.of(4, Estimate.of(0.05, 0.07), directions(Estimate.of(0.3)));

        FindingVerdict v = DropComparison.dissimilarTransfersWorse(List.of(c), 0.01);

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.evidence()).isEqualTo("(baseB - AnB) / baseB at n=4: dissimilar +0.300 (A=[0, 1] B=[2, 3]: "
                + "+0.300 (1 split, no interval)), random +0.060 [-0.067, +0.187] (2 splits); difference +0.240 (no "
                + "interval: a study or a direction has a single value)");
        assertThat(v.headline()).isEqualTo("+24.0 (no interval) points at n=4 (relative drop 30.0% dissimilar, 6.0% "
                + "random)");
    }

    @Test
    void dissimilarTransfersWorse_noRows_notMeasured() {
        FindingVerdict v = DropComparison.dissimilarTransfersWorse(List.of(), 0.01);

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.evidence()).isEqualTo("not measured: needs baseB and AnB at a common n in both studies");
    }

    @Test
    void compare_everyNThatEveryStudyMeasured() {
        StudyPlan randomPlan = StudyFixtures.plan().withTreatments(Treatment.BASE_B, Treatment.TRANSFER)
                .withNValues(List.of(2, 4));
        ClassSplit dissimilar = ClassSplit.of(List.of(0, 1), List.of(2, 3));
        StudyResult random = new StudyResult(randomPlan, StudyFixtures.BACKEND, all(
                cells(Treatment.BASE_B, 0, 0.8, 0.8, 0.8), cells(Treatment.TRANSFER, 2, 0.79, 0.78, 0.77),
                cells(Treatment.TRANSFER, 4, 0.75, 0.74, 0.73)), 1.0);
        StudyResult forward = new StudyResult(randomPlan.withSplits(List.of(dissimilar, dissimilar)),
                StudyFixtures.BACKEND, all(cells(Treatment.BASE_B, 0, 0.8, 0.8), cells(Treatment.TRANSFER, 4, 0.6,
                        0.6)), 1.0);
        StudyResult backward = new StudyResult(randomPlan.withSplits(List.of(dissimilar.reversed(),
                dissimilar.reversed())), StudyFixtures.BACKEND, all(cells(Treatment.BASE_B, 0, 0.8, 0.8),
                        cells(Treatment.TRANSFER, 4, 0.7, 0.7)), 1.0);

        List<DropComparison> rows = DropComparison.compare(random, List.of(forward, backward));

        assertThat(rows).extracting(DropComparison::n).containsExactly(4);
        // relative drops: random (0.8 - 0.74) / 0.8 on average; dissimilar 0.2 / 0.8 and 0.1 / 0.8, one per direction
        assertThat(rows.get(0).randomSplitDrop().mean()).isCloseTo(0.075, within(EPS));
        assertThat(rows.get(0).dissimilarSplitDrop()).isCloseTo(0.1875, within(EPS));
        assertThat(rows.get(0).difference()).isCloseTo(0.1125, within(EPS));
        assertThat(rows.get(0).directions()).extracting(DropComparison.DirectionDrop::split)
                .containsExactly(dissimilar, dissimilar.reversed());
        assertThat(rows.get(0).directions().get(0).drop().mean()).isCloseTo(0.25, within(EPS));
        assertThat(rows.get(0).directions().get(1).drop().mean()).isCloseTo(0.125, within(EPS));
    }

    @Test
    void compare_directionOverTwoSplits_throws() {
        StudyPlan plan = StudyFixtures.plan();
        StudyResult a = new StudyResult(plan, StudyFixtures.BACKEND, List.of(), 0.0);

        assertThatThrownBy(() -> DropComparison.compare(a, List.of(a)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a direction's study must list one split (replicated), got 3 in plan quick");
    }

    @Test
    void compare_differentNetworks_throws() {
        StudyPlan plan = StudyFixtures.plan();
        NetworkSpec other = NetworkSpec.builder("other", InputShape.image(1, 8, 8)).dense("fc1", 4).output("fc2");
        StudyPlan otherPlan = new StudyPlan("other", plan.dataset(), plan.splits(), other, plan.config(),
                plan.treatments(), List.of(1), plan.trainImagesPerClass(), plan.testImagesPerClass(), 1.0);
        StudyResult a = new StudyResult(plan, StudyFixtures.BACKEND, List.of(), 0.0);
        StudyResult b = new StudyResult(otherPlan, StudyFixtures.BACKEND, List.of(), 0.0);

        assertThatThrownBy(() -> DropComparison.compare(a, List.of(b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot compare studies of different networks: tiny and other");
    }
}
