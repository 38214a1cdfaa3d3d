package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.transferable.study.StudyFixtures.plan;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.data.ClassSplit;
import org.transferable.json.Json;

class StudyPlanTest {
    @Test
    void of_defaultsToEveryTreatmentAtEveryNWithAllData() {
        StudyPlan plan = plan();

        assertThat(plan.treatments()).containsExactlyElementsOf(EnumSet.allOf(Treatment.class));
        assertThat(plan.nValues()).containsExactly(1, 2, 3, 4);
        assertThat(plan.trainImagesPerClass()).isEqualTo(Integer.MAX_VALUE);
        assertThat(plan.testImagesPerClass()).isEqualTo(Integer.MAX_VALUE);
        assertThat(plan.targetFraction()).isEqualTo(1.0);
    }

    @Test
    void withNValues_sortsThem() {
        assertThat(plan().withNValues(List.of(3, 1)).nValues()).containsExactly(1, 3);
    }

    @Test
    void withTreatments_keepsDeclarationOrder() {
        assertThat(plan().withTreatments(Treatment.TRANSFER, Treatment.BASE_B).treatments())
                .containsExactly(Treatment.BASE_B, Treatment.TRANSFER);
    }

    @Test
    void constructor_nAboveLMinus1_throwsNamingRangeAndLayers() {
        assertThatThrownBy(() -> plan().withNValues(List.of(1, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be in [1, 4] for network tiny with 5 layers [conv1, conv2, fc3, fc4, fc5], got 5");
    }

    @Test
    void constructor_nZero_throws() {
        assertThatThrownBy(() -> plan().withNValues(List.of(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be in [1, 4] for network tiny with 5 layers [conv1, conv2, fc3, fc4, fc5], got 0");
    }

    @Test
    void constructor_duplicateN_throws() {
        assertThatThrownBy(() -> plan().withNValues(List.of(2, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n 2 is listed twice in [2, 3, 2]");
    }

    @Test
    void constructor_noNWithCopyingTreatments_throws() {
        assertThatThrownBy(() -> plan().withTreatments(Treatment.BASE_B, Treatment.TRANSFER).withNValues(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no n values given but treatments [AnB] copy layers; list n in [1, 4]");
    }

    @Test
    void constructor_noNWithBasesOnly_isAccepted() {
        StudyPlan bases = plan().withTreatments(Treatment.BASE_A, Treatment.BASE_B).withNValues(List.of());

        assertThat(bases.cells()).hasSize(6);
    }

    @Test
    void constructor_noSplits_throws() {
        assertThatThrownBy(() -> plan().withSplits(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a study needs at least 1 class split, got none");
    }

    @Test
    void constructor_noTreatments_throws() {
        assertThatThrownBy(() -> plan().withTreatments())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a study needs at least 1 treatment, got none");
    }

    @Test
    void constructor_zeroTrainingCap_throws() {
        assertThatThrownBy(() -> plan().withImagesPerClass(0, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training images per class must be in [1, 2147483647], got 0");
    }

    @Test
    void constructor_zeroTestCap_throws() {
        assertThatThrownBy(() -> plan().withImagesPerClass(300, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test images per class must be in [1, 2147483647], got 0");
    }

    @Test
    void constructor_targetFractionZero_throws() {
        assertThatThrownBy(() -> plan().withTargetFraction(0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target training fraction must be in (0, 1], got 0.0");
    }

    @Test
    void constructor_targetFractionAboveOne_throws() {
        assertThatThrownBy(() -> plan().withTargetFraction(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target training fraction must be in (0, 1], got 1.5");
    }

    @Test
    void constructor_blankName_throws() {
        assertThatThrownBy(() -> StudyPlan.of(" ", "four-classes", StudyFixtures.splits(), StudyFixtures.spec(),
                StudyFixtures.config()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("study name must not be blank");
    }

    @Test
    void constructor_blankDataset_throws() {
        assertThatThrownBy(() -> StudyPlan.of("quick", "", StudyFixtures.splits(), StudyFixtures.spec(),
                StudyFixtures.config()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset name must not be blank");
    }

    @Test
    void json_roundTrip_givesAnEqualPlanWithTheSameFingerprint() {
        StudyPlan plan = plan().withImagesPerClass(300, 100).withTargetFraction(0.25)
                .withTreatments(Treatment.TRANSFER_FINE_TUNED, Treatment.BASE_B).withNValues(List.of(4, 2));

        StudyPlan read = Json.read(Json.write(plan), StudyPlan.class);

        assertThat(read).isEqualTo(plan);
        assertThat(Json.write(read)).isEqualTo(Json.write(plan));
        assertThat(read.fingerprint()).isEqualTo(plan.fingerprint()).hasSize(64);
    }

    @Test
    void json_treatmentsInAnyOrder_readAsTheSamePlan() {
        String json = Json.write(plan().withTreatments(Treatment.BASE_B, Treatment.TRANSFER))
                .replace("\"baseB\", \"AnB\"", "\"AnB\", \"baseB\"");

        assertThat(Json.read(json, StudyPlan.class).fingerprint())
                .isEqualTo(plan().withTreatments(Treatment.BASE_B, Treatment.TRANSFER).fingerprint());
    }

    @Test
    void fingerprint_changesWithAnyField() {
        String base = plan().fingerprint();

        assertThat(plan().withNValues(List.of(1, 2)).fingerprint()).isNotEqualTo(base);
        assertThat(plan().withConfig(StudyFixtures.config().withSeed(8)).fingerprint()).isNotEqualTo(base);
        assertThat(plan().withTargetFraction(0.5).fingerprint()).isNotEqualTo(base);
        assertThat(plan().fingerprint()).isEqualTo(base);
    }

    @Test
    void differences_namesTheTopLevelFields() {
        StudyPlan other = plan().withConfig(StudyFixtures.config().withEpochs(2)).withNValues(List.of(1));

        assertThat(plan().differences(other)).containsExactly("config", "nValues");
        assertThat(plan().differences(plan())).isEmpty();
    }

    @Test
    void cells_basesFirstThenNAscendingPerSplit() {
        StudyPlan plan = plan().withSplits(StudyFixtures.splits().subList(0, 2)).withNValues(List.of(1, 2))
                .withTreatments(Treatment.BASE_A, Treatment.BASE_B, Treatment.TRANSFER, Treatment.TRANSFER_FINE_TUNED);

        assertThat(plan.cells()).extracting(Cell::id).containsExactly(
                "split0-baseA", "split0-baseB", "split0-AnB-1", "split0-AnB+-1", "split0-AnB-2", "split0-AnB+-2",
                "split1-baseA", "split1-baseB", "split1-AnB-1", "split1-AnB+-1", "split1-AnB-2", "split1-AnB+-2");
    }

    @Test
    void cells_everyTreatmentAtEveryN() {
        assertThat(plan().cells()).hasSize(3 * (2 + 5 * 4));
    }

    @Test
    void contains_onlyCellsOfThePlan() {
        StudyPlan plan = plan().withNValues(List.of(2)).withTreatments(Treatment.BASE_B, Treatment.TRANSFER);

        assertThat(plan.contains(Cell.copying(2, Treatment.TRANSFER, 2))).isTrue();
        assertThat(plan.contains(Cell.base(0, Treatment.BASE_B))).isTrue();
        assertThat(plan.contains(Cell.copying(3, Treatment.TRANSFER, 2))).isFalse();
        assertThat(plan.contains(Cell.copying(0, Treatment.TRANSFER, 1))).isFalse();
        assertThat(plan.contains(Cell.base(0, Treatment.BASE_A))).isFalse();
    }

    @Test
    void randomSplits_seedsFromFirstSeedOn() {
        assertThat(StudyPlan.randomSplits(10, 3, 5))
                .containsExactly(ClassSplit.random(10, 5), ClassSplit.random(10, 6), ClassSplit.random(10, 7));
    }

    @Test
    void randomSplits_zeroCount_throws() {
        assertThatThrownBy(() -> StudyPlan.randomSplits(10, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split count must be in [1, 1000], got 0");
    }
}
