package org.transferable.data;

/** An IDX file that is malformed: wrong magic, truncated, or disagreeing with its partner file. */
public final class IdxFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public IdxFormatException(String message) {
        super(message);
    }
}
