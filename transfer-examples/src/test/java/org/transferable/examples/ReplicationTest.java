package org.transferable.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.Task;
import org.transferable.json.Json;
import org.transferable.study.StudyPlan;
import org.transferable.study.StudyResult;
import org.transferable.study.Treatment;

class ReplicationTest {
    private static final Task DATA = FashionMnist.load();

    @Test
    void load_shipsFashionMnist() {
        assertThat(DATA.train().size()).isEqualTo(60_000);
        assertThat(DATA.test().size()).isEqualTo(10_000);
        assertThat(DATA.classNames()).isEqualTo(FashionMnist.CLASS_NAMES);
    }

    @Test
    void plan_quickPresetMeasuresEveryTreatmentAtEveryN() {
        StudyPlan plan = Replication.plan(ExampleArgs.parse(new String[0], Replication.OPTIONS, Replication.FLAGS),
                DATA);
        assertThat(plan.name()).isEqualTo("quick");
        assertThat(plan.spec().layerCount()).isEqualTo(8);
        assertThat(plan.nValues()).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(plan.treatments()).containsExactlyInAnyOrder(Treatment.values());
        assertThat(plan.splits()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void plan_optionsOverrideThePreset() {
        String[] args = {"--preset", "full", "--splits", "3", "--n", "2,5", "--target-fraction", "0.1", "--dissimilar"};
        StudyPlan plan = Replication.plan(ExampleArgs.parse(args, Replication.OPTIONS, Replication.FLAGS), DATA);
        assertThat(plan.name()).isEqualTo("full-dissimilar-fraction0.1");
        assertThat(plan.nValues()).containsExactly(2, 5);
        assertThat(plan.targetFraction()).isEqualTo(0.1);
        assertThat(plan.splits()).containsExactly(FashionMnist.dissimilarSplit(), FashionMnist.dissimilarSplit()
                .reversed());
    }

    @Test
    void plan_unknownPreset() {
        assertThatThrownBy(() -> Replication.plan(
                ExampleArgs.parse(new String[] {"--preset", "huge"}, Replication.OPTIONS, Replication.FLAGS), DATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--preset must be one of [quick, full, smoke], got 'huge'");
    }

    @Test
    void plan_nOutsideTheNetwork() {
        assertThatThrownBy(() -> Replication.plan(
                ExampleArgs.parse(new String[] {"--n", "8"}, Replication.OPTIONS, Replication.FLAGS), DATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("n must be in [1, 7] for network paper8-small with 8 layers");
    }

    @Test
    void main_tinyStudyWritesTableJsonCsvAndBothFigures(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("tiny");
        Replication.main(new String[] {"--splits", "1", "--n", "2", "--train-per-class", "20", "--test-per-class", "10",
            "--epochs", "1", "--out", out.toString()});

        StudyResult result = Json.read(out.resolve("results.json"), StudyResult.class);
        assertThat(result.cells()).hasSize(2 + 5);
        assertThat(result.complete()).isTrue();
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(1 + 7);
        BufferedImage figure = ImageIO.read(out.resolve("figure2.png").toFile());
        assertThat(figure.getWidth()).isEqualTo(1000);
        assertThat(figure.getHeight()).isEqualTo(900);
        BufferedImage filters = ImageIO.read(out.resolve("filters-baseA.png").toFile());
        // 8 filters of 5x5 at 12 px per weight in a 3x3 grid with 4 px gaps
        assertThat(filters.getWidth()).isEqualTo(4 + 3 * (60 + 4));
    }
}
