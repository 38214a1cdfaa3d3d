package org.transferable.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.Task;
import org.transferable.engine.Engine;
import org.transferable.network.Backend;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.study.Cell;
import org.transferable.study.CellFailure;
import org.transferable.study.CellResult;
import org.transferable.study.Study;
import org.transferable.study.StudyPlan;
import org.transferable.study.StudyProgress;
import org.transferable.study.StudyResult;
import org.transferable.study.Treatment;
import org.transferable.train.TrainingConfig;
import org.transferable.weights.WeightsFile;

/**
 * Tiny real studies on Fashion-MNIST: run one, simulate a kill by deleting finished cells, a saved base and the
 * results (and leaving a half-saved base behind), rerun, and check that only the missing cells ran again and that
 * every number is identical; a study whose training diverges records each cell as failed, with its reason, and a
 * rerun retries them. A backend module extends this class and says which engine.
 */
public abstract class StudyContractTest {
    @TempDir
    Path dir;

    /** @return the engine under test */
    protected abstract Engine engine();

    private static StudyPlan plan() {
        NetworkSpec spec = NetworkSpec.builder("tiny", InputShape.image(1, 28, 28))
                .conv("conv1", 4, 5, Pooling.max(2, 2))
                .dense("fc2", 16)
                .output("out");
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(5);
        return StudyPlan.of("resume", "fashion-mnist", StudyPlan.randomSplits(10, 2, 0), spec, config)
                .withTreatments(Treatment.BASE_A, Treatment.BASE_B, Treatment.TRANSFER, Treatment.TRANSFER_FINE_TUNED)
                .withNValues(List.of(1, 2))
                .withImagesPerClass(40, 20);
    }

    /** Records which cells ran. */
    private static final class Recorder implements StudyProgress {
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        int finishedBefore = -1;

        @Override
        public void studyStarted(StudyPlan plan, int cellCount, int finishedCount) {
            finishedBefore = finishedCount;
        }

