package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * What a training loop draws its mini-batches from: images ({@link Batches}) or the cached outputs of frozen layers
 * ({@link PrefixFeatures}). Both give example i the same label, so one shuffled order gives the same mini-batches.
 */
interface Inputs {
    /** @return the number of examples */
    int size();

    /** @return the inputs of examples {@code order[from..to)}, [count, ...], in {@code manager} */
    NDArray features(NDManager manager, int[] order, int from, int to);

    /** @return one-hot labels of examples {@code order[from..to)}, [count, classes], in {@code manager} */
    NDArray oneHot(NDManager manager, int[] order, int from, int to);
}
