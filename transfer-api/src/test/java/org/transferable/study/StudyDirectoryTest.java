package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.json.Json;

/** The on-disk checks of a study, which happen before any backend is involved. */
class StudyDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void open_newDirectory_writesPlanJson() throws IOException {
        Path out = dir.resolve("runs").resolve("quick");

        Study study = Study.open(StudyFixtures.plan(), out);

        assertThat(study.directory()).isEqualTo(out);
        assertThat(Files.readString(out.resolve("plan.json"))).isEqualTo(Json.write(StudyFixtures.plan()));
        assertThat(study.finishedCells()).isEmpty();
    }

    @Test
    void open_samePlanAgain_resumes() throws IOException {
        Study.open(StudyFixtures.plan(), dir);

        assertThat(Study.open(Json.read(Json.write(StudyFixtures.plan()), StudyPlan.class), dir).plan())
                .isEqualTo(StudyFixtures.plan());
    }

    @Test
    void open_directoryHoldingAnotherPlan_throwsNamingDirectoryAndFields() throws IOException {
        Study.open(StudyFixtures.plan(), dir);
        StudyPlan other = StudyFixtures.plan().withConfig(StudyFixtures.config().withEpochs(3)).withNValues(List.of(2));

        assertThatThrownBy(() -> Study.open(other, dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("output directory " + dir + " holds another study's plan.json (quick), which differs from "
                        + "this plan (quick) in [config, nValues]; rerun with the plan in " + dir.resolve("plan.json")
                        + " to resume it, or choose another directory");
        assertThat(Files.readString(dir.resolve("plan.json"))).isEqualTo(Json.write(StudyFixtures.plan()));
    }

    @Test
    void open_directoryHoldingAnotherStudysName_throws() throws IOException {
        Study.open(StudyFixtures.plan(), dir);
        StudyPlan renamed = StudyPlan.of("full", "four-classes", StudyFixtures.splits(), StudyFixtures.spec(),
                StudyFixtures.config());

        assertThatThrownBy(() -> Study.open(renamed, dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("output directory " + dir + " holds another study's plan.json (quick), which differs from "
                        + "this plan (full) in [name]; rerun with the plan in " + dir.resolve("plan.json")
                        + " to resume it, or choose another directory");
    }

    @Test
    void open_unreadablePlanJson_throws() throws IOException {
        Files.writeString(dir.resolve("plan.json"), "{\"name\": \"quick\"}");

        assertThatThrownBy(() -> Study.open(StudyFixtures.plan(), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("output directory " + dir + " holds a plan.json that is not a readable study "
                        + "plan (invalid StudyPlan JSON: ")
                .hasMessageEndingWith("); choose another directory");
    }

    @Test
    void open_removesHalfSavedBasesAndKeepsSavedOnes() throws IOException {
        Path half = Files.createDirectories(dir.resolve("bases").resolve(".split0-baseA.tmp-123"));
        Files.writeString(half.resolve("model.zip"), "half");
        Path saved = Files.createDirectories(dir.resolve("bases").resolve("split0-baseB"));
        Files.writeString(saved.resolve("model.zip"), "whole");

        Study.open(StudyFixtures.plan(), dir);

        assertThat(half).doesNotExist();
        assertThat(saved.resolve("model.zip")).hasContent("whole");
    }

    @Test
    void finishedCells_readsWrittenCellsInOrder() throws IOException {
        StudyDirectory directory = StudyDirectory.open(dir, StudyFixtures.plan());
        CellResult anb = StudyFixtures.result(Cell.copying(0, Treatment.TRANSFER, 2), 0.75);
        CellResult base = StudyFixtures.result(Cell.base(1, Treatment.BASE_B), 0.8);
        directory.write(anb);
        directory.write(base);

        assertThat(Study.open(StudyFixtures.plan(), dir).finishedCells()).containsExactly(anb, base);
        assertThat(dir.resolve("cells").resolve("split0-AnB-2.json")).exists();
    }

    @Test
    void finishedCells_fileHoldingAnotherCell_throws() throws IOException {
        StudyDirectory directory = StudyDirectory.open(dir, StudyFixtures.plan());
        Cell baseB = Cell.base(0, Treatment.BASE_B);
        Json.writeAtomically(directory.cellFile(baseB), StudyFixtures.result(Cell.base(0, Treatment.BASE_A), 0.9));

        assertThatThrownBy(() -> directory.read(baseB))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cell file " + directory.cellFile(baseB) + " holds cell split0-baseA, not split0-baseB");
    }

    @Test
    void finishedCells_corruptFile_throwsNamingIt() throws IOException {
        StudyDirectory directory = StudyDirectory.open(dir, StudyFixtures.plan());
        Cell baseB = Cell.base(0, Treatment.BASE_B);
        Files.createDirectories(directory.cellFile(baseB).getParent());
        Files.writeString(directory.cellFile(baseB), "{\"cell\": ");

        assertThatThrownBy(() -> directory.read(baseB))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cell file " + directory.cellFile(baseB) + " is not a readable cell result (")
                .hasMessageEndingWith("); delete it to recompute the cell");
    }
}
