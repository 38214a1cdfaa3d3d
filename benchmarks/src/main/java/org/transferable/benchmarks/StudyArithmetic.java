package org.transferable.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.transferable.examples.ExampleArgs;
import org.transferable.examples.PaperNetworks;
import org.transferable.spec.NetworkSpec;
import org.transferable.study.Treatment;

/**
 * The arithmetic a whole study needs, counted from its network's {@link NetworkSpec#multiplyAdds multiply-adds}, and
 * the shortest wall time it can have on a machine whose matrix-product peak is measured: a speed target that needs
 * more arithmetic per second than that peak cannot be met by any implementation that trains the same cells.
 *
 * <p>Per split the study has every {@link Treatment}: the two bases and, for each n, BnB, AnB and RnB (layers 1..n
 * frozen) and BnB+ and AnB+ (every layer trained), on {@code classes} classes per half, each cell trained for
 * {@code epochs} passes over its training images and evaluated once on its test images. A training step costs, per
 * image, the forward pass of the layers it runs, the weights' gradients of the trained layers and the inputs'
 * gradients of every trained layer but the lowest. Two counts:
 * <ul>
 *   <li><b>at least</b>: frozen layers computed once per image of the cell (training and test images), the best any
 *       prefix cache can do; the floor of our runner;</li>
 *   <li><b>naive sweep</b>: frozen layers recomputed in every step and every evaluation, as
 *       {@code shared/peers/pytorch_study.py} runs them.</li>
 * </ul>
 *
 * <p>Options: {@code --splits S}, {@code --train-per-class N}, {@code --test-per-class N}, {@code --epochs E},
 * {@code --classes C} (per half, default 5), {@code --peak-gflops G} (the measured matrix-product peak; FLOP = 2
 * multiply-adds; required), {@code --training-images-per-second R} (the fastest measured training step of the
 * network in images per second, at any batch size and layout, counted here as FLOP/s), {@code --peer-seconds S} and
 * {@code --ours-seconds S} (the measured wall times), {@code --target R} (default 3.0);
 * {@code benchmarks/machine-rates.py} measures both rates. The network is the peer's,
 * {@link PaperNetworks#small()}, with n = 1..L-1.
 */
public final class StudyArithmetic {

    private StudyArithmetic() {
    }

