package org.transferable.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.transferable.data.ClassSplit;
import org.transferable.data.Task;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.study.Study;
import org.transferable.study.StudyPlan;
import org.transferable.study.StudyProgress;
import org.transferable.study.StudyResult;
import org.transferable.study.Treatment;
import org.transferable.train.LearningRateSchedule;
import org.transferable.train.StoppingRule;

/**
 * The replication of the paper's Figure 2 on Fashion-MNIST: every treatment (baseA, baseB, BnB, BnB+, AnB, AnB+
 * and the random-weights control RnB) at every n for an 8-layer network shaped like the paper's, over several
 * random class splits. Resumable: rerun with the same {@code --out} and finished cells are read back, not
 * retrained.
 *
 * <p>Presets ({@code --preset}): {@code quick} (default) finishes in minutes on a 2-core laptop; {@code full}
 * uses more data, epochs and splits. Options override a preset: {@code --splits K}, {@code --epochs E},
 * {@code --train-per-class N}, {@code --test-per-class N}, {@code --n 1,3,5}, {@code --target-fraction F}
 * (reduced-data control), {@code --dissimilar} (the dissimilar split and its reverse instead of random splits),
 * {@code --network small|wide|reference}, {@code --batch-size B}, {@code --learning-rate LR},
 * {@code --seed S}, {@code --data DIR [--classes ...]}, {@code --backend NAME},
 * {@code --out DIR}.
 *
 * <p>Writes to the output directory: {@code results.json}, {@code results.csv}, {@code figure2.png},
 * {@code filters-baseA.png}, plus {@code plan.json}, {@code cells/} and {@code bases/}.
 */
public final class Replication {
    static final Set<String> OPTIONS = Set.of("preset", "out", "data", "classes", "splits", "epochs",
            "train-per-class", "test-per-class", "n", "target-fraction", "network", "backend", "seed", "batch-size",
            "learning-rate", "patience", "validation", "schedule", "repeats");
    static final Set<String> FLAGS = Set.of("dissimilar");

    private Replication() {
    }

    /**
     * Runs (or resumes) the study and writes its table, JSON, CSV and figures.
     *
     * @param args options, see the class documentation; none are needed
     */
    public static void main(String[] args) throws IOException {
        ExampleArgs options = ExampleArgs.parse(args, OPTIONS, FLAGS);
        Task data = options.has("data")
                ? FashionMnist.load(options.path("data", null), options.list("classes", List.of()))
                : FashionMnist.load();
        Backend backend = options.has("backend") ? Backends.load(options.text("backend", "")) : Backends.preferred();
        StudyPlan plan = plan(options, data);
        Path out = options.path("out", Path.of("replication-output", plan.name()));
        System.out.printf("Replication '%s' on %s with backend %s (%s)%n  network %s %s%n  %s%n  %d split(s), "
                        + "%d train / %d test images per class, B training fraction %.2f, n = %s%n  output: %s%n",
                plan.name(), data.name(), backend.name(), backend.engineVersion(), plan.spec().name(),
                plan.spec().layerNames(), plan.config(), plan.splits().size(), Math.min(plan.trainImagesPerClass(),
                        data.train().size()), Math.min(plan.testImagesPerClass(), data.test().size()),
                plan.targetFraction(), plan.nValues(), out.toAbsolutePath());

        Study study = Study.open(plan, out);
        StudyResult result = study.run(data, backend, StudyProgress.auto());
        report(result, backend, out);
    }

    static void report(StudyResult result, Backend backend, Path out) throws IOException {
        System.out.println();
        System.out.println(result.toTable());
        result.findings().forEach(f -> System.out.println(f));
        Figure2.write(result, out.resolve("figure2.png"));
        Path baseA = out.resolve("bases").resolve("split0-baseA");
        if (Files.exists(baseA)) {
            Network network = backend.load(baseA);
            FilterImage.write(network, out.resolve("filters-baseA.png"));
        }
        System.out.printf("%nwall time %.1f s (this run; finished cells were read back)%n", result.wallSeconds());
        System.out.println("table, JSON and CSV: " + out.resolve("results.json") + ", " + out.resolve("results.csv"));
        System.out.println("figures: " + out.resolve("figure2.png") + ", " + out.resolve("filters-baseA.png"));
    }

