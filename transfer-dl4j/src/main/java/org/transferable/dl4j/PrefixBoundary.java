package org.transferable.dl4j;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferable.backend.BatchInvariance;
import org.transferable.train.TrainingConfig;

/**
 * How many frozen layers can be cached exactly: the largest m &lt;= n whose output for an image does not depend on
 * which other images share its batch, measured on the network itself.
 *
 * <p>The full network computes its frozen layers on each shuffled mini-batch; a cache computes them once, in other
 * batches. The two agree bit for bit only if a layer's output for an image is independent of its batch. That holds
 * for oneDNN's convolution and pooling kernels, but not for matrix products through OpenBLAS (whose rounding
 * depends on the number of rows) nor for DL4J's built-in im2col convolution, which differ in the last bit. So this
 * check runs the first mini-batch of the first epoch through the frozen layers twice, once as the full network would
 * see it and once reversed inside a larger batch, and compares every output bit of every frozen layer.
 */
final class PrefixBoundary {
    private PrefixBoundary() {
    }

    /**
     * @param network the full network, layers 1..frozen frozen
     * @param blocks its paper-layer map
     * @param frozen n, the number of frozen paper layers
     * @param images the training examples
     * @param config batch size and seed (to rebuild the first mini-batch)
     * @param featurizeBatch the batch size the cache is computed with
     * @return m in [0, frozen]; 0 means nothing can be cached exactly
     */
    static int find(MultiLayerNetwork network, LayerBlocks blocks, int frozen, TrainingBatches images,
            TrainingConfig config, int featurizeBatch) {
        boolean[] first = matches(network, blocks, frozen, images,
                BatchInvariance.firstBatch(images.size(), config.batchSize(), config.seed()), featurizeBatch);
        int[] last = BatchInvariance.lastBatch(images.size(), config.batchSize(), config.seed());
        boolean[] remainder = last.length == 0 ? first : matches(network, blocks, frozen, images, last, featurizeBatch);
        for (int m = frozen; m >= 1; m--) {
            if (first[m - 1] && remainder[m - 1]) {
                return m;
            }
        }
        return 0;
    }

    /** @return per frozen layer, whether its outputs for {@code batch} equal those computed as the cache would */
    private static boolean[] matches(MultiLayerNetwork network, LayerBlocks blocks, int frozen, TrainingBatches images,
            int[] batch, int featurizeBatch) {
        int[] other = BatchInvariance.probeBatch(batch, images.size(), featurizeBatch);
        int last = blocks.dl4jLayersThrough(frozen) - 1;
        List<INDArray> asTrained = network.feedForwardToLayer(last, images.batch(batch, 0, batch.length).getFeatures(),
                false);
        List<INDArray> asCached = network.feedForwardToLayer(last, images.batch(other, 0, other.length).getFeatures(),
                false);
        boolean[] same = new boolean[frozen];
        for (int m = 1; m <= frozen; m++) {
            int index = blocks.dl4jLayersThrough(m);
            same[m - 1] = sameRowsReversed(asTrained.get(index), asCached.get(index), batch.length);
        }
        return same;
    }

    /** @return whether row i of {@code trained} equals row batch-1-i of {@code cached}, bit for bit, for every i */
    private static boolean sameRowsReversed(INDArray trained, INDArray cached, int batch) {
        return BatchInvariance.sameRowsReversed(trained.dup('c').data().asFloat(), cached.dup('c').data().asFloat(),
                batch);
    }
}
