package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a study's results while another process runs it: nothing is written or removed. */
class StudySnapshotTest {
    @TempDir
    Path dir;

    @Test
    void snapshot_ofARunningStudy_readsFinishedAndFailedCellsAndLeavesEveryFileAlone() throws IOException {
        StudyPlan plan = StudyFixtures.plan();
        StudyDirectory writer = StudyDirectory.open(dir, plan);
        List<Cell> cells = plan.cells();
        writer.write(StudyFixtures.result(cells.get(0), 0.9));
        writer.write(StudyFixtures.result(cells.get(1), 0.8));
        writer.write(new CellFailure(cells.get(2), "the loss is NaN", 1.5, StudyFixtures.BACKEND));
        Path halfSaved = Files.createDirectories(dir.resolve("bases").resolve(".split0-baseB.tmp-123"));

        StudyResult result = Study.snapshot(plan, dir);

        assertThat(result.cells()).extracting(CellResult::cell).containsExactlyInAnyOrder(cells.get(0), cells.get(1));
        assertThat(result.failures()).extracting(CellFailure::cell).containsExactly(cells.get(2));
        assertThat(result.backend()).isEqualTo(StudyFixtures.BACKEND);
        assertThat(result.complete()).isFalse();
        assertThat(halfSaved).isDirectory();
    }

    @Test
    void snapshot_ofADirectoryNotYetWritten_isEmptyAndCreatesNothing() throws IOException {
        Path out = dir.resolve("not-yet");

        StudyResult result = Study.snapshot(StudyFixtures.plan(), out);

        assertThat(result.cells()).isEmpty();
        assertThat(result.backend()).isEqualTo("none");
        assertThat(out).doesNotExist();
    }

    @Test
    void snapshot_ofAnotherPlansDirectory_throwsNamingTheDirectory() throws IOException {
        Study.open(StudyFixtures.plan(), dir);
        StudyPlan other = StudyFixtures.plan().withConfig(StudyFixtures.config().withEpochs(3));

        assertThatThrownBy(() -> Study.snapshot(other, dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("output directory " + dir + " holds another study's plan.json (quick)");
    }
}
