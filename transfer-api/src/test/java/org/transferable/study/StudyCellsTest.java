package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hooks of a runner that measures cells elsewhere: the source cells, one cell's run, and the final result. */
class StudyCellsTest {
    @TempDir
    Path dir;

    @Test
    void sourceCells_everyTreatment_areEachSplitsBasesAndFirstRandomCell() throws IOException {
        Study study = Study.open(StudyFixtures.plan(), dir);

        assertThat(study.sourceCells()).extracting(Cell::id).containsExactly(
                "split0-baseA", "split0-baseB", "split0-RnB-1", "split1-baseA", "split1-baseB", "split1-RnB-1",
                "split2-baseA", "split2-baseB", "split2-RnB-1");
    }

    @Test
    void sourceCells_withoutBaseTreatments_areTheFirstCellsThatCopyEachSource() throws IOException {
        StudyPlan plan = StudyFixtures.plan().withTreatments(Treatment.TRANSFER, Treatment.SELFFER_FINE_TUNED)
                .withNValues(List.of(2, 3));

        assertThat(Study.open(plan, dir).sourceCells()).extracting(Cell::id).containsExactly(
                "split0-BnB+-2", "split0-AnB-2", "split1-BnB+-2", "split1-AnB-2", "split2-BnB+-2", "split2-AnB-2");
    }

    @Test
    void runCells_cellOfAnotherPlan_throwsBeforeReadingAnything() throws IOException {
        Study study = Study.open(StudyFixtures.plan(), dir);

        // the cells are checked first, so neither a data set nor a backend is needed to see the error
        assertThatThrownBy(() -> study.runCells(List.of(Cell.base(3, Treatment.BASE_A)), null, null,
                StudyProgress.SILENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cell split3-baseA is not part of plan quick");
    }

    @Test
    void writeResult_cellsOnDisk_writesTheResultOfTheFinishedAndFailedCells() throws IOException {
        StudyPlan plan = StudyFixtures.plan();
        StudyDirectory directory = StudyDirectory.open(dir, plan);
        CellResult anb = StudyFixtures.result(Cell.copying(0, Treatment.TRANSFER, 2), 0.75);
        CellResult base = StudyFixtures.result(Cell.base(1, Treatment.BASE_B), 0.8);
        CellFailure failed = new CellFailure(Cell.base(2, Treatment.BASE_A), "loss is NaN", 1.5,
                StudyFixtures.BACKEND);
        directory.write(anb);
        directory.write(base);
        directory.write(failed);

        StudyResult result = Study.open(plan, dir).writeResult(StudyFixtures.BACKEND);

        StudyResult expected = new StudyResult(plan, StudyFixtures.BACKEND, List.of(base, anb), List.of(failed),
                2.5 + 2.5 + 1.5);
        assertThat(result).isEqualTo(expected);
        assertThat(dir.resolve("results.csv")).hasContent(expected.toCsv());
        assertThat(dir.resolve("results.json")).exists();
    }

    @Test
    void attach_leavesHalfSavedBasesThatOpenRemoves() throws IOException {
        Study.open(StudyFixtures.plan(), dir);
        Path half = Files.createDirectories(dir.resolve("bases").resolve(".split0-baseA.tmp-1"));

        Study.attach(StudyFixtures.plan(), StudyStorage.local(dir));
        assertThat(half).exists();

        Study.open(StudyFixtures.plan(), StudyStorage.local(dir));
        assertThat(half).doesNotExist();
    }

    @Test
    void attach_storageWithAnotherPlan_throws() throws IOException {
        Study.open(StudyFixtures.plan(), dir);

        assertThatThrownBy(() -> Study.attach(StudyFixtures.plan().withNValues(List.of(1)), StudyStorage.local(dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("output directory " + dir + " holds another study's plan.json (quick), which differs from "
                        + "this plan (quick) in [nValues]; rerun with the plan in " + dir.resolve("plan.json")
                        + " to resume it, or choose another directory");
    }
}
