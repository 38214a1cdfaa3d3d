package org.transferable.similarity;

/**
 * Negative conditional entropy (Tran, Nguyen and Hassner 2019, "Transferability and Hardness of Supervised
 * Classification Tasks"): {@code NCE(Y | Z) = -H(Y | Z) = sum_{y, z} P(y, z) log P(y | z)} with the empirical joint
 * distribution of the target labels Y and source labels Z of the same examples. It is at most 0, and 0 when the
 * source label determines the target label. As in the LEEP paper, Z is usually a source model's hard prediction,
 * {@link Labels#argmax}. Natural logarithms; computed in float64.
 */
public final class Nce {
    private Nce() {
    }

    /**
     * NCE of target labels given source labels.
     *
     * @param sourceLabels Z of each example
     * @param targetLabels Y of the same examples
     * @return {@code -H(Y | Z)} in nats, at most 0
     * @throws IllegalArgumentException "source and target labels must have the same examples, got 10 and 12"
     */
    public static double score(Labels sourceLabels, Labels targetLabels) {
        int n = sourceLabels.size();
        if (n != targetLabels.size()) {
            throw new IllegalArgumentException("source and target labels must have the same examples, got " + n
                    + " and " + targetLabels.size());
        }
        long[][] joint = new long[sourceLabels.classes()][targetLabels.classes()];
        for (int i = 0; i < n; i++) {
            joint[sourceLabels.get(i)][targetLabels.get(i)]++;
        }
        int[] sourceCounts = sourceLabels.counts();
        double sum = 0.0;
        for (int z = 0; z < joint.length; z++) {
            for (int y = 0; y < joint[z].length; y++) {
                if (joint[z][y] > 0) {
                    sum += (double) joint[z][y] / n * Math.log((double) joint[z][y] / sourceCounts[z]);
                }
            }
        }
        return sum;
    }
}
