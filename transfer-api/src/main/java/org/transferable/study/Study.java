package org.transferable.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferable.data.Task;
import org.transferable.network.Backend;
import org.transferable.network.Network;
import org.transferable.train.Evaluation;
import org.transferable.train.TrainingDivergedException;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.Transfer;

/**
 * A study bound to its output directory. {@link #open} checks the directory against the plan before anything is
 * trained; {@link #run} measures every cell not yet on disk, writing each as it finishes, and returns the whole
 * result. A cell whose training (or whose base's) diverges is recorded as failed with its reason
 * ({@link CellFailure}) and the study goes on; a rerun retries it:
 *
 * <pre>{@code
 * Study study = Study.open(plan, Path.of("runs/quick"));  // refuses a directory that holds another plan
 * StudyResult result = study.run(dataset, backend, StudyProgress.auto());
 * }</pre>
 *
 * <p>Killing a run at any moment and running again with the same plan and directory finishes the study without
 * redoing finished cells, with the same numbers: every seed is derived from the plan ({@link Seeds}), base
 * networks are saved once per split and always loaded from disk, and files are written atomically. One INFO line
 * per finished cell is logged through SLF4J.
 */
public final class Study {
    private static final Logger LOG = LoggerFactory.getLogger(Study.class);

    private final StudyPlan plan;
    private final StudyDirectory directory;

    private Study(StudyPlan plan, StudyDirectory directory) {
        this.plan = plan;
        this.directory = directory;
    }

    /**
     * Binds a plan to an output directory, creating it and its {@code plan.json} if needed.
     *
     * @param outputDirectory new, empty, or holding the same plan (then the study resumes)
     * @return the study
     * @throws IllegalStateException when the directory holds another plan: "output directory D holds another
     *     study's plan.json (a), which differs from this plan (b) in [fields]; ..."
     */
    public static Study open(StudyPlan plan, Path outputDirectory) throws IOException {
        Objects.requireNonNull(plan, "plan must not be null");
        Objects.requireNonNull(outputDirectory, "output directory must not be null");
        return new Study(plan, StudyDirectory.open(outputDirectory, plan));
    }

    /** @return the plan */
    public StudyPlan plan() {
        return plan;
    }

    /** @return the output directory */
    public Path directory() {
        return directory.root();
    }

    /**
     * The cells finished so far, read from disk (e.g. to draw a partial figure while a study runs).
     *
     * @return finished cells in execution order
     */
    public List<CellResult> finishedCells() throws IOException {
        List<CellResult> done = new ArrayList<>();
        for (Cell cell : plan.cells()) {
            directory.read(cell).ifPresent(done::add);
        }
        return List.copyOf(done);
    }

    /**
     * Runs every cell not yet on disk, then writes {@code results.json} and {@code results.csv}.
     *
     * @param dataset the whole data set; its name must be the plan's dataset
     * @param backend trains the networks; must be the backend of any cells already on disk
     * @param progress hears progress, e.g. {@link StudyProgress#auto()}
     * @return the complete result
     * @throws IllegalArgumentException when the data set's name or classes do not match the plan
     * @throws IllegalStateException when finished cells on disk were trained by another backend
     */
    public StudyResult run(Task dataset, Backend backend, StudyProgress progress) throws IOException {
        Objects.requireNonNull(dataset, "dataset must not be null");
        Objects.requireNonNull(backend, "backend must not be null");
        Objects.requireNonNull(progress, "progress must not be null");
        if (!dataset.name().equals(plan.dataset())) {
            throw new IllegalArgumentException("plan " + plan.name() + " is for data set " + plan.dataset()
                    + ", got data set " + dataset.name());
        }
        SplitData.checkClasses(plan, dataset);
        Map<Cell, CellResult> results = new LinkedHashMap<>();
        for (CellResult r : finishedCells()) {
            if (!r.backend().equals(backend.name())) {
                throw new IllegalStateException("output directory " + directory.root() + " holds cell " + r.id()
                        + " trained by backend " + r.backend() + "; this run uses backend " + backend.name());
            }
            results.put(r.cell(), r);
        }
        Map<Cell, CellFailure> failures = new LinkedHashMap<>();
        List<Cell> cells = plan.cells();
        progress.studyStarted(plan, cells.size(), results.size());
        try {
            for (int split = 0; split < plan.splits().size(); split++) {
                runSplit(split, dataset, backend, progress, results, failures);
            }
        } finally {
            progress.studyEnded();
        }
        double seconds = results.values().stream().mapToDouble(CellResult::wallSeconds).sum()
                + failures.values().stream().mapToDouble(CellFailure::wallSeconds).sum();
        StudyResult result = new StudyResult(plan, backend.name(), List.copyOf(results.values()),
                List.copyOf(failures.values()), seconds);
        directory.writeResult(result);
        return result;
    }

