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

    @Test
    void of_welchIntervalWithFlooredDegreesOfFreedom() {
        Estimate random = Estimate.of(0.05, 0.06, 0.07);   // sd 0.01, 3 values
        Estimate dissimilar = Estimate.of(0.20, 0.30);     // sd sqrt(0.005), 2 values

        DropComparison c = DropComparison.of(4, random, dissimilar, List.of());

        // se^2 = 0.0001/3 + 0.005/2; Welch df = 1.03, floored to 1, t = 12.706
        double half = 12.706 * Math.sqrt(0.0001 / 3 + 0.0025);
        assertThat(c.difference()).isCloseTo(0.19, within(EPS));
        assertThat(c.lower()).isCloseTo(0.19 - half, within(EPS));
        assertThat(c.upper()).isCloseTo(0.19 + half, within(EPS));
    }

    @Test
    void of_moreSplits_usesSmallerT() {
        Estimate random = new Estimate(0.08, 0.02, 0.06, 0.10, 10);
        Estimate dissimilar = new Estimate(0.20, 0.04, 0.17, 0.23, 10);

        DropComparison c = DropComparison.of(7, random, dissimilar, List.of());

        // v = 0.0004/10 and 0.0016/10; df = (2e-4)^2 / ((4e-5^2 + 1.6e-4^2) / 9) = 13.2, t(13) = 2.160
        double half = 2.160 * Math.sqrt(0.0002);
        assertThat(c.lower()).isCloseTo(0.12 - half, within(EPS));
        assertThat(c.upper()).isCloseTo(0.12 + half, within(EPS));
    }

    @Test
    void of_singleSplit_hasNoInterval() {
        DropComparison c = DropComparison.of(2, Estimate.of(0.05, 0.07), Estimate.of(0.2), List.of());

        assertThat(c.difference()).isCloseTo(0.14, within(EPS));
        assertThat(c.lower()).isNaN();
        assertThat(c.upper()).isNaN();
    }

    @Test
    void dissimilarTransfersWorse_judgesTheLargestN() {
        DropComparison small = DropComparison.of(2, Estimate.of(0.01, 0.02, 0.03), Estimate.of(0.0, 0.02, 0.04),
                List.of());
        DropComparison large = DropComparison.of(4, Estimate.of(0.05, 0.06, 0.07), Estimate.of(0.20, 0.21, 0.22),
                List.of());

        FindingVerdict v = DropComparison.dissimilarTransfersWorse(List.of(small, large), 0.01);

        assertThat(v.finding()).isEqualTo(Finding.DISSIMILAR_TASKS_TRANSFER_WORSE);
        assertThat(v.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(v.evidence()).startsWith("(baseB - AnB) / baseB at n=4: dissimilar +0.210 [").contains(
                "; difference +0.150 [");
        assertThat(v.headline()).startsWith("+15.0 [").endsWith(" points at n=4 (relative drop 21.0% dissimilar, "
                + "6.0% random)");
    }

    @Test
    void dissimilarTransfersWorse_sameDrops_notReproduced() {
        DropComparison same = DropComparison.of(4, Estimate.of(0.050, 0.051, 0.052),
                Estimate.of(0.050, 0.051, 0.052), List.of());

        assertThat(DropComparison.dissimilarTransfersWorse(List.of(same), 0.01).verdict())
                .isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void dissimilarTransfersWorse_singleSplit_inconclusive() {
        DropComparison c = DropComparison.of(4, Estimate.of(0.05, 0.07), Estimate.of(0.3), List.of());

        FindingVerdict v = DropComparison.dissimilarTransfersWorse(List.of(c), 0.01);

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.evidence()).isEqualTo("(baseB - AnB) / baseB at n=4: dissimilar +0.300 (1 split, no interval), "
                + "random +0.060 [-0.067, +0.187] (2 splits); difference +0.240 (no interval: a study has 1 split)");
    }

    @Test
    void dissimilarTransfersWorse_noRows_notMeasured() {
        FindingVerdict v = DropComparison.dissimilarTransfersWorse(List.of(), 0.01);

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.evidence()).isEqualTo("not measured: needs baseB and AnB at a common n in both studies");
    }

    @Test
    void compare_everyCommonN() {
        StudyPlan randomPlan = StudyFixtures.plan().withTreatments(Treatment.BASE_B, Treatment.TRANSFER)
                .withNValues(List.of(2, 4));
        ClassSplit dissimilar = ClassSplit.of(List.of(0, 1), List.of(2, 3));
        StudyPlan dissimilarPlan = randomPlan.withSplits(List.of(dissimilar, dissimilar.reversed()));
        StudyResult random = new StudyResult(randomPlan, StudyFixtures.BACKEND, all(
                cells(Treatment.BASE_B, 0, 0.8, 0.8, 0.8), cells(Treatment.TRANSFER, 2, 0.79, 0.78, 0.77),
                cells(Treatment.TRANSFER, 4, 0.75, 0.74, 0.73)), 1.0);
        StudyResult dissimilarResult = new StudyResult(dissimilarPlan, StudyFixtures.BACKEND, all(
                cells(Treatment.BASE_B, 0, 0.8, 0.8), cells(Treatment.TRANSFER, 4, 0.6, 0.7)), 1.0);

        List<DropComparison> rows = DropComparison.compare(random, dissimilarResult);

        assertThat(rows).extracting(DropComparison::n).containsExactly(4);
        // relative drops: random (0.8 - 0.74) / 0.8 on average; dissimilar 0.2 / 0.8 and 0.1 / 0.8, one per direction
        assertThat(rows.get(0).randomSplitDrop().mean()).isCloseTo(0.075, within(EPS));
        assertThat(rows.get(0).dissimilarSplitDrop().mean()).isCloseTo(0.1875, within(EPS));
        assertThat(rows.get(0).difference()).isCloseTo(0.1125, within(EPS));
        assertThat(rows.get(0).directions()).extracting(DropComparison.DirectionDrop::split)
                .containsExactly(dissimilar, dissimilar.reversed());
        assertThat(rows.get(0).directions().get(0).drop().mean()).isCloseTo(0.25, within(EPS));
        assertThat(rows.get(0).directions().get(1).drop().mean()).isCloseTo(0.125, within(EPS));
    }

    @Test
    void compare_differentNetworks_throws() {
        StudyPlan plan = StudyFixtures.plan();
        NetworkSpec other = NetworkSpec.builder("other", InputShape.image(1, 8, 8)).dense("fc1", 4).output("fc2");
        StudyPlan otherPlan = new StudyPlan("other", plan.dataset(), plan.splits(), other, plan.config(),
                plan.treatments(), List.of(1), plan.trainImagesPerClass(), plan.testImagesPerClass(), 1.0);
        StudyResult a = new StudyResult(plan, StudyFixtures.BACKEND, List.of(), 0.0);
        StudyResult b = new StudyResult(otherPlan, StudyFixtures.BACKEND, List.of(), 0.0);

        assertThatThrownBy(() -> DropComparison.compare(a, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot compare studies of different networks: tiny and other");
    }
}
