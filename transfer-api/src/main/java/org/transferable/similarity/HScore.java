package org.transferable.similarity;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * H-score (Bao, Li, Huang, Zheng, Wu and Zhao 2019, "An Information-Theoretic Approach to Transferability in Task
 * Transfer Learning"): {@code H(f) = tr(cov(f)^+ cov(E[f | y]))}, how much of the features' variance lies between
 * the target classes, measured in the metric of their total covariance. {@code cov(f)} is the d x d sample
 * covariance of the features and {@code cov(E[f | y])} that of each example's class mean, both over the n examples
 * with the same divisor (which cancels). Higher means more separable; it lies in [0, min(d, C - 1)].
 *
 * <p>The pseudo-inverse {@code cov(f)^+} comes from the SVD of the symmetric {@code cov(f)}: singular values at
 * most {@link #relativeTolerance(int)} {@code = d * 2^-52} times the largest are treated as zero (the rule of
 * MATLAB's {@code pinv} and NumPy's {@code matrix_rank}), so features with no variance, or exactly dependent
 * ones, are dropped rather than divided by rounding noise. (Bao et al.'s published code calls NumPy's
 * {@code pinv} with {@code rcond=1e-15}, which keeps more of that noise.) Computed in float64.
 */
public final class HScore {
    private HScore() {
    }

    /**
     * H-score of features for a classification target.
     *
     * @param features n x d features of the target examples, n at least 2
     * @param labels the n target labels
     * @return H-score, at least 0; 0 when every feature is constant
     * @throws IllegalArgumentException "features and labels must have the same examples, got 10 rows and 12
     *     labels" or "H-score needs at least 2 examples, got 1"
     */
    public static double score(FeatureMatrix features, Labels labels) {
        labels.requireSameExamples(features);
        int n = features.rows();
        int d = features.cols();
        if (n < 2) {
            throw new IllegalArgumentException("H-score needs at least 2 examples, got " + n);
        }
        DMatrixRMaj centred = CentredFeatures.centreColumns(features.toDouble());
        DMatrixRMaj covariance = CommonOps_DDRM.multTransA(centred, centred, null);
        CommonOps_DDRM.scale(1.0 / (n - 1), covariance);
        // each class's mean deviation from the overall mean: the rows of E[f | y] - E[f], weighted by class size
        int[] counts = labels.counts();
        DMatrixRMaj classMeans = new DMatrixRMaj(labels.classes(), d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                classMeans.unsafe_set(labels.get(i), j, classMeans.unsafe_get(labels.get(i), j)
                        + centred.unsafe_get(i, j) / counts[labels.get(i)]);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, d, false, true, false);
        if (!svd.decompose(covariance)) {
            throw new ArithmeticException("the SVD of the " + d + " x " + d + " feature covariance did not converge");
        }
        double[] sigma = svd.getSingularValues();
        double max = 0.0;
        for (double s : sigma) {
            max = Math.max(max, s);
        }
        double cutoff = relativeTolerance(d) * max;
        // tr(C^+ B) = sum_c n_c/(n-1) mu_c' C^+ mu_c, with C^+ = sum_{s_k > cutoff} v_k v_k' / s_k
        DMatrixRMaj projected = CommonOps_DDRM.mult(classMeans, svd.getV(null, false), null);
        double score = 0.0;
        for (int c = 0; c < labels.classes(); c++) {
            double sum = 0.0;
            for (int k = 0; k < sigma.length; k++) {
                if (sigma[k] > cutoff) {
                    double v = projected.unsafe_get(c, k);
                    sum += v * v / sigma[k];
                }
            }
            score += (double) counts[c] / (n - 1) * sum;
        }
        return score;
    }

    /**
     * The pseudo-inverse's cutoff relative to the largest singular value.
     *
     * @param dimension d, the covariance's size
     * @return {@code d * 2^-52}
     */
    public static double relativeTolerance(int dimension) {
        return dimension * Math.ulp(1.0);
    }
}
