package org.transferable.train;

/**
 * Hears training progress; used for progress bars. Called on the training thread; keep it cheap.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * After each step.
     *
     * @param images images processed so far in this training run
     * @param totalImages images the whole run will process (epochs x training images)
     */
    default void onProgress(long images, long totalImages) {
    }

    /**
     * After each epoch.
     *
     * @param epoch 1-based epoch just finished
     * @param meanLoss mean training loss over the epoch
     */
    default void onEpoch(int epoch, double meanLoss) {
    }

    /**
     * Once per fit of a network with frozen layers, before its first step: how the frozen layers are computed.
     *
     * @param prefix the layers computed once (or none) and why
     */
    default void onCachedPrefix(CachedPrefix prefix) {
    }
}
