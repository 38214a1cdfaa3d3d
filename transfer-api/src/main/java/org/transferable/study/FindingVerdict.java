package org.transferable.study;

import java.util.Objects;
import org.transferable.Checks;

/**
 * The verdict on one finding with its evidence.
 *
 * @param finding which finding
 * @param verdict reproduced, not reproduced or inconclusive
 * @param evidence one line with the numbers the verdict rests on, or why there are none (starting with
 *     {@code not measured} when a needed treatment is missing)
 * @param headline our effect in accuracy points with its 95% interval, the one number to read beside
 *     {@link Finding#paperEffect()}, e.g. {@code +1.2 [+0.3, +2.1] points at n=4 (4 splits)}; {@code none} when
 *     nothing was measured
 */
public record FindingVerdict(Finding finding, Verdict verdict, String evidence, String headline) {
    /** Validates that every field is present; a JSON file without a headline reads as {@code none}. */
    public FindingVerdict {
        Objects.requireNonNull(finding, "finding must not be null");
        Objects.requireNonNull(verdict, "verdict must not be null");
        Checks.name("evidence", evidence);
        headline = headline == null ? "none" : headline;
    }

    /**
     * A verdict without a headline (nothing was measured).
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public FindingVerdict(Finding finding, Verdict verdict, String evidence) {
        this(finding, verdict, evidence, "none");
    }

    @Override
    public String toString() {
        return "(" + finding.number() + ") " + finding.claim() + ": " + verdict + " - " + evidence;
    }

    /**
     * @return one line: the claim, ours beside the paper's, the verdict, e.g. {@code (4) AnB+ >= baseB: ours +1.2
     *     [+0.3, +2.1] points averaged over n=[1, 4, 7] (4 splits); paper +1.6 points averaged over n=1..7 ->
     *     REPRODUCED}
     */
    public String summary() {
        return "(" + finding.number() + ") " + finding.claim() + ": ours " + headline + "; paper "
                + finding.paperEffect() + " -> " + verdict;
    }
}
