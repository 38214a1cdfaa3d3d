package org.transferable.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferable.Checks;
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
    private final int workers;
    /** Engine threads per worker; 0: the processor count divided by the workers. */
    private final int threadsPerWorker;
    /** Split to the network given as its baseA ({@link #withBaseA}); the other splits train theirs. */
    private final Map<Integer, Network> givenBaseA;

    private Study(StudyPlan plan, StudyDirectory directory, int workers, int threadsPerWorker,
            Map<Integer, Network> givenBaseA) {
        this.plan = plan;
        this.directory = directory;
        this.workers = workers;
        this.threadsPerWorker = threadsPerWorker;
        this.givenBaseA = Map.copyOf(givenBaseA);
    }

    private Study(StudyPlan plan, StudyDirectory directory) {
        this(plan, directory, 1, 0, Map.of());
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

    /**
     * Binds a plan to a study's storage (another file system than the local one, e.g. Hadoop's in transfer-spark),
     * as {@link #open(StudyPlan, Path)} binds it to a local directory.
     *
     * @param storage new, empty, or holding the same plan (then the study resumes)
     * @return the study
     * @throws IllegalStateException when the storage holds another plan
     */
    public static Study open(StudyPlan plan, StudyStorage storage) throws IOException {
        Objects.requireNonNull(plan, "plan must not be null");
        Objects.requireNonNull(storage, "storage must not be null");
        return new Study(plan, StudyDirectory.open(storage, plan));
    }

    /**
     * The study as a worker of a distributed run sees it, after the runner has {@link #open opened} it: the plan is
     * checked against the storage, and nothing is written or removed until {@link #runCells} measures a cell (in
     * particular not the temporary folders that other workers are saving).
     *
     * @return the study
     * @throws IllegalStateException when the storage holds another plan
     */
    public static Study attach(StudyPlan plan, StudyStorage storage) throws IOException {
        Objects.requireNonNull(plan, "plan must not be null");
        Objects.requireNonNull(storage, "storage must not be null");
        return new Study(plan, StudyDirectory.inspect(storage, plan));
    }

    /**
     * What a study has measured so far, read from its directory without writing or removing anything, so that it
     * can be reported while the study runs in another process (or after it was stopped): the finished cells and the
     * failed ones, as a partial result ({@link StudyResult#complete()} tells). Nothing is trained.
     *
     * @param outputDirectory the study's directory; one that does not exist yet gives an empty result
     * @return the result so far, with the backend that trained its cells ({@code "none"} before the first) and no
     *     wall time
     * @throws IllegalStateException when the directory holds another plan
     */
    public static StudyResult snapshot(StudyPlan plan, Path outputDirectory) throws IOException {
        Objects.requireNonNull(plan, "plan must not be null");
        Objects.requireNonNull(outputDirectory, "output directory must not be null");
        StudyDirectory directory = StudyDirectory.inspect(outputDirectory, plan);
        Study study = new Study(plan, directory);
        List<CellResult> done = study.finishedCells();
        String backend = done.isEmpty() ? "none" : done.get(0).backend();
        return new StudyResult(plan, backend, done, study.failedCells(done), 0.0);
    }

    /** @return the records of failed attempts of the cells not in {@code done} */
    private List<CellFailure> failedCells(List<CellResult> done) throws IOException {
        Set<Cell> finished = done.stream().map(CellResult::cell).collect(Collectors.toSet());
        List<CellFailure> failed = new ArrayList<>();
        for (Cell cell : plan.cells()) {
            if (!finished.contains(cell)) {
                directory.readFailure(cell).ifPresent(failed::add);
            }
        }
        return failed;
    }

    /**
     * The same study run by several workers, each training one cell at a time with the engine's threads divided
     * among them ({@link Backend#limitThreads}): the processor count divided by the workers, at least 1. On two cores
     * two PyTorch workers of one thread each trained twice as many images per second as one worker of two threads.
     * The numbers do not depend on how many workers run or in which order cells finish (every cell's seeds come from
     * the plan), but an engine may round differently with another intra-op thread count, so a study run with one
     * worker on a two-core machine and one with two workers can differ in the last digits. A backend that cannot
     * limit its threads per thread trains one cell at a time whatever this says.
     *
     * @param count workers, in [1, 256]; 1 (the default of {@link #open}) trains every cell on the calling thread
     * @return the study with that many workers
     * @throws IllegalArgumentException "workers must be in [1, 256], got 0"
     */
    public Study withWorkers(int count) {
        Checks.inRange("workers", count, 1, 256);
        return new Study(plan, directory, count, 0, givenBaseA);
    }

    /**
     * The same study run by several workers with a fixed number of engine threads each, so that the numbers do not
     * depend on the machine's processor count: a study run with one thread per worker gives the same numbers with
     * any number of workers.
     *
     * @param count workers, in [1, 256]
     * @param threadsEach engine threads per worker, in [1, 4096]
     * @return the study with that many workers and threads
     * @throws IllegalArgumentException "workers must be in [1, 256], got 0", "threads per worker must be in
     *     [1, 4096], got 0"
     */
    public Study withWorkers(int count, int threadsEach) {
        Checks.inRange("workers", count, 1, 256);
        Checks.inRange("threads per worker", threadsEach, 1, 4096);
        return new Study(plan, directory, count, threadsEach, givenBaseA);
    }

    /**
     * The same study with a network trained elsewhere as one split's baseA instead of one trained from scratch:
     * e.g. a network imported from DL4J or PyTorch and trained on the classes of the split's half A. Its AnB and AnB+
     * cells copy from it, its baseA cell evaluates it on A's test images, and everything else (baseB, BnB, the random
     * control) is trained as usual. The network is saved as the split's base the first time the study needs it; a
     * study resumed later loads that copy, given again or not, and one whose saved baseA holds other weights than the
     * given network is refused, so an interrupted study resumes with the same source.
     *
     * @param split the split, in [0, splits - 1]
     * @param network the base: the plan's spec, and as many classes as the split's half A (their names are checked
     *     against the data set's when the study runs)
     * @return the study with that base
     * @throws IllegalArgumentException "split must be in [0, 2], got 3", "the given baseA of split 0 has spec
     *     {..}, the plan's spec is {..}", "the given baseA of split 0 has 4 classes, half A of split 0 has 5"
     */
    public Study withBaseA(int split, Network network) {
        BaseNetworks.checkGiven(plan, split, network);
        Map<Integer, Network> given = new LinkedHashMap<>(givenBaseA);
        given.put(split, network);
        return new Study(plan, directory, workers, threadsPerWorker, given);
    }

    /** @return workers that train cells at once, see {@link #withWorkers} */
    public int workers() {
        return workers;
    }

    /** @return the plan */
    public StudyPlan plan() {
        return plan;
    }

    /**
     * @return the output directory
     * @throws IllegalStateException when the study is not stored in a local directory (see {@link StudyStorage})
     */
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
        Map<Cell, CellResult> results = finished(plan.cells(), dataset, backend, progress);
        Map<Cell, CellFailure> failures = new ConcurrentHashMap<>();
        Run run = new Run(dataset, backend, progress, results, failures, plan.cells().size());
        List<Cell> todo = schedule(plan.cells().stream().filter(c -> !results.containsKey(c)).toList());
        progress.studyStarted(plan, plan.cells().size(), results.size());
        try {
            run.all(todo, Math.min(workers, Math.max(1, todo.size())));
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

    /**
     * One cell per source network of each split (baseA, baseB, the random weights of RnB), the first in execution
     * order that needs it: measuring it builds and saves that source. A distributed runner measures these first, one
     * task each, so that the tasks of the other cells only load their sources ({@link #runCells}).
     *
     * @return the cells, in execution order
     */
    public List<Cell> sourceCells() {
        Map<String, Cell> first = new LinkedHashMap<>();
        for (Cell cell : plan.cells()) {
            first.putIfAbsent(cell.split() + "-" + BaseNetworks.Kind.of(cell.treatment()), cell);
        }
        return List.copyOf(first.values());
    }

    /**
     * The {@link #sourceCells() source cells} whose source is a network given to {@link #withBaseA}: a distributed
     * runner measures them where it holds that network (its driver), which saves it for the other tasks to load.
     *
     * @return the cells, in execution order
     */
    public List<Cell> givenSourceCells() {
        return sourceCells().stream().filter(c -> BaseNetworks.Kind.of(c.treatment()) == BaseNetworks.Kind.BASE_A
                && givenBaseA.containsKey(c.split())).toList();
    }

    /**
     * Measures some of the plan's cells, those not yet on disk, on the calling thread (or this study's workers),
     * writing each as it finishes, and building any source network not yet saved; writes no results. For a
     * distributed runner, whose tasks each measure a cell and which then calls {@link #writeResult}; a rerun (or a
     * retried task) skips a finished cell.
     *
     * @param cells cells of the plan
     * @param dataset the whole data set; its name must be the plan's dataset
     * @param backend trains the networks; must be the backend of the given cells already on disk
     * @param progress hears progress
     * @throws IllegalArgumentException when a cell is not part of the plan, or the data set does not match it
     * @throws IllegalStateException when one of the cells on disk was trained by another backend
     */
    public void runCells(List<Cell> cells, Task dataset, Backend backend, StudyProgress progress) throws IOException {
        Objects.requireNonNull(cells, "cells must not be null");
        for (Cell cell : cells) {
            if (!plan.contains(cell)) {
                throw new IllegalArgumentException("cell " + cell.id() + " is not part of plan " + plan.name());
            }
        }
        Map<Cell, CellResult> results = finished(cells, dataset, backend, progress);
        Run run = new Run(dataset, backend, progress, results, new ConcurrentHashMap<>(), plan.cells().size());
        List<Cell> todo = schedule(cells.stream().distinct().filter(c -> !results.containsKey(c)).toList());
        run.all(todo, Math.min(workers, Math.max(1, todo.size())));
    }

    /**
     * Writes {@code results.json} and {@code results.csv} from the cells on disk, as {@link #run} does at its end:
     * for a runner that measured the cells elsewhere ({@link #runCells}).
     *
     * @param backend name of the backend that trained the cells
     * @return the result: every finished cell, and the failed attempts of the others
     * @throws IllegalArgumentException when a finished cell was trained by another backend
     */
    public StudyResult writeResult(String backend) throws IOException {
        List<CellResult> done = finishedCells();
        List<CellFailure> failed = failedCells(done);
        double seconds = done.stream().mapToDouble(CellResult::wallSeconds).sum()
                + failed.stream().mapToDouble(CellFailure::wallSeconds).sum();
        StudyResult result = new StudyResult(plan, backend, done, failed, seconds);
        directory.writeResult(result);
        return result;
    }

    /**
     * Checks the inputs of a run against the plan and reads the given cells that are on disk.
     *
     * @return the finished ones among the cells
     */
    private Map<Cell, CellResult> finished(List<Cell> cells, Task dataset, Backend backend, StudyProgress progress)
            throws IOException {
        Objects.requireNonNull(dataset, "dataset must not be null");
        Objects.requireNonNull(backend, "backend must not be null");
        Objects.requireNonNull(progress, "progress must not be null");
        if (!dataset.name().equals(plan.dataset())) {
            throw new IllegalArgumentException("plan " + plan.name() + " is for data set " + plan.dataset()
                    + ", got data set " + dataset.name());
        }
        SplitData.checkClasses(plan, dataset);
        BaseNetworks.checkGivenClasses(plan, givenBaseA, dataset);
        BaseNetworks.checkSaved(plan, givenBaseA, directory, backend);
        Map<Cell, CellResult> results = new ConcurrentHashMap<>();
        for (Cell cell : cells) {
            Optional<CellResult> read = directory.read(cell);
            if (read.isEmpty()) {
                continue;
            }
            CellResult r = read.get();
            if (!r.backend().equals(backend.name())) {
                throw new IllegalStateException("output directory " + directory.location() + " holds cell " + r.id()
                        + " trained by backend " + r.backend() + "; this run uses backend " + backend.name());
            }
            results.put(r.cell(), r);
        }
        return results;
    }

    /**
     * The order cells are handed to workers: the base networks of every split first (so that no worker waits for a
     * base another is still training), then the rest in the plan's order.
     */
    static List<Cell> schedule(List<Cell> cells) {
        List<Cell> order = new ArrayList<>(cells.stream().filter(c -> !c.treatment().copiesLayers()).toList());
        cells.stream().filter(c -> c.treatment().copiesLayers()).forEach(order::add);
        return List.copyOf(order);
    }

    /** One call of {@link #run}: its inputs, the per-split state its workers share, and what they measured. */
    private final class Run {
        private final Task dataset;
        private final Backend backend;
        private final StudyProgress progress;
        private final Map<Cell, CellResult> results;
        private final Map<Cell, CellFailure> failures;
        private final int total;
        private final Map<Integer, BaseNetworks> splits = new ConcurrentHashMap<>();
        private final Map<Integer, SplitData> data = new ConcurrentHashMap<>();
        private WallTimeEstimate estimate = new WallTimeEstimate(1);

        Run(Task dataset, Backend backend, StudyProgress progress, Map<Cell, CellResult> results,
                Map<Cell, CellFailure> failures, int total) {
            this.dataset = dataset;
            this.backend = backend;
            this.progress = progress;
            this.results = results;
            this.failures = failures;
            this.total = total;
        }

        /** Runs the cells on the calling thread (one worker) or on a pool whose threads each limit the engine. */
        void all(List<Cell> todo, int count) throws IOException {
            int threads = threadsPerWorker > 0 ? threadsPerWorker
                    : Math.max(1, Runtime.getRuntime().availableProcessors() / count);
            WorkerPool.run(todo, count, threads, count > 1 || threadsPerWorker > 0, backend, plan.name(), running -> {
                if (running > 1) {
                    estimate = new WallTimeEstimate(running);
                    LOG.info("training {} cells in {} workers of {} engine thread(s) each", todo.size(), running,
                            threads);
                }
                estimate.started(todo);
            }, this::one);
        }

        private void one(Cell cell) throws IOException {
            SplitData split = data.computeIfAbsent(cell.split(), s -> SplitData.prepare(plan, dataset, s));
            BaseNetworks bases = splits.computeIfAbsent(cell.split(),
                    s -> new BaseNetworks(plan, split, backend, directory, Optional.ofNullable(givenBaseA.get(s))));
            progress.cellStarted(cell, results.size(), total);
            long start = System.nanoTime();
            try {
                Network network = train(cell, split, bases, progress);
                Task task = cell.treatment().onTaskA() ? split.a() : split.b();
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
            estimate.finished(cell, (System.nanoTime() - start) / 1e9).ifPresent(e -> {
                if (e.worthLogging()) {
                    LOG.info("expected wall time of this run: {} ({} left)", WallTimeEstimate.format(e.total()),
                            WallTimeEstimate.format(e.remaining()));
                }
                progress.estimated(e.elapsed(), e.remaining());
            });
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
