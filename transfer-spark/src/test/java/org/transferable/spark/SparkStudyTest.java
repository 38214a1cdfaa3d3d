package org.transferable.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.Task;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.study.Study;
import org.transferable.study.StudyPlan;
import org.transferable.study.StudyProgress;
import org.transferable.study.StudyResult;
import org.transferable.study.Treatment;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.train.TrainingConfig;

/**
 * A tiny real study on Fashion-MNIST (2 splits, 16 cells, 40 training images per class, 1 epoch) run serially and as
 * Spark tasks in {@code local[2]}: the same {@code results.csv}, byte for byte; a rerun after a simulated kill
 * measures only the missing cells; a directory that holds another plan is refused.
 */
class SparkStudyTest {
    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkStudy.context("local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    static StudyPlan plan() {
        NetworkSpec spec = NetworkSpec.builder("tiny", InputShape.image(1, 28, 28))
                .conv("conv1", 4, 5, Pooling.max(2, 2))
                .dense("fc2", 16)
                .output("out");
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(5);
        return StudyPlan.of("spark", "fashion-mnist", StudyPlan.randomSplits(10, 2, 0), spec, config)
                .withTreatments(Treatment.BASE_A, Treatment.BASE_B, Treatment.TRANSFER, Treatment.TRANSFER_FINE_TUNED,
                        Treatment.RANDOM_FROZEN)
                .withNValues(List.of(1, 2))
                .withImagesPerClass(40, 20);
    }

    static DatasetSource data() {
        return DatasetSource.idx(FashionMnistFixture.directory().toString(), "fashion-mnist",
                FashionMnistFixture.CLASS_NAMES);
    }

    private StudyResult runOnSpark(Path out) throws IOException {
        return SparkStudy.open(plan(), out.toString(), spark).run(data(), "djl");
    }

    /** @return every file under the folder, relative path to content */
    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    @Test
    void run_localTwoTasks_writesTheSerialResultsCsv() throws IOException {
        Path serial = dir.resolve("serial");
        Path onSpark = dir.resolve("spark");
        StudyResult expected = Study.open(plan(), serial).withWorkers(1, 1)
                .run(FashionMnistFixture.load(), Backends.load("djl"), StudyProgress.SILENT);

        StudyResult result = runOnSpark(onSpark);

        assertThat(result.complete()).isTrue();
        assertThat(result.cells()).hasSize(16);
        assertThat(result.toCsv()).isEqualTo(expected.toCsv());
        assertThat(onSpark.resolve("results.csv")).hasSameBinaryContentAs(serial.resolve("results.csv"));
        assertThat(files(onSpark).keySet()).isEqualTo(files(serial).keySet());
    }

    @Test
    void withBaseA_networkOfTheDriver_isSavedOnceAndGivesTheSerialResultsCsv() throws IOException {
        Backend djl = Backends.load("djl");
        Task split0A = plan().splits().get(0).apply(FashionMnistFixture.load()).a();
        Network given = djl.initialise(plan().spec(), split0A, 77);
        Path serial = dir.resolve("serial");
        Path onSpark = dir.resolve("spark");
        StudyResult expected = Study.open(plan(), serial).withBaseA(0, given).withWorkers(1, 1)
                .run(FashionMnistFixture.load(), djl, StudyProgress.SILENT);

        StudyResult result = SparkStudy.open(plan(), onSpark.toString(), spark).withBaseA(0, given).run(data(), "djl");

        assertThat(result.toCsv()).isEqualTo(expected.toCsv());
        assertThat(djl.load(onSpark.resolve("bases").resolve("split0-baseA")).weights().digest(3))
                .isEqualTo(given.weights().digest(3));
        // the given base is untrained: its baseA cell has no training run, where a trained one has one
        assertThat(result.cells().stream().filter(c -> c.id().equals("split0-baseA")).findFirst().orElseThrow()
                .provenance().training()).isEmpty();
        assertThat(result.cells().stream().filter(c -> c.id().equals("split1-baseA")).findFirst().orElseThrow()
                .provenance().training()).hasSize(1);
    }

    @Test
    void run_afterAKill_measuresOnlyTheMissingCells() throws IOException {
        Path out = dir.resolve("spark");
        StudyResult first = runOnSpark(out);
        Map<String, String> before = files(out);
        Files.delete(out.resolve("cells").resolve("split1-AnB-2.json"));
        Files.delete(out.resolve("cells").resolve("split0-AnB+-1.json"));
        Files.delete(out.resolve("results.csv"));
        Path halfSaved = Files.createDirectories(out.resolve("bases").resolve(".split1-baseA.tmp-123"));
        Files.writeString(halfSaved.resolve("weights.safetensors"), "half");

        StudyResult second = runOnSpark(out);

        Map<String, String> after = files(out);
        assertThat(second.toCsv()).isEqualTo(first.toCsv());
        assertThat(out.resolve("results.csv")).hasContent(first.toCsv());
        assertThat(halfSaved).doesNotExist();
        for (String file : before.keySet()) {
            boolean redone = file.endsWith("split1-AnB-2.json") || file.endsWith("split0-AnB+-1.json")
                    || file.startsWith("results");
            if (!redone) {
                assertThat(after.get(file)).as(file).isEqualTo(before.get(file));
            }
        }
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after.get("cells/split1-AnB-2.json")).isNotEqualTo(before.get("cells/split1-AnB-2.json"));
    }

    @Test
    void open_directoryWithAnotherPlan_throws() throws IOException {
        Path out = dir.resolve("spark");
        SparkStudy.open(plan(), out.toString(), spark);

        assertThatThrownBy(() -> SparkStudy.open(plan().withNValues(List.of(1)), out.toString(), spark))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("output directory " + out + " holds another study's plan.json (spark), which differs "
                        + "from this plan (spark) in [nValues]; rerun with the plan in " + out.resolve("plan.json")
                        + " to resume it, or choose another directory");
    }

    @Test
    void run_unknownBackend_throwsNamingTheAvailableOnes() throws IOException {
        SparkStudy study = SparkStudy.open(plan(), dir.resolve("spark").toString(), spark);

        assertThatThrownBy(() -> study.run(data(), "none"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no backend named 'none' on the class path; available: [djl]");
    }
}
