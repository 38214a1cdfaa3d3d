package org.transferable.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.transferable.data.LabelledImages;
import org.transferable.data.Task;
import org.transferable.examples.ExampleArgs;
import org.transferable.examples.FashionMnist;
import org.transferable.examples.PaperNetworks;
import org.transferable.generality.Generality;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.train.TrainingConfig;

/**
 * Wall time of the training-free generality profile: a base trained on Fashion-MNIST classes 0-4 (or loaded with
 * {@code --network DIR}) profiled on the first {@code --images N} (5,000) test images of classes 5-9; prints the
 * seconds of each score (forward passes included) after one warm-up run of each. Not a timed test.
 *
 * <p>Options: {@code --backend NAME}, {@code --network DIR}, {@code --images N}, {@code --train-per-class N}
 * (1000), {@code --epochs E} (3).
 */
public final class GeneralityBenchmark {
    private GeneralityBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) throws Exception {
        ExampleArgs options = ExampleArgs.parse(args, Set.of("backend", "network", "images", "train-per-class",
                "epochs"), Set.of());
        Backend backend = options.has("backend") ? Backends.load(options.text("backend", "")) : Backends.preferred();
        Task data = FashionMnist.load();
        Network base;
        if (options.has("network")) {
            base = backend.load(options.path("network", Path.of(".")));
        } else {
            LabelledImages train = data.train().remap(List.of(0, 1, 2, 3, 4))
                    .perClass(options.integer("train-per-class", 1000, 1, 6000), 1);
            LabelledImages test = data.test().remap(List.of(0, 1, 2, 3, 4)).perClass(500, 2);
            long start = System.nanoTime();
            base = backend.train(PaperNetworks.small(), new Task("A", train, test),
                    TrainingConfig.defaults().withEpochs(options.integer("epochs", 3, 1, 1000)).withSeed(42));
            System.out.printf("base trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        LabelledImages target = data.test().remap(List.of(5, 6, 7, 8, 9));
        target = target.head(Math.min(options.integer("images", 5000, 1, 10_000), target.size()));
        Generality generality = Generality.defaults();
        Network source = base;
        LabelledImages images = target;
        System.out.printf("generality profile, backend %s (%s), %s, %d target images%n", backend.name(),
                backend.engineVersion(), base.spec().name(), target.size());
        double total = 0;
        total += time("label CKA", () -> generality.labelCka(source, images));
        total += time("LogME", () -> generality.logMe(source, images));
        total += time("H-score", () -> generality.hScore(source, images));
        total += time("minibatch CKA (vs itself)", () -> generality.similarity(source, source, images));
        total += time("LEEP", () -> generality.leep(source, images));
        total += time("NCE", () -> generality.nce(source, images));
        System.out.printf("all scores: %.2f s%n", total);
    }

    private static double time(String name, Supplier<Object> score) {
        score.get();
        long start = System.nanoTime();
        score.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-26s %7.2f s%n", name, seconds);
        return seconds;
    }
}
