package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.transferable.study.StudyFixtures.all;
import static org.transferable.study.StudyFixtures.cells;
import static org.transferable.study.StudyFixtures.offset;
import static org.transferable.study.Treatment.BASE_B;
import static org.transferable.study.Treatment.SELFFER;
import static org.transferable.study.Treatment.TRANSFER;
import static org.transferable.study.Treatment.TRANSFER_FINE_TUNED;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

class LayerGeneralityTest {
    private static final double EPS = 1e-12;
    private static final double[] BASE_B_ACC = {0.80, 0.82, 0.84};
    private static final double[] BNB_ACC = {0.79, 0.80, 0.81};   // baseB - BnB = 0.01, 0.02, 0.03
    private static final double[] ANB_ACC = {0.79, 0.79, 0.79};   // BnB - AnB = 0.00, 0.01, 0.02

    private static List<CellResult> measured() {
        return all(cells(BASE_B, 0, BASE_B_ACC), cells(SELFFER, 1, BNB_ACC), cells(TRANSFER, 1, ANB_ACC),
                offset(TRANSFER_FINE_TUNED, 1, BASE_B_ACC, 0.01, 0.01, 0.04));
    }

    @Test
    void of_coAdaptationLoss_isBaseBMinusBnBPairedPerSplit() {
        Estimate e = LayerGenerality.of(measured()).get(0).measure(GeneralityMeasure.CO_ADAPTATION_LOSS).orElseThrow();

        assertThat(e.count()).isEqualTo(3);
        assertThat(e.mean()).isCloseTo(0.02, within(EPS));
        assertThat(e.standardDeviation()).isCloseTo(0.01, within(EPS));
        assertThat(e.halfWidth()).isCloseTo(0.01 * 4.303 / Math.sqrt(3), within(EPS));
    }

    @Test
    void of_specificityLoss_isBnBMinusAnB() {
        Estimate e = LayerGenerality.of(measured()).get(0).measure(GeneralityMeasure.SPECIFICITY_LOSS).orElseThrow();

        assertThat(e.mean()).isCloseTo(0.01, within(EPS));
        assertThat(e.standardDeviation()).isCloseTo(0.01, within(EPS));
    }

    @Test
    void of_fineTuneGain_isAnBPlusMinusBaseB() {
        Estimate e = LayerGenerality.of(measured()).get(0).measure(GeneralityMeasure.FINE_TUNE_GAIN).orElseThrow();

        // gains 0.01, 0.01, 0.04: mean 0.02, sd sqrt((0.0001 + 0.0001 + 0.0004) / 2)
        assertThat(e.mean()).isCloseTo(0.02, within(EPS));
        assertThat(e.standardDeviation()).isCloseTo(Math.sqrt(0.0003), within(EPS));
    }

    @Test
    void of_performanceDrop_isBaseBMinusAnBAbsoluteAndRelative() {
        LayerGenerality g = LayerGenerality.of(measured()).get(0);

        // drops 0.01, 0.03, 0.05
        Estimate drop = g.measure(GeneralityMeasure.PERFORMANCE_DROP).orElseThrow();
        assertThat(drop.mean()).isCloseTo(0.03, within(EPS));
        assertThat(drop.standardDeviation()).isCloseTo(0.02, within(EPS));
        Estimate relative = g.measure(GeneralityMeasure.RELATIVE_PERFORMANCE_DROP).orElseThrow();
        assertThat(relative.mean()).isCloseTo((0.01 / 0.80 + 0.03 / 0.82 + 0.05 / 0.84) / 3, within(EPS));
    }

    @Test
    void of_missingTreatments_leaveTheirMeasuresAbsent() {
        LayerGenerality g = LayerGenerality.of(measured()).get(0);

        assertThat(g.measures().keySet()).containsExactly(GeneralityMeasure.CO_ADAPTATION_LOSS,
                GeneralityMeasure.SPECIFICITY_LOSS, GeneralityMeasure.FINE_TUNE_GAIN,
                GeneralityMeasure.PERFORMANCE_DROP, GeneralityMeasure.RELATIVE_PERFORMANCE_DROP);
        assertThat(g.measure(GeneralityMeasure.SELFFER_FINE_TUNE_CHANGE)).isEmpty();
        assertThat(g.measure(GeneralityMeasure.ADVANTAGE_OVER_RANDOM)).isEmpty();
    }

    @Test
    void of_splitMissingACell_isLeftOutOfThatMeasureOnly() {
        List<CellResult> cells = measured().stream().filter(r -> !r.id().equals("split2-BnB-1")).toList();
        LayerGenerality g = LayerGenerality.of(cells).get(0);

        Estimate co = g.measure(GeneralityMeasure.CO_ADAPTATION_LOSS).orElseThrow();
        assertThat(co.count()).isEqualTo(2);
        assertThat(co.mean()).isCloseTo(0.015, within(EPS));
        assertThat(g.measure(GeneralityMeasure.PERFORMANCE_DROP).orElseThrow().count()).isEqualTo(3);
    }

    @Test
    void of_oneEntryPerMeasuredNAscending() {
        List<CellResult> cells = all(cells(TRANSFER, 3, 0.5, 0.6), cells(TRANSFER, 1, 0.5, 0.6));

        List<LayerGenerality> g = LayerGenerality.of(cells);

        assertThat(g).extracting(LayerGenerality::n).containsExactly(1, 3);
        assertThat(g.get(0).measures()).isEmpty();
    }

    @Test
    void constructor_nZero_throws() {
        assertThatThrownBy(() -> new LayerGenerality(0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be in [1, 10000], got 0");
    }

    @Test
    void json_roundTrip() {
        LayerGenerality g = LayerGenerality.of(measured()).get(0);

        assertThat(Json.read(Json.write(g), LayerGenerality.class)).isEqualTo(g);
    }
}
