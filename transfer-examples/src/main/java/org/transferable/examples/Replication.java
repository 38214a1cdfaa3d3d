package org.transferable.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.transferable.data.ClassSplit;
import org.transferable.data.Task;
import org.transferable.json.Json;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.spark.DatasetSource;
import org.transferable.spark.SparkStudy;
import org.transferable.spec.NetworkSpec;
import org.transferable.study.DropComparison;
import org.transferable.study.FindingVerdict;
import org.transferable.study.Findings;
import org.transferable.study.ProfileAgreement;
import org.transferable.study.Study;
import org.transferable.study.StudyPlan;
import org.transferable.study.StudyProgress;
import org.transferable.study.StudyResult;
import org.transferable.study.TrainingFreeCheck;
import org.transferable.study.Treatment;
import org.transferable.train.LearningRateSchedule;
import org.transferable.train.StoppingRule;

/**
 * The replication of the paper on Fashion-MNIST: every treatment (baseA, baseB, BnB, BnB+, AnB, AnB+ and the
 * random-weights control RnB) at several n for an 8-layer network shaped like the paper's, over random class splits;
 * then the dissimilar split (tops against the rest, and its reverse, each direction its own task with several seeds)
 * for finding 5b. It prints each study's table, the verdict on every finding with our effect beside the paper's,
 * and writes the figures and {@code summary.md}. Resumable: rerun with the same {@code --out} and finished cells are
 * read back, not retrained.
 *
 * <p>Presets ({@code --preset}): {@code quick} (the default, minutes), {@code paper} (all 60,000 training images,
 * every n, hours), {@code smoke} (seconds; checks the pipeline, its numbers mean nothing). Options override a preset:
 * {@code --splits K} (random splits), {@code --repeats R} (each random split R times, with other seeds),
 * {@code --epochs E}, {@code --train-per-class N}, {@code --test-per-class N}, {@code --n 1,3,5},
 * {@code --target-fraction F} (reduced-data control), {@code --network small|wide|reference},
 * {@code --batch-size B}, {@code --learning-rate LR}, {@code --schedule constant|step:F:E|cosine:FLOOR},
 * {@code --patience P} and {@code --validation F} (early stopping; patience 0 trains every epoch), {@code --seed S},
 * {@code --dissimilar 0,2,3,4,6|none} (group A of the dissimilar split; Fashion-MNIST's tops by default, none for
 * other data), {@code --dissimilar-repeats R}, {@code --data DIR [--classes ...]}, {@code --backend NAME},
 * {@code --workers W} (cells trained at once; default the processor count), {@code --out DIR},
 * {@code --spark MASTER} (every cell a Spark task: {@code local[2]} embedded, or a cluster's master URL, with
 * {@code --out} a folder every executor sees; {@code --workers} is not used, the master has the task slots; see
 * docs/spark.md),
 * {@code --report-only} (tables, verdicts, figures and summary from the cells on disk, nothing trained: a long study
 * can be looked at while it runs).
 *
 * <p>Writes to the output directory: {@code summary.md}, {@code figure2.png}, {@code figure-dissimilar.png},
 * {@code filters-baseA.png}, and one folder per study ({@code random/}, {@code dissimilar-AB/},
 * {@code dissimilar-BA/}) with {@code results.json}, {@code results.csv}, {@code plan.json}, {@code cells/} and
 * {@code bases/}.
 */
public final class Replication {
    static final Set<String> OPTIONS = Set.of("preset", "out", "data", "classes", "splits", "epochs",
            "train-per-class", "test-per-class", "n", "target-fraction", "network", "backend", "seed", "batch-size",
            "learning-rate", "patience", "validation", "schedule", "repeats", "workers", "dissimilar",
            "dissimilar-repeats", "spark");
    static final Set<String> FLAGS = Set.of("report-only", "skip-unreadable");
    static final List<String> PRESETS = List.of("quick", "paper", "smoke");

    private Replication() {
    }

