package org.transferable.engine;

/** How one paper layer takes part in a training step. */
public enum LayerMode {
    /**
     * No gradient, no update, no weight decay, no solver state; runs in inference mode (dropout off, batch
     * normalisation on its running statistics, which it does not update). Gradients still pass through it to the
     * layers below.
     */
    FROZEN,
    /** Runs in training mode; every trainable tensor gets the solver's step. */
    TRAINED
}
