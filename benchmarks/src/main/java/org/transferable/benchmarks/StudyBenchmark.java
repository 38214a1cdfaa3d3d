package org.transferable.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import org.transferable.data.Task;
import org.transferable.examples.ExampleArgs;
import org.transferable.examples.FashionMnist;
import org.transferable.examples.Presets;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.study.CellResult;
import org.transferable.study.Study;
import org.transferable.study.StudyPlan;
import org.transferable.study.StudyProgress;
import org.transferable.study.StudyResult;

/**
 * Study-level benchmark: runs the quick replication from scratch in a temporary directory and prints its wall
 * time and training images per second (each cell's training images x epochs, summed, over wall time).
 *
 * <p>Options: {@code --backend NAME}, {@code --preset quick|paper}, {@code --splits K}.
 */
public final class StudyBenchmark {
    private StudyBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) throws Exception {
        ExampleArgs options = ExampleArgs.parse(args, java.util.Set.of("backend", "preset", "splits"),
                java.util.Set.of());
        Backend backend = options.has("backend") ? Backends.load(options.text("backend", "")) : Backends.preferred();
        Task data = FashionMnist.load();
        String preset = options.text("preset", "quick");
        StudyPlan plan = "paper".equals(preset) ? Presets.paper(data) : Presets.quick(data);
        if (options.has("splits")) {
            plan = plan.withSplits(StudyPlan.randomSplits(data.classCount(), options.integer("splits", 1, 1, 100), 0));
        }
        Path dir = Files.createTempDirectory("study-benchmark");
        long start = System.nanoTime();
        StudyResult result = Study.open(plan, dir).run(data, backend, StudyProgress.SILENT);
        double seconds = (System.nanoTime() - start) / 1e9;
        long images = 0;
        for (CellResult cell : result.cells()) {
            images += (long) cell.trainImages() * plan.config().epochs();
        }
        System.out.printf("study %s, backend %s (%s): %d cells, %d training images x epochs, wall %.1f s, %.0f img/s%n",
                plan.name(), backend.name(), backend.engineVersion(), result.cells().size(), images, seconds,
                images / seconds);
    }
}