        @Override
        public void cellStarted(Cell cell, int finishedCount, int cellCount) {
            started.add(cell.id());
            threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    void run_killedAndRerun_redoesOnlyMissingCellsWithIdenticalNumbers() throws IOException {
        Task data = FashionMnistFixture.load();
        Backend backend = Backend.of(engine());
        Recorder first = new Recorder();
        StudyResult full = Study.open(plan(), dir).run(data, backend, first);
        assertThat(first.started).hasSize(12);
        assertThat(full.complete()).isTrue();
        assertThat(dir.resolve("results.json")).exists();
        Map<Path, FileTime> before = modificationTimes();

        // A kill after split1-baseB: split 1's baseA was never saved (a half-saved copy remains), its cells and
        // one earlier cell of split 0 are missing, and no results were written.
        List<String> lost = List.of("split0-AnB-2", "split1-baseA", "split1-AnB-1", "split1-AnB+-1", "split1-AnB-2",
                "split1-AnB+-2");
        for (String id : lost) {
            Files.delete(dir.resolve("cells").resolve(id + ".json"));
        }
        Path baseA1 = dir.resolve("bases").resolve("split1-baseA");
        Path halfSaved = dir.resolve("bases").resolve(".split1-baseA.tmp-1");
        Files.move(baseA1, halfSaved);
        Files.delete(halfSaved.resolve(WeightsFile.FILE_NAME));
        Files.delete(dir.resolve("results.json"));
        Files.delete(dir.resolve("results.csv"));

        Recorder second = new Recorder();
        StudyResult resumed = Study.open(plan(), dir).run(data, backend, second);

        assertThat(second.finishedBefore).isEqualTo(6);
        // bases first (no worker waits for a base), then the plan's order
        assertThat(second.started).containsExactly("split1-baseA", "split0-AnB-2", "split1-AnB-1", "split1-AnB+-1",
                "split1-AnB-2", "split1-AnB+-2");
        assertThat(halfSaved).doesNotExist();
        Map<Path, FileTime> after = modificationTimes();
        for (Map.Entry<Path, FileTime> e : before.entrySet()) {
            boolean redone = lost.stream().anyMatch(id -> e.getKey().endsWith(id + ".json"))
                    || e.getKey().startsWith(baseA1) || e.getKey().getFileName().toString().startsWith("results.");
            if (!redone) {
                assertThat(after.get(e.getKey())).as("untouched %s", e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(numbers(resumed)).isEqualTo(numbers(full));
        assertThat(resumed.estimates()).isEqualTo(full.estimates());
        assertThat(resumed.generality()).isEqualTo(full.generality());
        assertThat(resumed.findings()).isEqualTo(full.findings());
        assertThat(resumed.toCsv()).isEqualTo(full.toCsv());
        assertThat(Files.readString(dir.resolve("results.csv"))).isEqualTo(full.toCsv());
    }

    @Test
    void run_twoWorkersOfOneThread_givesTheNumbersOfOneWorker() throws IOException {
        Task data = FashionMnistFixture.load();
        Backend backend = Backend.of(engine());
        StudyResult one = Study.open(plan(), dir.resolve("one")).withWorkers(1, 1).run(data, backend,
                StudyProgress.SILENT);
        Recorder recorder = new Recorder();
        Study two = Study.open(plan(), dir.resolve("two")).withWorkers(2, 1);
        StudyResult parallel = two.run(data, backend, recorder);

        assertThat(two.workers()).isEqualTo(2);
        assertThat(recorder.started).hasSize(12);
        boolean limits = backend.limitThreads(1).map(limit -> {
            limit.close();
            return true;
        }).orElse(false);
        // an engine that can limit its threads per thread runs two workers; one that cannot, one cell at a time
        assertThat(recorder.threads).hasSize(limits ? 2 : 1);
        assertThat(parallel.toCsv()).isEqualTo(one.toCsv());
        assertThat(numbers(parallel)).isEqualTo(numbers(one));
        assertThat(Files.readString(dir.resolve("two").resolve("results.csv"))).isEqualTo(one.toCsv());
    }

    @Test
    void run_selfferAndRandomControlOnReducedTarget_copyFromBaseBAndAnUntrainedNetwork() throws IOException {
        StudyPlan plan = plan().withSplits(StudyPlan.randomSplits(10, 1, 3))
                .withTreatments(Treatment.BASE_B, Treatment.SELFFER, Treatment.RANDOM_FROZEN)
                .withNValues(List.of(1)).withTargetFraction(0.5);

        StudyResult result = Study.open(plan, dir).run(FashionMnistFixture.load(), Backend.of(engine()),
                StudyProgress.SILENT);

        assertThat(result.cells()).extracting(CellResult::id).containsExactly("split0-baseB", "split0-BnB-1",
                "split0-RnB-1");
        assertThat(result.cells()).extracting(CellResult::trainImages).containsOnly(5 * 20);
        assertThat(result.cells()).extracting(CellResult::testImages).containsOnly(5 * 20);
        assertThat(result.cells()).extracting(r -> r.provenance().origin()).containsExactly("scratch", "B1B", "R1B");
        assertThat(result.cells()).extracting(r -> r.provenance().frozenLayers()).containsExactly(0, 1, 1);
        assertThat(dir.resolve("bases").resolve("split0-random")).isDirectory();
    }

    @Test
    void open_directoryOfAnotherPlan_isRefusedBeforeTraining() throws IOException {
        Study.open(plan(), dir);

        assertThatThrownBy(() -> Study.open(plan().withNValues(List.of(1)), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("output directory " + dir + " holds another study's plan.json (resume), which differs from "
                        + "this plan (resume) in [nValues]; rerun with the plan in " + dir.resolve("plan.json")
                        + " to resume it, or choose another directory");
    }

    @Test
    void run_dataSetOfAnotherName_isRefusedBeforeTraining() throws IOException {
        Study study = Study.open(plan(), dir);
        Task renamed = FashionMnistFixture.load().named("mnist");

        assertThatThrownBy(() -> study.run(renamed, Backend.of(engine()), StudyProgress.SILENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plan resume is for data set fashion-mnist, got data set mnist");
        assertThat(dir.resolve("cells")).doesNotExist();
    }

    @Test
    void run_divergingTraining_recordsEveryCellAsFailedWithItsReasonAndARerunRetriesThem() throws IOException {
        StudyPlan exploding = plan().withConfig(plan().config().withLearningRate(10).withMomentum(0)
                .withWeightDecay(1).withEpochs(10)).withSplits(StudyPlan.randomSplits(10, 1, 0));
        Recorder first = new Recorder();

        StudyResult result = Study.open(exploding, dir).run(FashionMnistFixture.load(), Backend.of(engine()), first);

        assertThat(result.cells()).isEmpty();
        assertThat(result.failures()).extracting(CellFailure::id).containsExactly("split0-baseA", "split0-baseB",
                "split0-AnB-1", "split0-AnB+-1", "split0-AnB-2", "split0-AnB+-2");
        assertThat(result.failures().get(0).reason()).startsWith("training network tiny (scratch on task A) diverged "
                + "at epoch ");
        assertThat(result.failures().get(2).reason()).isEqualTo(result.failures().get(0).reason());
        assertThat(result.estimates()).isEmpty();
        assertThat(result.toTable()).contains("6 cell(s) failed, not in the table (a rerun retries them):\n"
                + "  split0-baseA: training network tiny (scratch on task A) diverged at epoch ");
        assertThat(dir.resolve("cells").resolve("split0-AnB-1.failed.json")).exists();
        assertThat(dir.resolve("cells").resolve("split0-AnB-1.json")).doesNotExist();

        Recorder second = new Recorder();
        Study.open(exploding, dir).run(FashionMnistFixture.load(), Backend.of(engine()), second);

        assertThat(second.finishedBefore).isZero();
        assertThat(second.started).hasSize(6);
    }

    /** Accuracy, loss and image counts of every cell, by id. */
    private static Map<String, List<Double>> numbers(StudyResult result) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (CellResult r : result.cells()) {
            out.put(r.id(), List.of(r.accuracy(), r.loss(), (double) r.trainImages(), (double) r.testImages()));
        }
        return out;
    }

    private Map<Path, FileTime> modificationTimes() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            Map<Path, FileTime> times = new LinkedHashMap<>();
            for (Path p : files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).collect(Collectors
                    .toList())) {
                times.put(p, Files.getLastModifiedTime(p));
            }
            return times;
        }
    }
}
