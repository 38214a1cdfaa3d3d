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
 */
public record FindingVerdict(Finding finding, Verdict verdict, String evidence) {
    /** Validates that every field is present. */
    public FindingVerdict {
        Objects.requireNonNull(finding, "finding must not be null");
        Objects.requireNonNull(verdict, "verdict must not be null");
        Checks.name("evidence", evidence);
    }

    @Override
    public String toString() {
        return "(" + finding.number() + ") " + finding.claim() + ": " + verdict + " - " + evidence;
    }
}
