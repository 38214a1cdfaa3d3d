package org.transferable.examples;

import java.util.Map;

/**
 * The paper's own ImageNet numbers (top-1 accuracy on B, means recomputed from the authors' logs; see
 * {@code shared/PAPER.md}), for plotting beside ours normalised by baseB.
 */
public final class PaperResults {
    /** baseB's mean accuracy over the paper's 8 half networks. */
    public static final double BASE_B = 0.625;

    /** Mean accuracy per treatment label, index n-1 for n = 1..7. */
    public static final Map<String, double[]> BY_TREATMENT = Map.of(
            "BnB", new double[] {.627, .624, .621, .605, .594, .619, .623},
            "BnB+", new double[] {.618, .622, .631, .629, .630, .628, .627},
            "AnB", new double[] {.628, .624, .619, .600, .578, .581, .543},
            "AnB+", new double[] {.637, .636, .643, .640, .645, .646, .647});

    private PaperResults() {
    }
}
