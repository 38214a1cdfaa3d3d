package org.transferable.study;

/** What the confidence intervals say about one of the paper's findings. */
public enum Verdict {
    /** The intervals support the finding. */
    REPRODUCED,
    /** The intervals contradict the finding (or rule out an effect of the size that matters). */
    NOT_REPRODUCED,
    /** The intervals are too wide to tell, fewer than 2 splits measured it, or it was not measured. */
    INCONCLUSIVE
}
