package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.transferable.study.StudyFixtures.all;
import static org.transferable.study.StudyFixtures.cells;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;

class StudyResultTest {
    private static StudyPlan plan() {
        return StudyFixtures.plan().withSplits(StudyFixtures.splits().subList(0, 2)).withNValues(List.of(1, 2))
                .withTreatments(Treatment.BASE_A, Treatment.BASE_B, Treatment.TRANSFER, Treatment.TRANSFER_FINE_TUNED);
    }

    /** 9 of the plan's 12 cells; AnB at n = 2 from split 0 only, AnB+ at n = 2 not measured. */
    private static StudyResult result() {
        return new StudyResult(plan(), StudyFixtures.BACKEND, all(
                cells(Treatment.TRANSFER_FINE_TUNED, 1, 0.81, 0.83),
                cells(Treatment.TRANSFER, 2, 0.70),
                cells(Treatment.BASE_A, 0, 0.90, 0.92),
                cells(Treatment.BASE_B, 0, 0.80, 0.82),
                cells(Treatment.TRANSFER, 1, 0.78, 0.80)), 22.5);
    }

    @Test
    void constructor_sortsCellsInExecutionOrder() {
        assertThat(result().cells()).extracting(CellResult::id).containsExactly("split0-baseA", "split0-baseB",
                "split0-AnB-1", "split0-AnB+-1", "split0-AnB-2", "split1-baseA", "split1-baseB", "split1-AnB-1",
                "split1-AnB+-1");
    }

