package org.transferable.data;

import java.util.SplittableRandom;

/**
 * The one shuffle of the library: subsets and class splits draw with it, and every backend's trainer draws each
 * epoch's order of the training images with it, so that both backends see the same mini-batches for the same seed.
 * A trainer's epoch order is {@code 0..size-1} shuffled in place with the generator seeded from the training
 * config, one call per epoch:
 *
 * <pre>{@code
 * SplittableRandom random = new SplittableRandom(config.seed());
 * for (int epoch = 1; epoch <= config.epochs(); epoch++) {
 *     int[] order = IntStream.range(0, images.size()).toArray();
 *     Shuffle.inPlace(order, random);
 *     // mini-batches: order[0, batchSize), order[batchSize, 2 * batchSize), ...
 * }
 * }</pre>
 *
 * Changing the algorithm or the draws it takes changes every trained network; {@code ShuffleTest} runs this
 * example and pins the orders it gives.
 */
public final class Shuffle {
    private Shuffle() {
    }

    /**
     * Shuffles the values in place with the Fisher-Yates algorithm from the end: for {@code i} from
     * {@code values.length - 1} down to 1, swaps {@code values[i]} with {@code values[random.nextInt(i + 1)]}. It
     * takes exactly {@code values.length - 1} draws from {@code random} (none for fewer than two values).
     *
     * @param values the values to shuffle; changed in place
     * @param random the generator to draw from; advanced
     */
    public static void inPlace(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /**
     * The next epoch's order of a training set: {@code 0..size-1}, shuffled with {@link #inPlace}.
     *
     * @param size the number of training examples, at least 0
     * @param random the trainer's generator, seeded from the training config; advanced
     * @return a fresh array
     */
    public static int[] epochOrder(int size, SplittableRandom random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        inPlace(order, random);
        return order;
    }
}
