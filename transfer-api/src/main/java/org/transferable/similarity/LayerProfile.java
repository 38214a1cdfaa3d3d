package org.transferable.similarity;

import java.util.List;
import java.util.Objects;
import org.transferable.Checks;

/**
 * One training-free generality score for every layer n = 1..L of a network, e.g. the linear CKA between layer n
 * of baseA and of baseB, or the LogME of layer n's features for task B. Higher is taken to mean more general, as
 * it is for every score in this package. Round-trips through {@link org.transferable.json.Json}.
 *
 * <pre>{@code
 * LayerProfile profile = new LayerProfile("linear CKA", List.of(0.95, 0.90, 0.55, 0.30), 1.5);
 * int cut = profile.suggestedCut(0.8); // 2: layers 1 and 2 score at least 0.8, layer 3 does not
 * }</pre>
 *
 * @param measure the score's name, e.g. {@code linear CKA}, {@code LogME}, {@code LEEP}, {@code NCE},
 *     {@code H-score}
 * @param values the score of layer n at index n - 1, at least one, each finite
 * @param seconds wall-clock time taken to compute all the values, finite and at least 0
 */
public record LayerProfile(String measure, List<Double> values, double seconds) {
    /**
     * Validates the profile and copies the values.
     *
     * @throws IllegalArgumentException e.g. "a layer profile needs at least 1 value, got none", "layer values must
     *     be finite, got NaN at layer 3" or "seconds must be in [0.0, Infinity), got -1.0"
     */
    public LayerProfile {
        Checks.name("measure", measure);
        values = List.copyOf(Objects.requireNonNull(values, "values must not be null"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a layer profile needs at least 1 value, got none");
        }
        for (int i = 0; i < values.size(); i++) {
            if (!Double.isFinite(values.get(i))) {
                throw new IllegalArgumentException("layer values must be finite, got " + values.get(i)
                        + " at layer " + (i + 1));
            }
        }
        Checks.inHalfOpenRange("seconds", seconds, 0.0, Double.POSITIVE_INFINITY);
    }

    /** @return L, the number of layers scored */
    public int layers() {
        return values.size();
    }

    /**
     * The score of one layer.
     *
     * @param n layer, from 1
     * @return its value
     * @throws IllegalArgumentException "layer must be in [1, 4], got 5"
     */
    public double value(int n) {
        return values.get(Checks.inRange("layer", n, 1, values.size()) - 1);
    }

    /** @return the layer n with the highest score, the lowest such n on a tie */
    public int argmax() {
        int best = 1;
        for (int n = 2; n <= values.size(); n++) {
            if (values.get(n - 1) > values.get(best - 1)) {
                best = n;
            }
        }
        return best;
    }

    /**
     * The deepest cut whose whole copied prefix looks general: the largest n such that every layer 1..n scores at
     * least {@code threshold}.
     *
     * @param threshold finite
     * @return n in [0, L]; 0 (copy nothing) when layer 1 already scores below the threshold
     * @throws IllegalArgumentException "threshold must be finite, got NaN"
     */
    public int suggestedCut(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        int n = 0;
        while (n < values.size() && values.get(n) >= threshold) {
            n++;
        }
        return n;
    }
}
