package org.transferable.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.examples.PaperNetworks;

/** The study's multiply-add counts, checked against the sums written out by hand. */
class StudyArithmeticTest {
    private static final List<Long> THREE = List.of(100L, 10L, 1L);

    @Test
    void cell_everyLayerTrained_isForwardWeightAndInputGradientsButTheFirstInputs() {
        // per step: forward 111, weights' gradients 111, inputs' gradients of layers 2..3: 11
        assertThat(StudyArithmetic.cell(THREE, 0, 20, 5, 3, true)).isEqualTo(20 * 3 * 233 + 5 * 111);
    }

    @Test
    void step_everyLayerTrained_isThreeForwardPassesLessTheFirstInputs() {
        // forward 111, weights' gradients 111, inputs' gradients of layers 2..3: 11
        assertThat(StudyArithmetic.step(THREE, 0, true)).isEqualTo(233);
        // layer 1 frozen and recomputed: 100 more than the 23 above it
        assertThat(StudyArithmetic.step(THREE, 1, true)).isEqualTo(123);
    }

    @Test
    void cell_frozenPrefixOnce_runsItForEveryImageOnce() {
        // layers 1 frozen: per step forward 11, weights' gradients 11, inputs' gradients of layer 3: 1;
        // the prefix (100) once for each of the 25 images; evaluation above it: 11
        assertThat(StudyArithmetic.cell(THREE, 1, 20, 5, 3, false)).isEqualTo(20 * 3 * 23 + 5 * 11 + 25 * 100);
    }

    @Test
    void cell_frozenPrefixRecomputed_runsItInEveryStepAndEvaluation() {
        assertThat(StudyArithmetic.cell(THREE, 1, 20, 5, 3, true)).isEqualTo(20 * 3 * 123 + 5 * 111);
    }

    @Test
    void perSplit_threeLayers_countsTwoBasesAndFiveCellsPerN() {
        StudyArithmetic.Work work = StudyArithmetic.perSplit(THREE, 20, 5, 3);
        long full = StudyArithmetic.cell(THREE, 0, 20, 5, 3, true);

        // n = 1, 2: two fine-tuned cells each, plus the two bases
        assertThat(work.everyLayerTrained()).isEqualTo(6 * full);
        assertThat(work.atLeast()).isEqualTo(6 * full + 3 * StudyArithmetic.cell(THREE, 1, 20, 5, 3, false)
                + 3 * StudyArithmetic.cell(THREE, 2, 20, 5, 3, false));
        assertThat(work.naive()).isEqualTo(6 * full + 3 * StudyArithmetic.cell(THREE, 1, 20, 5, 3, true)
                + 3 * StudyArithmetic.cell(THREE, 2, 20, 5, 3, true));
    }

    @Test
    void multiplyAdds_smallNet_sumsToTheFigureInTheReadme() {
        List<Long> layers = PaperNetworks.small().multiplyAdds(5);

        // conv1 28x28 x 8 x 5x5 x 1, conv2 14x14 x 16 x 5x5 x 8, conv3-5 7x7 x 3x3, fc6 16x3x3 x 64, fc7, fc8 64 x 5
        assertThat(layers).containsExactly(156_800L, 627_200L, 169_344L, 254_016L, 169_344L, 9_216L, 4_096L, 320L);
        assertThat(layers.stream().mapToLong(Long::longValue).sum()).isEqualTo(1_390_336L);
    }

    @Test
    void perSplit_smallNetAtTheIssueSizes_cachesAtMostAFewPercent() {
        StudyArithmetic.Work work = StudyArithmetic.perSplit(PaperNetworks.small().multiplyAdds(5), 1250, 1000, 2);

        // 1,390,336 multiply-adds per image forward; a split's 16 cells that train every layer and its 21 frozen
        // cells need 2.86e11 at least, the naive sweep 3.13e11
        assertThat(work.atLeast()).isBetween(285_000_000_000L, 287_000_000_000L);
        assertThat(work.naive()).isBetween(312_000_000_000L, 314_000_000_000L);
        assertThat((double) work.everyLayerTrained() / work.atLeast()).isBetween(0.63, 0.65);
    }
}
