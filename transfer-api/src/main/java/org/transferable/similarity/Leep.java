package org.transferable.similarity;

/**
 * LEEP, the log expected empirical prediction (Nguyen, Hassner, Seeger and Archambeau 2020, "LEEP: A New Measure
 * to Evaluate Transferability of Learned Representations"): how well a source model's softmax outputs on the
 * target examples predict the target labels through the empirical conditional {@code P(y | z)}. With
 * {@code theta(x_i)} the source distribution over its Z classes for example i,
 * {@code P(y, z) = 1/n sum_{i: y_i = y} theta(x_i)_z}, {@code P(y | z) = P(y, z) / sum_y P(y, z)}, and
 * {@code LEEP = 1/n sum_i log sum_z P(y_i | z) theta(x_i)_z}. It is at most 0 (perfect prediction) and, for
 * outputs independent of the labels, about {@code log(1/C)} for C balanced classes. A source class that no example
 * gives any probability has {@code P(y | z) = 0}. Computed in float64.
 */
public final class Leep {
    /** How far from 1 a row of probabilities may sum (softmax outputs in float32 are within 1e-6). */
    public static final double ROW_SUM_TOLERANCE = 1e-4;

    private Leep() {
    }

    /**
     * LEEP of a source model's predictions for a target task.
     *
     * @param sourceProbabilities n x Z softmax outputs of the source model on the target examples: each value in
     *     [0, 1], each row summing to 1 within {@link #ROW_SUM_TOLERANCE}
     * @param targetLabels the n target labels
     * @return LEEP, at most 0
     * @throws IllegalArgumentException "features and labels must have the same examples, got 10 rows and 12
     *     labels", "source probabilities must be in [0, 1], got 1.5 at row 3, column 0" or "source probabilities
     *     of row 3 sum to 0.9, expected 1 within 1.0E-4"
     */
    public static double score(FeatureMatrix sourceProbabilities, Labels targetLabels) {
        targetLabels.requireSameExamples(sourceProbabilities);
        int n = sourceProbabilities.rows();
        int z = sourceProbabilities.cols();
        int c = targetLabels.classes();
        float[] theta = sourceProbabilities.values();
        requireDistributions(theta, n, z);
        double[][] joint = new double[c][z];
        for (int i = 0; i < n; i++) {
            double[] row = joint[targetLabels.get(i)];
            for (int k = 0; k < z; k++) {
                row[k] += theta[i * z + k];
            }
        }
        double[][] conditional = new double[c][z];
        for (int k = 0; k < z; k++) {
            double marginal = 0.0;
            for (int y = 0; y < c; y++) {
                marginal += joint[y][k];
            }
            for (int y = 0; y < c; y++) {
                conditional[y][k] = marginal > 0.0 ? joint[y][k] / marginal : 0.0;
            }
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double[] given = conditional[targetLabels.get(i)];
            double expected = 0.0;
            for (int k = 0; k < z; k++) {
                expected += given[k] * theta[i * z + k];
            }
            sum += Math.log(expected);
        }
        return sum / n;
    }

    private static void requireDistributions(float[] theta, int n, int z) {
        for (int i = 0; i < n; i++) {
            double rowSum = 0.0;
            for (int k = 0; k < z; k++) {
                float p = theta[i * z + k];
                if (!(p >= 0.0f && p <= 1.0f)) {
                    throw new IllegalArgumentException("source probabilities must be in [0, 1], got " + p
                            + " at row " + i + ", column " + k);
                }
                rowSum += p;
            }
            if (Math.abs(rowSum - 1.0) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException("source probabilities of row " + i + " sum to " + rowSum
                        + ", expected 1 within " + ROW_SUM_TOLERANCE);
            }
        }
    }
}
