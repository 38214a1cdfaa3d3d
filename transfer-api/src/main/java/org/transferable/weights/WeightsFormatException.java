package org.transferable.weights;

/** A weights file that is malformed: truncated, not a Transferable weights file, or inconsistent. */
public final class WeightsFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public WeightsFormatException(String message) {
        super(message);
    }
}
