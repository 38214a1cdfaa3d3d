package org.transferable.network;

import org.transferable.engine.Batch;

/**
 * What the training loop draws its mini-batches from: the images ({@link ImageInputs}) or the cached outputs of
 * frozen layers ({@link CachedOutputs}). Both give example i the same label, so one shuffled order gives the same
 * mini-batches.
 */
interface Inputs {
    /** @return the number of examples */
    int size();

    /** @return examples {@code order[from..to)} as one batch */
    Batch batch(int[] order, int from, int to);
}
