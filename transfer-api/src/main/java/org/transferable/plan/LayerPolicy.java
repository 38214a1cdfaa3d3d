package org.transferable.plan;

/** What happens to copied layers while the target network trains. */
public enum LayerPolicy {
    /** Learning rate 0 and no weight decay: the copied parameters stay bit-identical (AnB, BnB). */
    FROZEN,
    /** Trained at the configured learning rate with the rest of the network (AnB+, BnB+). */
    FINE_TUNED
}
