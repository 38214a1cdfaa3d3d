package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.transferable.study.StudyFixtures.all;
import static org.transferable.study.StudyFixtures.cells;
import static org.transferable.study.StudyFixtures.offset;
import static org.transferable.study.Treatment.BASE_B;
import static org.transferable.study.Treatment.RANDOM_FROZEN;
import static org.transferable.study.Treatment.SELFFER;
import static org.transferable.study.Treatment.SELFFER_FINE_TUNED;
import static org.transferable.study.Treatment.TRANSFER;
import static org.transferable.study.Treatment.TRANSFER_FINE_TUNED;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule on hand-made accuracies; the network has L = 5 layers, so n runs over 1..4 and middle n are 2, 3. */
class FindingsTest {
    private static final double[] BASE = {0.80, 0.81, 0.82};
    private static final double[] FLAT = {0.0, 0.0, 0.0};

    private static FindingVerdict judge(Finding finding, List<CellResult> cells) {
        return Findings.assess(cells, 5, Findings.DEFAULT_MARGIN).get(finding.ordinal());
    }

    private static List<CellResult> base() {
        return cells(BASE_B, 0, BASE);
    }

    /** BnB = baseB - dip at n. */
    private static List<CellResult> selffer(int n, double... dip) {
        return offset(SELFFER, n, BASE, -dip[0], -dip[1], -dip[2]);
    }

    @Test
    void assess_returnsFiveVerdictsInFindingOrder() {
        assertThat(Findings.assess(base(), 5, 0.01)).extracting(FindingVerdict::finding).containsExactly(
                Finding.CO_ADAPTATION, Finding.FINE_TUNING_REPAIRS_CO_ADAPTATION, Finding.SPECIFICITY,
                Finding.TRANSFER_FINE_TUNED_GENERALISES, Finding.RANDOM_WEIGHTS_WORSE);
    }

