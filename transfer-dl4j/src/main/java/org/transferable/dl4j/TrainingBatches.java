package org.transferable.dl4j;

import org.nd4j.linalg.dataset.DataSet;

/**
 * Where {@link Trainer} gets its mini-batches from: the images themselves ({@link Batches}) or the cached outputs of
 * a frozen prefix ({@link FeatureBatches}). Both give example {@code i} the same label, so one shuffled order gives
 * the same mini-batches either way.
 */
interface TrainingBatches {
    /** @return number of training examples */
    int size();

    /**
     * The examples {@code order[from..to)} as one mini-batch: features and one-hot labels, freshly allocated.
     *
     * @return the batch
     */
    DataSet batch(int[] order, int from, int to);
}
