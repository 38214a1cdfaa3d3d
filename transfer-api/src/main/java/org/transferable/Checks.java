package org.transferable;

import java.util.Objects;

/**
 * Argument checks that fail at the offending call with an exact message naming the value and the allowed range.
 * Internal to the library; public only so that every package of the API (and backends) can share one wording.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Requires {@code value} in {@code [min, max]}.
     *
     * @return the value
     * @throws IllegalArgumentException "{what} must be in [min, max], got value"
     */
    public static int inRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /**
     * Requires {@code value} in {@code [min, max]} for doubles; NaN is rejected.
     *
     * @return the value
     * @throws IllegalArgumentException "{what} must be in [min, max], got value"
     */
    public static double inRange(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /**
     * Requires {@code value} in {@code [min, max)} for doubles; NaN is rejected.
     *
     * @return the value
     * @throws IllegalArgumentException "{what} must be in [min, max), got value"
     */
    public static double inHalfOpenRange(String what, double value, double min, double max) {
        if (!(value >= min && value < max)) {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "), got " + value);
        }
        return value;
    }

    /**
     * Requires a non-null, non-blank name.
     *
     * @return the name
     * @throws IllegalArgumentException when blank
     * @throws NullPointerException when null
     */
    public static String name(String what, String value) {
        Objects.requireNonNull(value, what + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
