package org.transferable.similarity;

import java.util.Arrays;
import java.util.Objects;
import org.transferable.Checks;

/**
 * Class labels of some examples: the target task's labels, or a source model's predicted classes.
 *
 * @param values one label per example, each in {@code [0, classes - 1]}, at least one; never shared
 * @param classes number of classes, at least 2
 */
public record Labels(int[] values, int classes) {
    /**
     * Validates the labels and copies them.
     *
     * @throws IllegalArgumentException e.g. "class count must be in [2, 2147483647], got 1" or "label must be in
     *     [0, 9], got 12 at index 5"
     */
    public Labels {
        Checks.inRange("class count", classes, 2, Integer.MAX_VALUE);
        Objects.requireNonNull(values, "values must not be null");
        Checks.inRange("label count", values.length, 1, Integer.MAX_VALUE);
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= classes) {
                throw new IllegalArgumentException("label must be in [0, " + (classes - 1) + "], got " + values[i]
                        + " at index " + i);
            }
        }
    }

    /**
     * Labels from a class count and the values.
     *
     * @return the labels
     * @throws IllegalArgumentException see the constructor
     */
    public static Labels of(int classes, int... values) {
        return new Labels(values, classes);
    }

    /**
     * The most probable class of each example (the first one on a tie), e.g. a source model's hard prediction.
     *
     * @param probabilities examples x classes, at least 2 columns
     * @return one label per row, with as many classes as columns
     * @throws IllegalArgumentException "class count must be in [2, 2147483647], got 1" for a single column
     */
    public static Labels argmax(FeatureMatrix probabilities) {
        int[] out = new int[probabilities.rows()];
        float[] p = probabilities.values();
        int cols = probabilities.cols();
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int c = 1; c < cols; c++) {
                if (p[r * cols + c] > p[r * cols + best]) {
                    best = c;
                }
            }
            out[r] = best;
        }
        return new Labels(out, cols);
    }

    /** @return a copy of the labels */
    @Override
    public int[] values() {
        return values.clone();
    }

    /** @return the number of examples */
    public int size() {
        return values.length;
    }

    /** @return the label of example {@code i} */
    public int get(int i) {
        return values[i];
    }

    /** @return how many examples each class has, indexed by class */
    public int[] counts() {
        int[] counts = new int[classes];
        for (int v : values) {
            counts[v]++;
        }
        return counts;
    }

    /**
     * Requires one label per row of {@code features}.
     *
     * @throws IllegalArgumentException "features and labels must have the same examples, got 10 rows and 12
     *     labels"
     */
    void requireSameExamples(FeatureMatrix features) {
        if (features.rows() != values.length) {
            throw new IllegalArgumentException("features and labels must have the same examples, got "
                    + features.rows() + " rows and " + values.length + " labels");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && classes == l.classes && Arrays.equals(values, l.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classes, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Labels[" + values.length + " examples, " + classes + " classes]";
    }
}
