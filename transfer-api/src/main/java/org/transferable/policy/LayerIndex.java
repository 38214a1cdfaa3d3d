package org.transferable.policy;

import org.transferable.Checks;

/**
 * A layer named in a policy: an absolute index ({@code 3}), or one relative to n, the number of copied layers
 * ({@code n}, {@code n+1}, {@code n-2}), so that one policy serves every n of a study.
 *
 * @param relative whether the index counts from n
 * @param offset the index (absolute, in [1, 10000]) or the offset from n (in [-10000, 10000])
 */
public record LayerIndex(boolean relative, int offset) {
    /** n itself: the last copied layer. */
    public static final LayerIndex N = new LayerIndex(true, 0);

    /** Validates the range. */
    public LayerIndex {
        if (relative) {
            Checks.inRange("offset from n", offset, -10_000, 10_000);
        } else {
            Checks.inRange("layer", offset, 1, 10_000);
        }
    }

    /** @return the absolute layer {@code index} */
    public static LayerIndex of(int index) {
        return new LayerIndex(false, index);
    }

    /** @return layer {@code n + offset} */
    public static LayerIndex fromN(int offset) {
        return new LayerIndex(true, offset);
    }

    /**
     * @param n the number of copied layers
     * @return the layer it names (not clamped)
     */
    public int resolve(int n) {
        return relative ? n + offset : offset;
    }

    /** @return {@code 3}, {@code n}, {@code n+1} or {@code n-2} */
    @Override
    public String toString() {
        if (!relative) {
            return Integer.toString(offset);
        }
        return offset == 0 ? "n" : offset > 0 ? "n+" + offset : "n" + offset;
    }
}