    /**
     * Prints the counts, the floor at the given peak, and what the target needs.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        ExampleArgs options = ExampleArgs.parse(args, Set.of("splits", "train-per-class", "test-per-class", "epochs",
                "classes", "peak-gflops", "training-images-per-second", "peer-seconds", "ours-seconds", "target"),
                Set.of());
        int splits = options.integer("splits", 4, 1, 1000);
        int classes = options.integer("classes", 5, 1, 1000);
        int train = options.integer("train-per-class", 250, 1, 1_000_000) * classes;
        int test = options.integer("test-per-class", 200, 1, 1_000_000) * classes;
        int epochs = options.integer("epochs", 2, 1, 10_000);
        double peak = required(options, "peak-gflops");
        double target = options.decimal("target", 3.0, 1e-3, 1e3);
        NetworkSpec spec = PaperNetworks.small();
        Work perSplit = perSplit(spec.multiplyAdds(classes), train, test, epochs);
        double floor = 2.0 * splits * perSplit.atLeast();
        double naive = 2.0 * splits * perSplit.naive();
        double peer = options.decimal("peer-seconds", Double.NaN, 1e-3, 1e9);
        System.out.printf(Locale.ROOT, "arithmetic (%s, %d split(s), %d / %d images per half, %d epochs; FLOP = 2 x "
                + "multiply-adds):%n", spec.name(), splits, train, test, epochs);
        System.out.printf(Locale.ROOT, "  the study, at least   %8.1f GFLOP (bases and fine-tuned cells %.0f%%)%n",
                floor / 1e9, 100.0 * perSplit.everyLayerTrained() / perSplit.atLeast());
        System.out.printf(Locale.ROOT, "  the naive sweep       %8.1f GFLOP%n", naive / 1e9);
        System.out.printf(Locale.ROOT, "  %-38s %8s %20s %20s%n", "at the rate of", "GFLOP/s", "the study at least",
                "peer / ours at most");
        rate("the matrix-product peak", peak, floor, peer);
        // a step of the whole network per image, in FLOP: the rate of a cell that trains every layer
        double training = options.decimal("training-images-per-second", Double.NaN, 1e-3, 1e12)
                * 2 * step(spec.multiplyAdds(classes), 0, true) / 1e9;
        if (!Double.isNaN(training)) {
            rate("the fastest training step of the net", training, floor, peer);
            if (training > peak) {
                System.out.println("  (the training step measured faster than the matrix-product peak: a busy spell "
                        + "on this machine slowed the peak's measurement)");
            }
        }
        if (!Double.isNaN(peer)) {
            System.out.printf(Locale.ROOT, "  the peer's sweep took %.1f s: %.1f GFLOP/s%n", peer, naive / peer / 1e9);
            double ours = options.decimal("ours-seconds", Double.NaN, 1e-3, 1e9);
            if (!Double.isNaN(ours)) {
                System.out.printf(Locale.ROOT, "  our study took %.1f s: at least %.1f GFLOP/s%n", ours,
                        floor / ours / 1e9);
            }
            double needed = floor / (peer / target) / 1e9;
            System.out.printf(Locale.ROOT, "  %.1fx needs the study in %.1f s: %.1f GFLOP/s, %.2f x the matrix-product "
                    + "peak%s%n", target, peer / target, needed, needed / peak, Double.isNaN(training) ? ""
                    : String.format(Locale.ROOT, ", %.2f x the fastest training step", needed / training));
        }
    }

    private static double required(ExampleArgs options, String name) {
        if (!options.has(name)) {
            throw new IllegalArgumentException("--" + name + " is required: a measured rate of this machine, in "
                    + "GFLOP/s (benchmarks/machine-rates.py measures it)");
        }
        return options.decimal(name, 0, 1e-3, 1e9);
    }

    private static void rate(String what, double gflops, double flop, double peer) {
        double seconds = flop / (gflops * 1e9);
        System.out.printf(Locale.ROOT, "  %-38s %8.1f %18.1f s %20s%n", what, gflops, seconds,
                Double.isNaN(peer) ? "-" : String.format(Locale.ROOT, "%.2f", peer / seconds));
    }

    /**
     * The multiply-adds of one split's cells.
     *
     * @param layers the forward multiply-adds per image of layers 1..L
     * @param train training images per cell
     * @param test test images per cell
     * @param epochs passes over the training images
     * @return the split's counts
     */
    static Work perSplit(List<Long> layers, long train, long test, long epochs) {
        long everyLayer = 0;
        long atLeast = 0;
        long naive = 0;
        for (Treatment treatment : Treatment.values()) {
            for (int n = 1; n <= (treatment.copiesLayers() ? layers.size() - 1 : 1); n++) {
                int frozen = treatment.copiesLayers() && !treatment.fineTuned() ? n : 0;
                long recomputed = cell(layers, frozen, train, test, epochs, true);
                everyLayer += frozen == 0 ? recomputed : 0;
                atLeast += frozen == 0 ? recomputed : cell(layers, frozen, train, test, epochs, false);
                naive += recomputed;
            }
        }
        return new Work(everyLayer, atLeast, naive);
    }

    /**
     * One cell that trains layers {@code frozen + 1..L}.
     *
     * @param frozen how many layers from the bottom are frozen (0 for a base or a fine-tuned cell)
     * @param recompute whether the frozen layers run in every step and evaluation, or once per image
     */
    static long cell(List<Long> layers, int frozen, long train, long test, long epochs, boolean recompute) {
        long below = sum(layers, 0, frozen);
        long trained = sum(layers, frozen, layers.size());
        long step = step(layers, frozen, recompute);
        long evaluation = trained + (recompute ? below : 0);
        long prefix = recompute ? 0 : below * (train + test);
        return train * epochs * step + test * evaluation + prefix;
    }

    /**
     * One training step's multiply-adds per image.
     *
     * @param frozen how many layers from the bottom are frozen
     * @param recompute whether the frozen layers run in the step
     */
    static long step(List<Long> layers, int frozen, boolean recompute) {
        long trained = sum(layers, frozen, layers.size());
        return trained + trained + sum(layers, frozen + 1, layers.size()) + (recompute ? sum(layers, 0, frozen) : 0);
    }

    private static long sum(List<Long> layers, int from, int to) {
        return IntStream.range(from, to).mapToLong(layers::get).sum();
    }

    /**
     * One split's multiply-adds.
     *
     * @param everyLayerTrained the bases' and fine-tuned cells', which train every layer
     * @param atLeast every cell's, frozen layers once per image
     * @param naive every cell's, frozen layers recomputed
     */
    record Work(long everyLayerTrained, long atLeast, long naive) {
    }
}