    @Test
    void assess_negativeMargin_throws() {
        assertThatThrownBy(() -> Findings.assess(base(), 5, -0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("margin must be in [0.0, 1.0], got -0.1");
    }

    @Test
    void assess_noCells_everyFindingNotMeasured() {
        assertThat(Findings.assess(List.of(), 5, 0.01)).extracting(FindingVerdict::evidence).containsExactly(
                "not measured: needs baseB, BnB", "not measured: needs baseB, BnB+", "not measured: needs BnB, AnB",
                "not measured: needs baseB, AnB+", "not measured: needs AnB, RnB");
        assertThat(Findings.assess(List.of(), 5, 0.01)).extracting(FindingVerdict::verdict)
                .containsOnly(Verdict.INCONCLUSIVE);
    }

    @Test
    void coAdaptation_significantDipAtAMiddleN_reproduced() {
        FindingVerdict v = judge(Finding.CO_ADAPTATION, all(base(), selffer(1, FLAT), selffer(2, 0.03, 0.04, 0.05),
                selffer(4, FLAT)));

        assertThat(v.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(v.evidence()).isEqualTo("baseB - BnB at n=2: +0.040 [+0.015, +0.065] (3 splits)");
    }

    @Test
    void coAdaptation_dipsBelowMarginAtEveryMiddleN_notReproduced() {
        FindingVerdict v = judge(Finding.CO_ADAPTATION, all(base(), selffer(2, 0.000, 0.001, 0.002),
                selffer(3, 0.001, 0.002, 0.003)));

        assertThat(v.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void coAdaptation_wideInterval_inconclusive() {
        FindingVerdict v = judge(Finding.CO_ADAPTATION, all(base(), selffer(2, -0.02, 0.00, 0.04)));

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void coAdaptation_largeDipFromOneSplit_inconclusive() {
        FindingVerdict v = judge(Finding.CO_ADAPTATION, all(cells(BASE_B, 0, 0.8), cells(SELFFER, 2, 0.5)));

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.evidence()).isEqualTo("baseB - BnB at n=2: +0.300 (1 split, no interval)");
    }

    @Test
    void coAdaptation_noMiddleN_inconclusive() {
        FindingVerdict v = judge(Finding.CO_ADAPTATION, all(base(), selffer(1, FLAT), selffer(4, 0.1, 0.1, 0.1)));

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.evidence()).isEqualTo("no middle n in [2, 3] measured");
    }

    @Test
    void coAdaptation_withoutBnB_notMeasured() {
        FindingVerdict v = judge(Finding.CO_ADAPTATION, base());

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.evidence()).isEqualTo("not measured: needs BnB");
    }

    private static List<CellResult> selfferPlus(int n, double... change) {
        return offset(SELFFER_FINE_TUNED, n, BASE, change);
    }

    @Test
    void fineTuningRepairs_withinMarginAtEveryN_reproduced() {
        List<CellResult> cells = all(base(), selfferPlus(1, -0.002, 0.0, 0.002), selfferPlus(2, -0.002, 0.0, 0.002),
                selfferPlus(3, -0.006, -0.005, -0.004), selfferPlus(4, 0.01, 0.015, 0.02));

        assertThat(judge(Finding.FINE_TUNING_REPAIRS_CO_ADAPTATION, cells).verdict()).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    void fineTuningRepairs_significantDropAtOneN_notReproduced() {
        List<CellResult> cells = all(base(), selfferPlus(1, -0.002, 0.0, 0.002), selfferPlus(3, -0.05, -0.04, -0.03));

        assertThat(judge(Finding.FINE_TUNING_REPAIRS_CO_ADAPTATION, cells).verdict())
                .isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void fineTuningRepairs_wideInterval_inconclusive() {
        List<CellResult> cells = all(base(), selfferPlus(1, -0.002, 0.0, 0.002), selfferPlus(2, -0.04, 0.0, 0.02));

        assertThat(judge(Finding.FINE_TUNING_REPAIRS_CO_ADAPTATION, cells).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    /** BnB at 0.80 in every split; AnB = BnB - loss. */
    private static List<CellResult> specificity(int n, double... loss) {
        double[] bnb = {0.80, 0.80, 0.80};
        return all(cells(SELFFER, n, bnb), offset(TRANSFER, n, bnb, -loss[0], -loss[1], -loss[2]));
    }

    @Test
    void specificity_gapGrowsWithN_reproduced() {
        FindingVerdict v = judge(Finding.SPECIFICITY, all(specificity(1, 0.0, 0.01, 0.0),
                specificity(4, 0.05, 0.06, 0.07)));

        assertThat(v.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(v.evidence()).isEqualTo("BnB - AnB at n=1: +0.003 [-0.011, +0.018] (3 splits), at n=4: "
                + "+0.060 [+0.035, +0.085] (3 splits); growth +0.057 [+0.028, +0.085] (3 splits)");
    }

    @Test
    void specificity_gapGrowsLessThanMargin_notReproduced() {
        FindingVerdict v = judge(Finding.SPECIFICITY, all(specificity(1, 0.01, 0.01, 0.01),
                specificity(4, 0.010, 0.011, 0.012)));

        assertThat(v.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void specificity_wideInterval_inconclusive() {
        FindingVerdict v = judge(Finding.SPECIFICITY, all(specificity(1, FLAT), specificity(4, -0.02, 0.0, 0.05)));

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void specificity_oneN_inconclusive() {
        FindingVerdict v = judge(Finding.SPECIFICITY, specificity(2, 0.05, 0.06, 0.07));

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.evidence()).isEqualTo("needs BnB and AnB at 2 or more n, measured at [2]");
    }

    private static List<CellResult> transferPlus(double... gain) {
        return all(offset(TRANSFER_FINE_TUNED, 1, BASE, gain), offset(TRANSFER_FINE_TUNED, 2, BASE, gain));
    }

    @Test
    void transferFineTuned_gainNotBelowMargin_reproduced() {
        FindingVerdict v = judge(Finding.TRANSFER_FINE_TUNED_GENERALISES, all(base(), transferPlus(0.01, 0.02, 0.03)));

        assertThat(v.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(v.evidence()).isEqualTo("AnB+ - baseB averaged over n=[1, 2]: +0.020 [-0.005, +0.045] (3 splits)");
    }

    @Test
    void transferFineTuned_significantLoss_notReproduced() {
        FindingVerdict v = judge(Finding.TRANSFER_FINE_TUNED_GENERALISES,
                all(base(), transferPlus(-0.06, -0.05, -0.04)));

        assertThat(v.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void transferFineTuned_wideInterval_inconclusive() {
        FindingVerdict v = judge(Finding.TRANSFER_FINE_TUNED_GENERALISES, all(base(), transferPlus(-0.05, 0.0, 0.03)));

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    /** RnB at 0.5 in every split; AnB = RnB + advantage. */
    private static List<CellResult> random(int n, double... advantage) {
        double[] rnb = {0.5, 0.5, 0.5};
        return all(cells(RANDOM_FROZEN, n, rnb), offset(TRANSFER, n, rnb, advantage));
    }

    @Test
    void randomWeights_transferBetterAtEveryNFrom2_reproduced() {
        FindingVerdict v = judge(Finding.RANDOM_WEIGHTS_WORSE, all(random(1, -0.01, 0.0, 0.01),
                random(2, 0.2, 0.3, 0.25), random(3, 0.3, 0.35, 0.4)));

        assertThat(v.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(v.evidence()).startsWith("AnB - RnB at n=2: +0.250 [").contains(", n=3: +0.350 [");
    }

    @Test
    void randomWeights_noAdvantageAtOneN_notReproduced() {
        FindingVerdict v = judge(Finding.RANDOM_WEIGHTS_WORSE, all(random(2, 0.2, 0.3, 0.25),
                random(3, 0.0, 0.001, 0.002)));

        assertThat(v.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void randomWeights_wideInterval_inconclusive() {
        FindingVerdict v = judge(Finding.RANDOM_WEIGHTS_WORSE, all(random(2, 0.2, 0.3, 0.25),
                random(3, -0.1, 0.0, 0.3)));

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void randomWeights_onlyN1_inconclusive() {
        FindingVerdict v = judge(Finding.RANDOM_WEIGHTS_WORSE, random(1, 0.2, 0.3, 0.25));

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.evidence()).isEqualTo("no n >= 2 measured");
    }

    @Test
    void randomWeights_withoutRnB_notMeasured() {
        FindingVerdict v = judge(Finding.RANDOM_WEIGHTS_WORSE, cells(TRANSFER, 2, BASE));

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.evidence()).isEqualTo("not measured: needs RnB");
    }

    @Test
    void toString_readsAsOneLine() {
        FindingVerdict v = judge(Finding.RANDOM_WEIGHTS_WORSE, cells(TRANSFER, 2, BASE));

        assertThat(v).hasToString("(5) random frozen weights are worse than transferred ones (AnB > RnB for n >= 2): "
                + "INCONCLUSIVE - not measured: needs RnB");
    }
}