    /**
     * Runs (or resumes) the studies and writes their tables, JSON, CSV, figures and summary.
     *
     * @param args options, see the class documentation; none are needed
     */
    public static void main(String[] args) throws IOException {
        ExampleArgs options = ExampleArgs.parse(args, OPTIONS, FLAGS);
        Task data = options.has("data")
                ? FashionMnist.load(options.path("data", null), options.list("classes", List.of()),
                        options.has("skip-unreadable"))
                : FashionMnist.load();
        Backend backend = options.has("backend") ? Backends.load(options.text("backend", "")) : Backends.preferred();
        StudyPlan plan = plan(options, data);
        List<StudyPlan> directions = dissimilarPlans(options, data, plan);
        String preset = options.text("preset", "quick");
        Path out = options.path("out", Path.of("replication-output", preset));
        int workers = options.integer("workers", Runtime.getRuntime().availableProcessors(), 1, 256);
        String where = options.has("spark") ? "Spark master " + options.text("spark", "")
                : workers + " worker(s)";
        System.out.printf("Replication '%s' on %s with backend %s (%s), %s%n  network %s %s%n  %s%n"
                        + "  %d random split(s), %d train / %d test images per class, B training fraction %.2f, "
                        + "n = %s%n  %s%n  output: %s%n",
                plan.name(), data.name(), backend.name(), backend.engineVersion(), where, plan.spec().name(),
                plan.spec().layerNames(), plan.config(), plan.splits().size(),
                Math.min(plan.trainImagesPerClass(), data.train().size()),
                Math.min(plan.testImagesPerClass(), data.test().size()), plan.targetFraction(), plan.nValues(),
                directions.isEmpty() ? "no dissimilar split (finding 5b is not judged): pass --dissimilar A_CLASSES"
                        : "dissimilar split " + directions.get(0).splits().get(0) + " and its reverse, "
                        + directions.get(0).splits().size() + " seed(s) each",
                out.toAbsolutePath());
        System.out.println("  " + Presets.expectedDuration(preset, options));

        long start = System.nanoTime();
        if (options.has("report-only")) {
            reportOnly(plan, directions, data, backend, out);
            return;
        }
        List<StudyPlan> plans = new ArrayList<>(List.of(plan));
        plans.addAll(directions);
        List<Path> folders = new ArrayList<>(List.of(out.resolve("random")));
        directions.forEach(d -> folders.add(out.resolve(folder(d, directions))));
        List<StudyResult> results = options.has("spark")
                ? onSpark(options.text("spark", ""), plans, folders, dataSource(options), backend)
                : serially(plans, folders, data, backend, workers);
        report(results.get(0), results.subList(1, results.size()), data, backend, out,
                (System.nanoTime() - start) / 1e9);
    }

