package org.transferable.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferable.Checks;
import org.transferable.data.Task;
import org.transferable.json.Json;
import org.transferable.network.Backend;
import org.transferable.network.Network;
import org.transferable.train.Evaluation;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingDivergedException;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.Transfer;

/**
 * Runs a {@link PolicyStudyPlan} in a directory, resumably, as {@link Study} runs a study: {@code plan.json} (a
 * directory of another plan is refused), {@code bases/} (baseA of each split, trained once, as an ordinary study with
 * the same splits and solver trains it), {@code cells/} (one file per finished cell, written atomically; a rerun
 * skips them), then {@code results.csv} and {@code results.md}. Cells run in parallel workers, each with its own
 * engine threads; the numbers do not depend on the number of workers.
 */
public final class PolicyStudy {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyStudy.class);

    private final PolicyStudyPlan plan;
    private final Path root;
    private final int workers;
    private final Progress progress;
    /** Split to the network given as its baseA ({@link #withBaseA}). */
    private final Map<Integer, Network> givenBaseA;

    /** Hears each finished cell, on the worker's thread. */
    @FunctionalInterface
    public interface Progress {
        /** Says nothing. */
        Progress NONE = (result, finished, total) -> {
        };

        /**
         * @param result the cell just finished
         * @param finished cells finished so far, this one and those on disk included
         * @param total cells in the plan
         */
        void cellFinished(PolicyCellResult result, int finished, int total);
    }

    private PolicyStudy(PolicyStudyPlan plan, Path root, int workers, Progress progress,
            Map<Integer, Network> givenBaseA) {
        this.plan = plan;
        this.root = root;
        this.workers = workers;
        this.progress = progress;
        this.givenBaseA = Map.copyOf(givenBaseA);
    }

    /**
     * Opens a directory for the plan: writes {@code plan.json} into a new one, accepts one with the same plan.
     *
     * @throws IllegalStateException when the directory holds another plan
     */
    public static PolicyStudy open(PolicyStudyPlan plan, Path directory) throws IOException {
        Objects.requireNonNull(plan, "plan must not be null");
        Files.createDirectories(directory);
        Path planFile = directory.resolve("plan.json");
        if (Files.exists(planFile)) {
            PolicyStudyPlan existing;
            try {
                existing = Json.read(planFile, PolicyStudyPlan.class);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("output directory " + directory + " holds a plan.json that is not a "
                        + "readable policy study plan (" + e.getMessage() + "); choose another directory", e);
            }
            if (!existing.fingerprint().equals(plan.fingerprint())) {
                throw new IllegalStateException("output directory " + directory + " holds another policy study's "
                        + "plan.json (" + existing.name() + "); rerun with the plan in " + planFile + " to resume it, "
                        + "or choose another directory");
            }
        } else {
            Json.writeAtomically(planFile, plan);
        }
        return new PolicyStudy(plan, directory, 1, Progress.NONE, Map.of());
    }

    /**
     * @param count cells trained at once, in [1, 256]
     * @return this study with that many workers
     */
    public PolicyStudy withWorkers(int count) {
        return new PolicyStudy(plan, root, Checks.inRange("workers", count, 1, 256), progress, givenBaseA);
    }

    /**
     * The same study with a network trained elsewhere (e.g. imported from DL4J or PyTorch) as one split's baseA,
     * the source of every policy's cells, as {@link Study#withBaseA} gives one to a study: saved as the split's
     * base when first needed, and a directory whose saved baseA holds other weights is refused.
     *
     * @param split the split, in [0, splits - 1]
     * @param network the base: the plan's spec and as many classes as the split's half A
     * @return this study with that base
     * @throws IllegalArgumentException naming the split and what does not match the plan
     */
    public PolicyStudy withBaseA(int split, Network network) {
        BaseNetworks.checkGiven(plan.studyPlan(1.0), split, network);
        Map<Integer, Network> given = new LinkedHashMap<>(givenBaseA);
        given.put(split, network);
        return new PolicyStudy(plan, root, workers, progress, given);
    }

    /**
     * @param value hears each finished cell
     * @return this study with that progress
     */
    public PolicyStudy withProgress(Progress value) {
        return new PolicyStudy(plan, root, workers, Objects.requireNonNull(value, "progress must not be null"),
                givenBaseA);
    }

    /**
     * Runs every cell not yet on disk and writes the results.
     *
     * @param dataset the whole data set; its name must be the plan's
     * @param backend trains the networks
     * @return every finished cell and its statistics
     * @throws IllegalArgumentException when the data set does not match the plan
     */
    public PolicyStudyResult run(Task dataset, Backend backend) throws IOException {
        if (!dataset.name().equals(plan.dataset())) {
            throw new IllegalArgumentException("plan " + plan.name() + " is for data set " + plan.dataset()
                    + ", got data set " + dataset.name());
        }
        SplitData.checkClasses(plan.studyPlan(1.0), dataset);
        BaseNetworks.checkGivenClasses(plan.studyPlan(1.0), givenBaseA, dataset);
        StudyDirectory directory = StudyDirectory.unchecked(root);
        BaseNetworks.checkSaved(plan.studyPlan(1.0), givenBaseA, directory, backend);
        Map<PolicyCell, PolicyCellResult> done = new ConcurrentHashMap<>();
        List<PolicyCell> todo = new ArrayList<>();
        for (PolicyCell cell : plan.cells()) {
            Optional<PolicyCellResult> result = read(cell);
            if (result.isPresent()) {
                done.put(cell, result.get());
            } else {
                todo.add(cell);
            }
        }
        LOG.info("policy study {}: {} cells, {} on disk, {} to train in {} worker(s)", plan.name(),
                plan.cells().size(), done.size(), todo.size(), workers);
        Runner runner = new Runner(dataset, backend, directory, done);
        runner.all(todo);
        List<PolicyCellResult> ordered = plan.cells().stream().filter(done::containsKey).map(done::get).toList();
        PolicyStudyResult result = new PolicyStudyResult(plan, backend.name(), ordered);
        Json.writeAtomically(root.resolve("results.csv"), result.toCsv());
        Json.writeAtomically(root.resolve("results.md"), result.toMarkdown());
        return result;
    }

    private Optional<PolicyCellResult> read(PolicyCell cell) throws IOException {
        Path file = cellFile(cell);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            PolicyCellResult result = Json.read(file, PolicyCellResult.class);
            if (!result.cell().equals(cell)) {
                throw new IllegalStateException("cell file " + file + " holds cell " + result.id() + ", not "
                        + cell.id());
            }
            return Optional.of(result);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cell file " + file + " is not a readable policy cell (" + e.getMessage()
                    + "); delete it to recompute the cell", e);
        }
    }

    private Path cellFile(PolicyCell cell) {
        return root.resolve("cells").resolve(cell.id() + ".json");
    }

    /** One run: the data and bases its workers share. */
    private final class Runner {
        private final Task dataset;
        private final Backend backend;
        private final StudyDirectory directory;
        private final Map<PolicyCell, PolicyCellResult> done;
        private final Map<String, SplitData> data = new ConcurrentHashMap<>();
        private final Map<Integer, BaseNetworks> bases = new ConcurrentHashMap<>();

        Runner(Task dataset, Backend backend, StudyDirectory directory, Map<PolicyCell, PolicyCellResult> done) {
            this.dataset = dataset;
            this.backend = backend;
            this.directory = directory;
            this.done = done;
        }

        void all(List<PolicyCell> todo) throws IOException {
            int count = Math.min(workers, Math.max(1, todo.size()));
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / count);
            WorkerPool.run(todo, count, threads, count > 1, backend, plan.name(), running -> {
            }, this::one);
        }

        private SplitData split(int split, double fraction) {
            return data.computeIfAbsent(split + "@" + fraction,
                    k -> SplitData.prepare(plan.studyPlan(fraction), dataset, split));
        }

        private void one(PolicyCell cell) throws IOException {
            long start = System.nanoTime();
            SplitData split = split(cell.split(), cell.fraction());
            long studySeed = plan.config().seed();
            TrainingConfig config = plan.config().withEpochs(plan.epochs(cell.fraction()));
            Network network;
            try {
                if (cell.n() == 0) {
                    long seed = Seeds.base(studySeed, cell.split(), "scratch-" + PolicyStudyPlan.percent(
                            cell.fraction()));
                    network = backend.fit(backend.initialise(plan.spec(), split.b(), seed), split.b(),
                            config.withSeed(seed), TrainingListener.NONE);
                } else {
                    Network baseA = bases.computeIfAbsent(cell.split(), s -> new BaseNetworks(plan.studyPlan(1.0),
                            split(s, 1.0), backend, directory, Optional.ofNullable(givenBaseA.get(s))))
                            .get(BaseNetworks.Kind.BASE_A, TrainingListener.NONE);
                    network = Transfer.from(baseA).copy(cell.n()).policy(plan.policies().get(cell.policy()))
                            .train(split.b(), config.withSeed(Seeds.transfer(studySeed, cell.split(), cell.n())));
                }
            } catch (TrainingDivergedException e) {
                LOG.warn("cell {} diverged and is left out: {}", cell.id(), e.getMessage());
                return;
            }
            Evaluation evaluation = network.evaluate(split.b().test());
            PolicyCellResult result = new PolicyCellResult(cell, evaluation.accuracy(), evaluation.loss(),
                    split.b().train().size(), evaluation.images(), config.epochs(),
                    (System.nanoTime() - start) / 1e9, backend.name(), network.provenance());
            Json.writeAtomically(cellFile(cell), result);
            done.put(cell, result);
            progress.cellFinished(result, done.size(), plan.cells().size());
            LOG.debug("cell {} accuracy {} in {} s ({}/{})", cell.id(), String.format(Locale.ROOT, "%.4f",
                    result.accuracy()), String.format(Locale.ROOT, "%.1f", result.wallSeconds()), done.size(),
                    plan.cells().size());
        }
    }
}
