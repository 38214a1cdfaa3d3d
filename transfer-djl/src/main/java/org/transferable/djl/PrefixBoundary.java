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
 * mini-batch of the first epoch through the frozen layers twice, once as training does (gradient recording on) and
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
        int[] first = BatchInvariance.firstBatch(images.size(), config.batchSize(), config.seed());
        int[] other = BatchInvariance.probeBatch(first, images.size(), featurizeBatch);
        int batch = first.length;
        try (NDManager scope = network.manager().newSubManager()) {
            List<float[]> asTrained;
            try (Autograd recording = Autograd.recording()) {
                asTrained = outputs(network, frozen, images.features(scope, first, 0, batch));
            }
            List<float[]> asCached;
            try (Autograd off = Autograd.off()) {
                asCached = outputs(network, frozen, images.features(scope, other, 0, other.length));
            }
            for (int m = frozen; m >= 1; m--) {
                if (BatchInvariance.sameRowsReversed(asTrained.get(m - 1), asCached.get(m - 1), batch)) {
                    return m;
                }
            }
            return 0;
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
