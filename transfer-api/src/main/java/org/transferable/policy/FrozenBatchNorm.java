package org.transferable.policy;

/** What batch normalisation does in layers that are frozen (or train only their biases). */
public enum FrozenBatchNorm {
    /** Running statistics, left unchanged (the default, and what the paper's frozen layers do). */
    RUNNING("running"),
    /** Batch statistics in training steps, and the running mean and variance updated (PyTorch's train mode). */
    BATCH("batch"),
    /**
     * fastai's {@code train_bn}: batch statistics, running statistics updated, and batch normalisation's scale and
     * shift trained at the phase's rate while the layer's weights stay frozen.
     */
    TRAINED("train");

    private final String label;

    FrozenBatchNorm(String label) {
        this.label = label;
    }

    /** @return {@code running}, {@code batch} or {@code train}, as in {@code bn=batch} */
    public String label() {
        return label;
    }

    /**
     * @param label {@code running}, {@code batch} or {@code train}
     * @return the mode
     * @throws IllegalArgumentException "bn must be one of running, batch, train, got 'x'"
     */
    public static FrozenBatchNorm ofLabel(String label) {
        for (FrozenBatchNorm mode : values()) {
            if (mode.label.equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("bn must be one of running, batch, train, got '" + label + "'");
    }
}
