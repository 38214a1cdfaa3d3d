package org.transferable.network;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.transferable.data.Shuffle;

/**
 * The check a backend runs before it caches the outputs of frozen layers: training computes a frozen layer on each
 * shuffled mini-batch, a cache computes it once in other batches, and the two agree bit for bit only if the layer's
 * output for an image does not depend on which other images share its batch. Kernels may break that by blocking or
 * splitting their work differently for different batch sizes (OpenBLAS's matrix products and DL4J's im2col
 * convolution do; oneDNN's convolution and pooling, and PyTorch's CPU kernels, measured here, do not).
 *
 * <p>A backend runs the images of {@link #firstBatch} through its frozen layers as training would, and the images
 * of {@link #probeBatch} (the same ones reversed, then others) as the cache would; it does the same for
 * {@link #lastBatch}, the smaller remainder batch, if there is one; and it caches layers 1..m only for the largest m
 * whose outputs pass {@link #sameRowsReversed} in both. When all frozen layers fit the cache budget, the cache itself
 * is computed first and its rows for both batches compared with the training step's
 * ({@code FrozenPrefix.cacheMatchesSteps}); the probe batches are run only when they differ.
 */
final class BatchInvariance {
    private BatchInvariance() {
    }

    /**
     * The first mini-batch of the first epoch, as a trainer draws it.
     *
     * @param size the number of training examples, at least 1
     * @param batchSize the training batch size, at least 1
     * @param seed the training config's seed
     * @return the indices of the images in that batch, in batch order
     */
    static int[] firstBatch(int size, int batchSize, long seed) {
        return Arrays.copyOf(Shuffle.epochOrder(size, new SplittableRandom(seed)), Math.min(batchSize, size));
    }

    /**
     * The last mini-batch of the first epoch when its size differs from the others' (kernels often take another
     * path for a small remainder), as a trainer draws it.
     *
     * @param size the number of training examples, at least 1
     * @param batchSize the training batch size, at least 1
     * @param seed the training config's seed
     * @return the indices of the images in that batch, in batch order; empty when every batch has the same size
     */
    static int[] lastBatch(int size, int batchSize, long seed) {
        int remainder = size % batchSize;
        if (remainder == 0 || size <= batchSize) {
            return new int[0];
        }
        return Arrays.copyOfRange(Shuffle.epochOrder(size, new SplittableRandom(seed)), size - remainder, size);
    }

    /**
     * The batch the probe computes as a cache would: {@code first} reversed, then images 0, 1, ... until the batch
     * holds {@code cacheBatchSize} images (at least one more than {@code first}, so the batch size differs).
     *
     * @param first the first mini-batch
     * @param size the number of training examples
     * @param cacheBatchSize the batch size the cache is computed with
     * @return the indices, in batch order
     */
    static int[] probeBatch(int[] first, int size, int cacheBatchSize) {
        int batch = first.length;
        int extra = Math.max(1, Math.min(size, cacheBatchSize - batch));
        int[] other = new int[batch + extra];
        for (int i = 0; i < batch; i++) {
            other[i] = first[batch - 1 - i];
        }
        for (int i = 0; i < extra; i++) {
            other[batch + i] = i;
        }
        return other;
    }

    /**
     * Whether a layer's outputs for the first batch equal, bit for bit, its outputs for the same images in the probe
     * batch.
     *
     * @param trained the outputs for {@link #firstBatch}, flattened row by row
     * @param probed the outputs for {@link #probeBatch}, flattened row by row (its first {@code batch} rows are the
     *     same images reversed)
     * @param batch the first batch's size
     * @return whether row i of {@code trained} equals row batch-1-i of {@code probed} for every i
     */
    static boolean sameRowsReversed(float[] trained, float[] probed, int batch) {
        int row = trained.length / batch;
        for (int i = 0; i < batch; i++) {
            int from = (batch - 1 - i) * row;
            if (!Arrays.equals(trained, i * row, (i + 1) * row, probed, from, from + row)) {
                return false;
            }
        }
        return true;
    }
}
