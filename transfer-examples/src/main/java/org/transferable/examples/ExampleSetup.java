package org.transferable.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;

/**
 * What the single-treatment programs share: options, data (shipped Fashion-MNIST or any IDX directory), the class
 * split, the network, the training config, and base networks that are trained once and reused from disk.
 *
 * <p>Options: {@code --data DIR} (IDX directory; default the shipped Fashion-MNIST), {@code --classes a,b,...},
 * {@code --split-seed S} (random split, default 0) or {@code --dissimilar}, {@code --train-per-class N}
 * (default 1000), {@code --test-per-class N} (default 500), {@code --network small|wide|reference},
 * {@code --epochs E} (default 3), {@code --seed S}, {@code --backend NAME}, {@code --bases DIR}
 * (default {@code runs/bases}), {@code --n N} and {@code --fine-tune} for the transfer programs.
 */
final class ExampleSetup {
    static final Set<String> OPTIONS = Set.of("data", "classes", "split-seed", "train-per-class", "test-per-class",
            "network", "epochs", "seed", "backend", "bases", "n");
    static final Set<String> FLAGS = Set.of("dissimilar", "fine-tune", "skip-unreadable");

    final ExampleArgs args;
    final Backend backend;
    final SplitTasks tasks;
    final NetworkSpec spec;
    final TrainingConfig config;
    final Path basesDir;

    private ExampleSetup(ExampleArgs args) throws IOException {
        this.args = args;
        this.backend = args.has("backend") ? Backends.load(args.text("backend", "")) : Backends.preferred();
        Task all = args.has("data")
                ? FashionMnist.load(args.path("data", null), args.list("classes", List.of()),
                        args.has("skip-unreadable"))
                : FashionMnist.load();
        ClassSplit split = args.has("dissimilar") ? FashionMnist.dissimilarSplit()
                : ClassSplit.random(all.classCount(), args.integer("split-seed", 0, 0, Integer.MAX_VALUE));
        SplitTasks full = split.apply(all);
        int trainCap = args.integer("train-per-class", 1000, 1, 1_000_000);
        int testCap = args.integer("test-per-class", 500, 1, 1_000_000);
        this.tasks = new SplitTasks(cap(full.a(), trainCap, testCap), cap(full.b(), trainCap, testCap));
        this.spec = network(args.text("network", "small"));
        this.config = TrainingConfig.defaults().withEpochs(args.integer("epochs", 3, 1, 10_000))
                .withSeed(args.integer("seed", 42, 0, Integer.MAX_VALUE));
        String key = all.name() + "-" + (args.has("dissimilar") ? "dissimilar" : "split" + args.text("split-seed", "0"))
                + "-" + spec.name() + "-" + trainCap + "pc-e" + config.epochs() + "-s" + config.seed() + "-" + backend
                .name();
        this.basesDir = args.path("bases", Path.of("runs", "bases")).resolve(key);
        System.out.printf("backend %s (%s)%nsplit %s%n%s%n%s%nnetwork %s: %s%nconfig %s%n", backend.name(),
                backend.engineVersion(), split, tasks.a(), tasks.b(), spec.name(), spec.layerNames(), config);
    }

    static ExampleSetup parse(String[] argv) {
        try {
            return new ExampleSetup(ExampleArgs.parse(argv, OPTIONS, FLAGS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Task cap(Task task, int train, int test) {
        return new Task(task.name(), task.train().perClass(train, 1), task.test().perClass(test, 2));
    }

    static NetworkSpec network(String name) {
        switch (name) {
            case "small":
                return PaperNetworks.small();
            case "small-nodropout":
                return PaperNetworks.smallWithoutDropout();
            case "wide":
                return PaperNetworks.wide();
            case "reference":
                return PaperNetworks.reference();
            default:
                throw new IllegalArgumentException("--network must be one of [small, small-nodropout, wide, "
                        + "reference], got '" + name + "'");
        }
    }

    /**
     * The base network for task A or B: loaded from {@link #basesDir} when an earlier run saved it, otherwise
     * trained and saved.
     *
     * @return the base network
     */
    Network base(Task task) {
        Path dir = basesDir.resolve("base" + task.name());
        try {
            if (Files.exists(dir.resolve("network.json"))) {
                Network loaded = backend.load(dir);
                System.out.printf("base%s loaded from %s%n", task.name(), dir);
                return loaded;
            }
            long start = System.nanoTime();
            Network trained = backend.train(spec, task, config);
            System.out.printf("base%s trained in %.1f s, saved to %s%n", task.name(),
                    (System.nanoTime() - start) / 1e9, dir);
            trained.save(dir);
            return trained;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int n() {
        return args.integer("n", 3, 1, spec.layerCount() - 1);
    }

    void report(String label, Network network, Task task) {
        System.out.printf("%-6s test accuracy on %s: %.4f (loss %.4f, %d images)%n", label, task.name(),
                network.evaluate(task.test()).accuracy(), network.evaluate(task.test()).loss(), task.test().size());
    }
}