    static StudyPlan plan(ExampleArgs options, Task data) {
        String preset = options.text("preset", "quick");
        StudyPlan base;
        switch (preset) {
            case "quick":
                base = quick(data);
                break;
            case "full":
                base = full(data);
                break;
            case "smoke":
                base = smoke(data);
                break;
            default:
                throw new IllegalArgumentException("--preset must be one of [quick, full, smoke], got '" + preset
                        + "'");
        }
        StudyPlan plan = base;
        if (options.has("network")) {
            plan = new StudyPlan(plan.name(), plan.dataset(), plan.splits(),
                    ExampleSetup.network(options.text("network", "")),
                    plan.config(), plan.treatments(), List.of(), plan.trainImagesPerClass(), plan.testImagesPerClass(),
                    plan.targetFraction());
            plan = plan.withNValues(java.util.stream.IntStream.range(1, plan.spec().layerCount()).boxed().toList());
        }
        if (options.has("dissimilar")) {
            ClassSplit split = FashionMnist.dissimilarSplit();
            plan = plan.withSplits(List.of(split, ClassSplit.of(split.groupB(), split.groupA())));
        } else if (options.has("splits")) {
            plan = plan.withSplits(StudyPlan.randomSplits(data.classCount(), options.integer("splits", 1, 1, 1000), 0));
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
            int patience = options.integer("patience", plan.config().stopping()
                    instanceof StoppingRule.EarlyStopping early ? early.patience() : 3, 0, 10_000);
            double fraction = options.decimal("validation", plan.config().stopping()
                    instanceof StoppingRule.EarlyStopping early ? early.validationFraction() : 0.1, 1e-6, 0.5);
            plan = plan.withConfig(plan.config().withStopping(patience == 0 ? StoppingRule.allEpochs()
                    : StoppingRule.earlyStopping(fraction, patience)));
        }
        if (options.has("repeats")) {
            int repeats = options.integer("repeats", 1, 1, 100);
            List<ClassSplit> repeated = new java.util.ArrayList<>();
            for (ClassSplit split : plan.splits()) {
                for (int r = 0; r < repeats; r++) {
                    repeated.add(split);
                }
            }
            plan = plan.withSplits(repeated);
        }
        plan = plan.withImagesPerClass(
                options.integer("train-per-class", plan.trainImagesPerClass(), 1, Integer.MAX_VALUE),
                options.integer("test-per-class", plan.testImagesPerClass(), 1, Integer.MAX_VALUE));
        plan = plan.withTargetFraction(options.decimal("target-fraction", plan.targetFraction(), 1e-6, 1.0));
        if (options.has("n")) {
            StudyPlan current = plan;
            plan = plan.withNValues(options.list("n", List.of()).stream().map(s -> parseN(s, current)).toList());
        }
        String name = plan.name() + (options.has("dissimilar") ? "-dissimilar" : "")
                + (plan.targetFraction() < 1.0 ? "-fraction" + plan.targetFraction() : "");
        return new StudyPlan(name, plan.dataset(), plan.splits(), plan.spec(), plan.config(), plan.treatments(),
                plan.nValues(), plan.trainImagesPerClass(), plan.testImagesPerClass(), plan.targetFraction());
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

    /**
     * The quick preset: the small 8-layer network, 4 random splits, 2 epochs at batch 32, 250 training and 200
     * test images per class, every treatment at every n (148 cells).
     *
     * @return the plan
     */
    public static StudyPlan quick(Task data) {
        return StudyPlan.of("quick", data.name(), StudyPlan.randomSplits(data.classCount(), 4, 0),
                PaperNetworks.small(),
                        org.transferable.train.TrainingConfig.defaults().withEpochs(2).withBatchSize(32).withSeed(42))
                .withImagesPerClass(250, 200);
    }

    /**
     * The smoke preset, for CI and a first look (seconds): the small 8-layer network, 1 random split, 1 epoch, 40
     * training and 20 test images per class, every treatment at n = 1 and 4 (12 cells). Its numbers mean nothing;
     * it checks that the whole pipeline runs.
     *
     * @return the plan
     */
    public static StudyPlan smoke(Task data) {
        return StudyPlan.of("smoke", data.name(), StudyPlan.randomSplits(data.classCount(), 1, 0),
                        PaperNetworks.small(),
                        org.transferable.train.TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(42))
                .withImagesPerClass(40, 20)
                .withNValues(List.of(1, 4));
    }

    /**
     * The full preset: the same small 8-layer network, 4 random splits (as the paper), 4 epochs at batch 32, 600
     * training and 300 test images per class, every treatment at every n (148 cells).
     *
     * @return the plan
     */
    public static StudyPlan full(Task data) {
        return StudyPlan.of("full", data.name(), StudyPlan.randomSplits(data.classCount(), 4, 0), PaperNetworks.small(),
                        org.transferable.train.TrainingConfig.defaults().withEpochs(4).withBatchSize(32).withSeed(42))
                .withImagesPerClass(600, 300)
                .withTreatments(Treatment.values());
    }
}
