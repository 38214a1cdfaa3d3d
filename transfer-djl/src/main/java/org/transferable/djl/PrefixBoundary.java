package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.transferable.backend.BatchInvariance;
import org.transferable.train.TrainingConfig;

/**
 * How many frozen layers can be cached exactly: the largest m &lt;= n whose output for an image does not depend on
 * which other images share its batch, measured on the network itself.
 *
 * <p>Training computes the frozen layers on each shuffled mini-batch; a cache computes them once, in other batches.
 * The two agree bit for bit only if a layer's output for an image is independent of its batch, which a kernel may
 * break by blocking or splitting its work differently for different batch sizes. So this check runs the first
 * mini-batch of the first epoch (and the smaller last one, if any) through the frozen layers twice, once as training does (gradient recording on) and
 * once reversed inside a larger batch with recording off (as the cache is computed), and compares every output bit
 * of every frozen layer.
 */
final class PrefixBoundary {
    private PrefixBoundary() {
    }

    /**
     * @param network the network, layers 1..frozen frozen
     * @param frozen n, the number of frozen paper layers, at least 1
     * @param images the training images
     * @param config batch size and seed (to rebuild the first mini-batch)
     * @param featurizeBatch the batch size the cache is computed with
     * @return m in [0, frozen]; 0 means nothing can be cached exactly
     */
    static int find(NetworkBlocks network, int frozen, Batches images, TrainingConfig config, int featurizeBatch) {
        boolean[] first = matches(network, frozen, images,
                BatchInvariance.firstBatch(images.size(), config.batchSize(), config.seed()), featurizeBatch);
        int[] last = BatchInvariance.lastBatch(images.size(), config.batchSize(), config.seed());
        boolean[] remainder = last.length == 0 ? first : matches(network, frozen, images, last, featurizeBatch);
        for (int m = frozen; m >= 1; m--) {
            if (first[m - 1] && remainder[m - 1]) {
                return m;
            }
        }
        return 0;
    }

    /** @return per frozen layer, whether its outputs for {@code batch} equal those computed as the cache would */
    private static boolean[] matches(NetworkBlocks network, int frozen, Batches images, int[] batch,
            int featurizeBatch) {
        int[] other = BatchInvariance.probeBatch(batch, images.size(), featurizeBatch);
        try (NDManager scope = network.manager().newSubManager()) {
            List<float[]> asTrained;
            try (Autograd recording = Autograd.recording()) {
                asTrained = outputs(network, frozen, images.features(scope, batch, 0, batch.length));
            }
            List<float[]> asCached;
            try (Autograd off = Autograd.off()) {
                asCached = outputs(network, frozen, images.features(scope, other, 0, other.length));
            }
            boolean[] same = new boolean[frozen];
            for (int m = 1; m <= frozen; m++) {
                same[m - 1] = BatchInvariance.sameRowsReversed(asTrained.get(m - 1), asCached.get(m - 1), batch.length);
            }
            return same;
        }
    }

    /** @return the outputs of layers 1..frozen, each flattened */
    private static List<float[]> outputs(NetworkBlocks network, int frozen, NDArray input) {
        List<float[]> out = new ArrayList<>();
        NDArray x = input;
        for (int n = 1; n <= frozen; n++) {
            x = network.forward(x, n - 1, n, false);
            out.add(x.toFloatArray());
        }
        return out;
    }
}
