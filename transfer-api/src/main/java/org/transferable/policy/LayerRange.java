package org.transferable.policy;

/**
 * Consecutive layers named in a policy, both ends included; an open end is the first or the last layer. Relative
 * ends are clamped to the network's layers (so {@code n-1..} at n = 1 starts at layer 1); an absolute end outside
 * the network is an error when the policy is applied to it.
 *
 * <p>String forms: {@code all}, {@code copied} (layers 1..n), {@code new} (n+1..L, the freshly initialised layers),
 * {@code 3}, {@code 2..4}, {@code n..}, {@code ..n-1}.
 *
 * @param from the first layer, or null for layer 1
 * @param to the last layer, or null for layer L
 */
public record LayerRange(LayerIndex from, LayerIndex to) {
    /** Every layer. */
    public static final LayerRange ALL = new LayerRange(null, null);
    /** The copied layers 1..n. */
    public static final LayerRange COPIED = new LayerRange(null, LayerIndex.N);
    /** The new layers n+1..L. */
    public static final LayerRange NEW = new LayerRange(LayerIndex.fromN(1), null);

    /** @return the single layer {@code index} */
    public static LayerRange layer(LayerIndex index) {
        return new LayerRange(index, index);
    }

    /**
     * @param n copied layers
     * @param layers L
     * @return {first, last} clamped to [1, L]; first &gt; last when the range is empty at this n
     * @throws IllegalArgumentException when an absolute end lies outside [1, L]
     */
    int[] resolve(int n, int layers) {
        int first = from == null ? 1 : end(from, n, layers);
        int last = to == null ? layers : end(to, n, layers);
        return new int[] {first, last};
    }

    private int end(LayerIndex index, int n, int layers) {
        int value = index.resolve(n);
        if (!index.relative() && value > layers) {
            throw new IllegalArgumentException("layer " + value + " of '" + this + "' must be in [1, " + layers
                    + "] for a network with " + layers + " layers");
        }
        return Math.max(1, Math.min(layers, value));
    }

    @Override
    public String toString() {
        if (equals(ALL)) {
            return "all";
        }
        if (equals(COPIED)) {
            return "copied";
        }
        if (equals(NEW)) {
            return "new";
        }
        if (from != null && from.equals(to)) {
            return from.toString();
        }
        return (from == null ? "" : from.toString()) + ".." + (to == null ? "" : to.toString());
    }
}