    @Test
    void constructor_cellOutsideThePlan_throws() {
        assertThatThrownBy(() -> new StudyResult(plan(), StudyFixtures.BACKEND, cells(Treatment.SELFFER, 1, 0.8), 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cell split0-BnB-1 is not part of plan quick");
    }

    @Test
    void constructor_duplicateCell_throws() {
        List<CellResult> twice = all(cells(Treatment.BASE_B, 0, 0.8), cells(Treatment.BASE_B, 0, 0.7));

        assertThatThrownBy(() -> new StudyResult(plan(), StudyFixtures.BACKEND, twice, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cell split0-baseB appears twice");
    }

    @Test
    void constructor_cellOfAnotherBackend_throws() {
        assertThatThrownBy(() -> new StudyResult(plan(), "dl4j", cells(Treatment.BASE_B, 0, 0.8), 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cell split0-baseB was trained by backend hand-made, not dl4j");
    }

    @Test
    void constructor_negativeWallSeconds_throws() {
        assertThatThrownBy(() -> new StudyResult(plan(), StudyFixtures.BACKEND, List.of(), -1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wall seconds must be finite and >= 0, got -1.0");
    }

    @Test
    void complete_onlyWithEveryCell() {
        assertThat(result().complete()).isFalse();
        StudyPlan bases = plan().withTreatments(Treatment.BASE_B);
        assertThat(new StudyResult(bases, StudyFixtures.BACKEND, cells(Treatment.BASE_B, 0, 0.8, 0.82), 1.0)
                .complete()).isTrue();
    }

    @Test
    void estimates_perTreatmentAndNOverSplits() {
        StudyResult result = result();

        assertThat(result.estimates()).extracting(e -> e.treatment().label() + "-" + e.n() + ":" + e.accuracy().count())
                .containsExactly("baseA-0:2", "baseB-0:2", "AnB-1:2", "AnB-2:1", "AnB+-1:2");
        assertThat(result.estimate(Treatment.BASE_B, 0).orElseThrow().mean()).isCloseTo(0.81, within(1e-12));
        assertThat(result.estimate(Treatment.TRANSFER_FINE_TUNED, 2)).isEmpty();
    }

    @Test
    void cell_findsAMeasuredCell() {
        assertThat(result().cell(Cell.copying(0, Treatment.TRANSFER, 2)).orElseThrow().accuracy()).isEqualTo(0.70);
        assertThat(result().cell(Cell.copying(1, Treatment.TRANSFER, 2))).isEmpty();
    }

    @Test
    void json_roundTrip_recomputesTheAnalysis() {
        StudyResult result = result();
        String json = Json.write(result);

        StudyResult read = Json.read(json, StudyResult.class);

        assertThat(read).isEqualTo(result);
        assertThat(read.estimates()).isEqualTo(result.estimates());
        assertThat(read.findings()).isEqualTo(result.findings());
        assertThat(json).contains("\"estimates\"", "\"generality\"", "\"findings\"", "\"split0-AnB+-1\"");
        assertThat(Json.write(read)).isEqualTo(json);
    }

    @Test
    void toCsv_oneRowPerCellWithBasesAtNZero() {
        StudyPlan plan = plan().withTreatments(Treatment.BASE_B, Treatment.TRANSFER_FINE_TUNED);
        StudyResult result = new StudyResult(plan, StudyFixtures.BACKEND, List.of(
                new CellResult(Cell.copying(1, Treatment.TRANSFER_FINE_TUNED, 2), 0.625, 1.5, 40, 20, 3.0,
                        StudyFixtures.BACKEND, StudyFixtures.provenance()),
                new CellResult(Cell.base(0, Treatment.BASE_B), 0.8125, 0.4375, 40, 20, 3.0, StudyFixtures.BACKEND,
                        StudyFixtures.provenance())), 6.0);

        assertThat(result.toCsv()).isEqualTo("""
                split,treatment,n,accuracy,loss,status
                0,baseB,0,0.8125,0.4375,ok
                1,AnB+,2,0.625,1.5,ok
                """);
    }

    @Test
    void flagged_cellsNearChanceAreListedInTableAndCsvAndLeftOutOfEveryEstimate() {
        StudyPlan plan = plan().withTreatments(Treatment.BASE_B, Treatment.TRANSFER_FINE_TUNED)
                .withNValues(List.of(2));
        StudyResult result = new StudyResult(plan, StudyFixtures.BACKEND, all(cells(Treatment.BASE_B, 0, 0.8, 0.54),
                cells(Treatment.TRANSFER_FINE_TUNED, 2, 0.85, 0.9)), 1.0);

        assertThat(result.flagged()).extracting(f -> f.cell().id()).containsExactly("split1-baseB");
        assertThat(result.flagged().get(0).reason()).isEqualTo("accuracy 0.540 is within 0.05 of chance (0.500 for 2 "
                + "classes): the network did not learn");
        assertThat(result.estimate(Treatment.BASE_B, 0).orElseThrow().count()).isEqualTo(1);
        assertThat(result.estimate(Treatment.BASE_B, 0).orElseThrow().mean()).isEqualTo(0.8);
        assertThat(result.toCsv()).contains("\n1,baseB,0,0.54,0.25,flagged: accuracy 0.540 is within 0.05 of chance "
                + "(0.500 for 2 classes): the network did not learn\n");
        assertThat(result.toTable()).contains("1 cell(s) flagged, measured but not in the table or the verdicts:\n"
                + "  split1-baseB: accuracy 0.540 is within 0.05 of chance");
    }

    @Test
    void collapseMargin_outOfRange_fails() {
        assertThatThrownBy(() -> plan().withCollapseMargin(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("collapse margin must be in [0.0, 1.0), got 1.0");
    }

    @Test
    void toTable_meansWithHalfWidthsPerNAndTreatment() {
        // two splits: half-width = 12.706 * sd / sqrt(2) = 12.706 * 0.01 = 0.127; baseA's interval passes 1
        assertThat(result().toTable()).isEqualTo("""
                study quick on four-classes (backend hand-made, 2 splits, 9/12 cells): test accuracy, \
                mean ± 95% CI half-width
                baseA 0.910 ± 0.127*   baseB 0.810 ± 0.127
                  n  AnB              AnB+
                  1  0.790 ± 0.127    0.820 ± 0.127
                  2  0.700            -
                """ + StudyTable.OUTSIDE_NOTE);
    }

    @Test
    void toTable_basesOnly_hasNoNRows() {
        StudyPlan bases = plan().withTreatments(Treatment.BASE_B).withNValues(List.of());
        StudyResult result = new StudyResult(bases, StudyFixtures.BACKEND, cells(Treatment.BASE_B, 0, 0.8), 1.0);

        assertThat(result.toTable()).isEqualTo("""
                study quick on four-classes (backend hand-made, 2 splits, 1/2 cells): test accuracy, \
                mean ± 95% CI half-width
                baseB 0.800
                """);
    }

    @Test
    void toTable_intervalOutsideZeroToOne_isMarkedAndExplained() {
        StudyPlan bases = plan().withTreatments(Treatment.BASE_B).withNValues(List.of());
        StudyResult result = new StudyResult(bases, StudyFixtures.BACKEND, cells(Treatment.BASE_B, 0, 0.95, 0.99),
                1.0);

        // half-width 12.706 * 0.0283 / sqrt(2) = 0.254: the interval reaches 1.224
        assertThat(result.toTable()).contains("baseB 0.970 ± 0.254*\n").endsWith("* its 95% interval reaches "
                + "outside [0, 1]: a t interval (mean ± t sd / sqrt(splits)) is symmetric and ignores accuracy's "
                + "bounds; so wide an interval means the splits disagree too much to pin this accuracy down\n");
    }
}
