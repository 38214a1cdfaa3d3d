package org.transferable.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.transferable.train.TrainingConfig;

/**
 * {@link Shuffle}: the exact permutations for fixed seeds. Both backends train on these orders, so a change here
 * is a change to every trained network and must be deliberate.
 */
class ShuffleTest {
    @Test
    void inPlace_oneCallPerEpoch_givesThePinnedEpochOrders() {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withSeed(7);
        int size = 10;
        List<int[]> orders = new ArrayList<>();

        // the example of Shuffle's Javadoc, as the trainers run it
        SplittableRandom random = new SplittableRandom(config.seed());
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            int[] order = IntStream.range(0, size).toArray();
            Shuffle.inPlace(order, random);
            orders.add(order);
        }

        assertThat(orders.get(0)).containsExactly(1, 5, 0, 4, 2, 8, 7, 3, 9, 6);
        assertThat(orders.get(1)).containsExactly(0, 2, 7, 6, 5, 8, 3, 9, 1, 4);
    }

    @Test
    void inPlace_anyValues_permutesThemInPlace() {
        int[] values = {10, 20, 30, 40, 50};

        Shuffle.inPlace(values, new SplittableRandom(42));

        assertThat(values).containsExactly(40, 30, 10, 50, 20);
    }

    @Test
    void inPlace_nValues_drawsExactlyNMinusOneTimes() {
        SplittableRandom used = new SplittableRandom(42);
        SplittableRandom expected = new SplittableRandom(42);

        Shuffle.inPlace(new int[5], used);
        for (int i = 4; i > 0; i--) {
            expected.nextInt(i + 1);
        }

        assertThat(used.nextLong()).isEqualTo(expected.nextLong());
    }

    @Test
    void inPlace_fewerThanTwoValues_drawsNothing() {
        SplittableRandom used = new SplittableRandom(3);
        int[] one = {9};

        Shuffle.inPlace(new int[0], used);
        Shuffle.inPlace(one, used);

        assertThat(one).containsExactly(9);
        assertThat(used.nextLong()).isEqualTo(new SplittableRandom(3).nextLong());
    }
}
