package org.transferable.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Mini-batches of cached prefix outputs: the input a head network sees in place of the images, gathered by one
 * native op per batch ({@code pullRows}), with no copy through the Java heap.
 */
final class FeatureBatches implements TrainingBatches {
    private final PrefixFeatures features;

    FeatureBatches(PrefixFeatures features) {
        this.features = features;
    }

    @Override
    public int size() {
        return features.size();
    }

    @Override
    public DataSet batch(int[] order, int from, int to) {
        INDArray[] gathered = features.gather(order, from, to);
        return new DataSet(gathered[0], gathered[1]);
    }
}