    private void runSplit(int split, Task dataset, Backend backend, StudyProgress progress,
            Map<Cell, CellResult> results, Map<Cell, CellFailure> failures) throws IOException {
        List<Cell> todo = plan.cells().stream().filter(c -> c.split() == split && !results.containsKey(c)).toList();
        if (todo.isEmpty()) {
            return;
        }
        SplitData data = SplitData.prepare(plan, dataset, split);
        BaseNetworks bases = new BaseNetworks(plan, data, backend, directory);
        int total = plan.cells().size();
        for (Cell cell : todo) {
            progress.cellStarted(cell, results.size(), total);
            long start = System.nanoTime();
            try {
                Network network = train(cell, data, bases, progress);
                Task task = cell.treatment().onTaskA() ? data.a() : data.b();
                Evaluation evaluation = network.evaluate(task.test());
                double seconds = (System.nanoTime() - start) / 1e9;
                CellResult result = new CellResult(cell, evaluation.accuracy(), evaluation.loss(),
                        task.train().size(), evaluation.images(), seconds, backend.name(), network.provenance());
                directory.write(result);
                results.put(cell, result);
                LOG.info("cell {} accuracy {} in {} s", cell.id(),
                        String.format(Locale.ROOT, "%.4f", result.accuracy()),
                        String.format(Locale.ROOT, "%.1f", seconds));
                progress.cellFinished(result, results.size(), total);
            } catch (TrainingDivergedException e) {
                CellFailure failure = new CellFailure(cell, e.getMessage(), (System.nanoTime() - start) / 1e9,
                        backend.name());
                directory.write(failure);
                failures.put(cell, failure);
                LOG.warn("cell {} failed: {}", cell.id(), e.getMessage());
                progress.cellFailed(failure, results.size(), total);
            }
        }
    }

    private Network train(Cell cell, SplitData data, BaseNetworks bases, StudyProgress progress) throws IOException {
        BaseNetworks.Kind kind = BaseNetworks.Kind.of(cell.treatment());
        Network source = bases.get(kind, listener(progress, cell, "split" + cell.split() + "-" + kind.folder()));
        if (!cell.treatment().copiesLayers()) {
            return source;
        }
        Transfer.Copied copied = Transfer.from(source).copy(cell.n());
        Transfer transfer = cell.treatment().fineTuned() ? copied.fineTune() : copied.freeze();
        long seed = Seeds.transfer(plan.config().seed(), cell.split(), cell.n());
        return transfer.train(data.b(), plan.config().withSeed(seed), listener(progress, cell, cell.id()));
    }

    private static TrainingListener listener(StudyProgress progress, Cell cell, String network) {
        return new TrainingListener() {
            @Override
            public void onProgress(long images, long totalImages) {
                progress.training(cell, network, images, totalImages);
            }

            @Override
            public void onEpoch(int epoch, double meanLoss) {
                progress.epoch(cell, network, epoch, meanLoss);
            }
        };
    }
}
