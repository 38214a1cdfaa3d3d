package org.transferable.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.transferable.data.Shuffle;

class BatchInvarianceTest {
    @Test
    void firstBatch_isTheStartOfTheFirstEpochsOrder() {
        int[] order = Shuffle.epochOrder(100, new SplittableRandom(5));
        assertThat(BatchInvariance.firstBatch(100, 8, 5)).containsExactly(java.util.Arrays.copyOf(order, 8));
        assertThat(BatchInvariance.firstBatch(3, 8, 5)).hasSize(3);
    }

    @Test
    void lastBatch_isTheEndOfTheFirstEpochsOrderWhenSmaller() {
        int[] order = Shuffle.epochOrder(100, new SplittableRandom(5));
        assertThat(BatchInvariance.lastBatch(100, 32, 5)).containsExactly(order[96], order[97], order[98], order[99]);
        assertThat(BatchInvariance.lastBatch(96, 32, 5)).isEmpty();
        assertThat(BatchInvariance.lastBatch(20, 32, 5)).isEmpty();
    }

    @Test
    void probeBatch_reversesTheFirstBatchAndFillsUpToTheCacheBatch() {
        assertThat(BatchInvariance.probeBatch(new int[] {7, 3, 9}, 10, 6)).containsExactly(9, 3, 7, 0, 1, 2);
        // a cache batch no larger than the first batch still adds one image, so the sizes differ
        assertThat(BatchInvariance.probeBatch(new int[] {7, 3}, 10, 2)).containsExactly(3, 7, 0);
    }

    @Test
    void sameRowsReversed_comparesEveryBit() {
        float[] trained = {1f, 2f, 3f, 4f};
        assertThat(BatchInvariance.sameRowsReversed(trained, new float[] {3f, 4f, 1f, 2f, 9f, 9f}, 2)).isTrue();
        assertThat(BatchInvariance.sameRowsReversed(trained, new float[] {3f, 4f, 1f, Math.nextUp(2f), 9f, 9f}, 2))
                .isFalse();
        assertThat(BatchInvariance.sameRowsReversed(new float[] {0f}, new float[] {-0f}, 1)).isFalse();
    }

    @Test
    void epochOrder_isAPermutation() {
        assertThat(Shuffle.epochOrder(50, new SplittableRandom(1))).containsExactlyInAnyOrder(
                java.util.stream.IntStream.range(0, 50).toArray());
        assertThat(Shuffle.epochOrder(0, new SplittableRandom(1))).isEmpty();
    }
}
