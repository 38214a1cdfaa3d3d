package org.transferable.study;

import java.util.Objects;

/**
 * A measured cell left out of a study's analysis because its network did not learn (see
 * {@link StudyResult#flagged()}).
 *
 * @param cell which cell
 * @param accuracy its test accuracy
 * @param reason in words, with the rule's numbers
 */
public record FlaggedCell(Cell cell, double accuracy, String reason) {
    /** Checks for nulls. */
    public FlaggedCell {
        Objects.requireNonNull(cell, "cell must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
    }
}