    private static List<StudyResult> serially(List<StudyPlan> plans, List<Path> folders, Task data, Backend backend,
            int workers) throws IOException {
        List<StudyResult> results = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            results.add(Study.open(plans.get(i), folders.get(i)).withWorkers(workers)
                    .run(data, backend, StudyProgress.auto()));
        }
        return results;
    }

    /** {@code --spark MASTER}: each study's cells as Spark tasks, one study after the other. */
    private static List<StudyResult> onSpark(String master, List<StudyPlan> plans, List<Path> folders,
            DatasetSource data, Backend backend) throws IOException {
        List<StudyResult> results = new ArrayList<>();
        try (JavaSparkContext spark = SparkStudy.context(master)) {
            for (int i = 0; i < plans.size(); i++) {
                results.add(SparkStudy.open(plans.get(i), folders.get(i).toAbsolutePath().toString(), spark)
                        .run(data, backend.name()));
            }
        }
        return results;
    }

    /** @return how Spark's tasks load the data: the {@code --data} folder, else the copy in this jar */
    private static DatasetSource dataSource(ExampleArgs options) {
        if (!options.has("data")) {
            return DatasetSource.resources(FashionMnist.class, FashionMnist.RESOURCE_FOLDER, FashionMnist.NAME,
                    FashionMnist.CLASS_NAMES);
        }
        Path folder = options.path("data", null).toAbsolutePath();
        return DatasetSource.idx(folder.toString(), folder.getFileName().toString(), options.list("classes",
                List.of()));
    }

    /**
     * {@code --report-only}: the tables, verdicts, figures and summary from the cells on disk, training nothing and
     * changing no study's files, so that a long study can be looked at while it runs in another process. A
     * direction of the dissimilar split with no finished cell is left out.
     */
    private static void reportOnly(StudyPlan plan, List<StudyPlan> directions, Task data, Backend backend, Path out)
            throws IOException {
        StudyResult random = Study.snapshot(plan, out.resolve("random"));
        List<StudyResult> directionsSoFar = new ArrayList<>();
        for (StudyPlan direction : directions) {
            directionsSoFar.add(Study.snapshot(direction, out.resolve(folder(direction, directions))));
        }
        System.out.println("\nreport only, nothing trained: " + Summary.cellCounts(random, directionsSoFar));
        List<StudyResult> dissimilar = directionsSoFar.stream().filter(d -> !d.cells().isEmpty()).toList();
        report(random, dissimilar, data, backend, out, 0.0);
    }

    private static String folder(StudyPlan direction, List<StudyPlan> directions) {
        return directions.indexOf(direction) == 0 ? "dissimilar-AB" : "dissimilar-BA";
    }

    /**
     * Prints the tables and verdicts, writes the summary and the figures.
     *
     * @param random the random-split study
     * @param dissimilar the studies of the dissimilar split's directions (empty when not run)
     * @param wallSeconds this run's wall time
     */
    static void report(StudyResult random, List<StudyResult> dissimilar, Task data, Backend backend, Path out,
            double wallSeconds) throws IOException {
        System.out.println();
        System.out.println(random.toTable());
        for (StudyResult d : dissimilar) {
            System.out.println("dissimilar split, " + Summary.direction(d.plan().splits().get(0), data) + ":");
            System.out.println(d.toTable());
        }
        List<FindingVerdict> verdicts = verdicts(random, dissimilar);
        System.out.println("Evidence:");
        verdicts.forEach(v -> System.out.println("  " + v));
        System.out.println();
        System.out.println("Verdicts, ours beside the paper's (95% intervals):");
        verdicts.forEach(v -> System.out.println("  " + v.summary()));

        Files.createDirectories(out);
        List<ProfileAgreement> agreements = trainingFree(random, data, backend, out);
        Figure2.write(random, agreements, out.resolve("figure2.png"));
        if (!dissimilar.isEmpty()) {
            DissimilarFigure.write(random, dissimilar, data, out.resolve("figure-dissimilar.png"));
        }
        Path baseA = out.resolve("random").resolve("bases").resolve("split0-baseA");
        if (Files.exists(baseA)) {
            Network network = backend.load(baseA);
            FilterImage.write(network, out.resolve("filters-baseA.png"));
        }
        Path summary = out.resolve("summary.md");
        Files.writeString(summary, Summary.markdown(random, dissimilar, verdicts, agreements, data, backend,
                wallSeconds));
        System.out.println(wallSeconds > 0 ? String.format(Locale.ROOT, "%nwall time %.1f s (this run; cells read back "
                + "from an earlier run cost nothing)", wallSeconds) : "\nnothing trained (--report-only)");
        System.out.println("summary: " + summary);
        System.out.println("tables, JSON and CSV: " + out.resolve("random").resolve("results.csv")
                + (dissimilar.isEmpty() ? "" : ", " + out.resolve("dissimilar-AB") + ", "
                + out.resolve("dissimilar-BA")));
        System.out.println("figures: " + out.resolve("figure2.png")
                + (dissimilar.isEmpty() ? "" : ", " + out.resolve("figure-dissimilar.png"))
                + ", " + out.resolve("filters-baseA.png"));
    }

    /**
     * The training-free profiles of each split's bases against the measured AnB / baseB ({@link TrainingFreeCheck}),
     * printed and written to {@code generality.json}; none when the bases are not on disk or the plan has one n.
     */
    private static List<ProfileAgreement> trainingFree(StudyResult random, Task data, Backend backend, Path out)
            throws IOException {
        List<ProfileAgreement> agreements = TrainingFreeCheck.run(random, out.resolve("random"), data, backend,
                TrainingFreeCheck.DEFAULT_IMAGES);
        if (!agreements.isEmpty()) {
            System.out.println();
            System.out.println("Training-free profiles (no training; up to " + TrainingFreeCheck.DEFAULT_IMAGES
                    + " of B's test images per split) against the measured AnB / baseB, rank correlation across n:");
            agreements.forEach(a -> System.out.println("  " + a.summary()));
            Json.writeAtomically(out.resolve("generality.json"), agreements);
        }
        return agreements;
    }

    /** @return findings 1 to 5a of the random-split study, then 5b from the dissimilar studies */
    static List<FindingVerdict> verdicts(StudyResult random, List<StudyResult> dissimilar) {
        List<FindingVerdict> verdicts = new ArrayList<>(random.findings());
        if (dissimilar.isEmpty()) {
            verdicts.add(DropComparison.dissimilarTransfersWorse(List.of(), Findings.DEFAULT_MARGIN));
        } else {
            verdicts.add(DropComparison.dissimilarTransfersWorse(DropComparison.compare(random, dissimilar),
                    Findings.DEFAULT_MARGIN));
        }
        return List.copyOf(verdicts);
    }

    /**
     * The random-split study's plan: the preset's, with the options applied.
     *
     * @return the plan
     * @throws IllegalArgumentException for an unknown preset or an option out of range, naming it
     */
    static StudyPlan plan(ExampleArgs options, Task data) {
        String preset = options.text("preset", "quick");
        StudyPlan plan;
        switch (preset) {
            case "quick":
                plan = Presets.quick(data);
                break;
            case "paper":
                plan = Presets.paper(data);
                break;
            case "smoke":
                plan = Presets.smoke(data);
                break;
            default:
                throw new IllegalArgumentException("--preset must be one of " + PRESETS + ", got '" + preset + "'");
        }
        if (options.has("network")) {
            NetworkSpec spec = ExampleSetup.network(options.text("network", ""));
            plan = new StudyPlan(plan.name(), plan.dataset(), plan.splits(), spec, plan.config(), plan.treatments(),
                    IntStream.range(1, spec.layerCount()).boxed().toList(), plan.trainImagesPerClass(),
                    plan.testImagesPerClass(), plan.targetFraction());
        }
        if (options.has("splits")) {
            plan = plan.withSplits(StudyPlan.randomSplits(data.classCount(), options.integer("splits", 1, 1, 1000), 0));
        }
        if (options.has("repeats")) {
            plan = plan.withSplits(repeated(plan.splits(), options.integer("repeats", 1, 1, 100)));
        }
        plan = plan.withConfig(plan.config()
                .withEpochs(options.integer("epochs", plan.config().epochs(), 1, 10_000))
                .withBatchSize(options.integer("batch-size", plan.config().batchSize(), 1, 65_536))
                .withLearningRate(options.decimal("learning-rate", plan.config().learningRate(), 1e-6, 10.0))
                .withSeed(options.integer("seed", (int) plan.config().seed(), 0, Integer.MAX_VALUE)));
        if (options.has("schedule")) {
            plan = plan.withConfig(plan.config().withSchedule(schedule(options.text("schedule", ""))));
        }
        if (options.has("patience") || options.has("validation")) {
            StoppingRule current = plan.config().stopping();
            StoppingRule.EarlyStopping early = current instanceof StoppingRule.EarlyStopping e ? e : null;
            int patience = options.integer("patience", early != null ? early.patience() : 3, 0, 10_000);
            double fraction = options.decimal("validation", early != null ? early.validationFraction() : 0.1, 1e-6,
                    0.5);
            plan = plan.withConfig(plan.config().withStopping(patience == 0 ? StoppingRule.allEpochs()
                    : StoppingRule.earlyStopping(fraction, patience)));
        }
        plan = plan.withImagesPerClass(
                options.integer("train-per-class", plan.trainImagesPerClass(), 1, Integer.MAX_VALUE),
                options.integer("test-per-class", plan.testImagesPerClass(), 1, Integer.MAX_VALUE));
        if (options.has("n")) {
            StudyPlan before = plan;
            plan = plan.withNValues(options.list("n", List.of()).stream().map(s -> parseN(s, before)).toList());
        }
        if (options.has("target-fraction")) {
            plan = plan.withTargetFraction(options.decimal("target-fraction", 1.0, 1e-6, 1.0));
        }
        String name = plan.targetFraction() < 1.0 ? plan.name() + "-fraction" + plan.targetFraction() : plan.name();
        return new StudyPlan(name, plan.dataset(), plan.splits(), plan.spec(), plan.config(), plan.treatments(),
                plan.nValues(), plan.trainImagesPerClass(), plan.testImagesPerClass(), plan.targetFraction());
    }

    /**
     * The dissimilar split's two directions, each its own study over one split replicated with several seeds, with
     * the random study's network, solver, data sizes and n, and only the treatments finding 5b needs (baseA, baseB,
     * AnB).
     *
     * @return the two plans, A to B first; empty with {@code --dissimilar none} or, by default, on data other than
     *     Fashion-MNIST
     * @throws IllegalArgumentException when {@code --dissimilar} does not list classes of the data set
     */
    static List<StudyPlan> dissimilarPlans(ExampleArgs options, Task data, StudyPlan random) {
        String text = options.text("dissimilar", FashionMnist.NAME.equals(data.name()) ? "default" : "none").trim();
        if (text.equals("none")) {
            return List.of();
        }
        ClassSplit split = text.equals("default") ? FashionMnist.dissimilarSplit() : groupA(text, data);
        int repeats = options.integer("dissimilar-repeats", Presets.dissimilarRepeats(options.text("preset", "quick")),
                1, 100);
        List<StudyPlan> plans = new ArrayList<>();
        for (ClassSplit direction : List.of(split, split.reversed())) {
            String suffix = direction.equals(split) ? "-dissimilar-AB" : "-dissimilar-BA";
            plans.add(new StudyPlan(random.name() + suffix, random.dataset(), repeated(List.of(direction), repeats),
                    random.spec(), random.config(), Set.of(Treatment.BASE_A, Treatment.BASE_B, Treatment.TRANSFER),
                    random.nValues(), random.trainImagesPerClass(), random.testImagesPerClass(),
                    random.targetFraction()));
        }
        return List.copyOf(plans);
    }

    private static ClassSplit groupA(String text, Task data) {
        List<Integer> a = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                a.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--dissimilar must list the class indices of group A (e.g. "
                        + "0,2,3,4,6) or be none, got '" + text + "'");
            }
        }
        List<Integer> b = IntStream.range(0, data.classCount()).boxed().filter(c -> !a.contains(c)).toList();
        for (int c : a) {
            if (c < 0 || c >= data.classCount()) {
                throw new IllegalArgumentException("--dissimilar class " + c + " must be in [0, "
                        + (data.classCount() - 1) + "] for data set " + data.name() + ", got '" + text + "'");
            }
        }
        return ClassSplit.of(a, b);
    }

    private static List<ClassSplit> repeated(List<ClassSplit> splits, int times) {
        List<ClassSplit> out = new ArrayList<>();
        for (ClassSplit split : splits) {
            for (int r = 0; r < times; r++) {
                out.add(split);
            }
        }
        return List.copyOf(out);
    }

    /** @return the schedule of {@code constant}, {@code step:FACTOR:EVERY_EPOCHS} or {@code cosine:FLOOR} */
    static LearningRateSchedule schedule(String text) {
        String[] parts = text.trim().split(":");
        try {
            switch (parts[0]) {
                case "constant":
                    if (parts.length == 1) {
                        return LearningRateSchedule.constant();
                    }
                    break;
                case "step":
                    if (parts.length == 3) {
                        return LearningRateSchedule.stepDecay(Double.parseDouble(parts[1]), Integer.parseInt(parts[2]));
                    }
                    break;
                case "cosine":
                    if (parts.length == 2) {
                        return LearningRateSchedule.cosine(Double.parseDouble(parts[1]));
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--schedule must be constant, step:FACTOR:EVERY_EPOCHS (e.g. step:0.1:4) "
                + "or cosine:FLOOR (e.g. cosine:0.05), got '" + text + "'");
    }

    private static int parseN(String text, StudyPlan plan) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--n must list integers in [1, " + (plan.spec().layerCount() - 1)
                    + "], got '" + text + "'");
        }
    }
}
