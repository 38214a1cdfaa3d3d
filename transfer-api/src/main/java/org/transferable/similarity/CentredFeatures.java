package org.transferable.similarity;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * One layer's features on a batch in float64 with each column's mean subtracted, and what the linear-kernel HSIC
 * estimators need of them. Centring changes neither the centred-Gram HSIC nor the unbiased HSIC_1 (both are
 * invariant to adding a constant vector to every example) but keeps the sums below from cancelling.
 *
 * <p>{@code K = X X^T} is formed only when the batch has fewer examples than features, where
 * {@code <K, L>_F} (n^2 per pair) is cheaper than {@code ||X^T Y||_F^2} (n dx dy per pair); the two are equal.
 * It is formed by {@code multOuter}: its upper half, mirrored, the same sums as the full product at half the cost.
 */
final class CentredFeatures {
    private final DMatrixRMaj matrix;
    private final DMatrixRMaj gram;
    private final double[] squaredNorms;
    private final double sumSquaredNorms;

    private CentredFeatures(DMatrixRMaj matrix) {
        this.matrix = matrix;
        int n = matrix.numRows;
        this.gram = n < matrix.numCols ? CommonOps_DDRM.multOuter(matrix, null) : null;
        this.squaredNorms = new double[n];
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int j = 0; j < matrix.numCols; j++) {
                double v = matrix.unsafe_get(i, j);
                s += v * v;
            }
            squaredNorms[i] = s;
            sum += s;
        }
        this.sumSquaredNorms = sum;
    }

    /** @return the features of {@code m} with centred columns */
    static CentredFeatures of(FeatureMatrix m) {
        return new CentredFeatures(centreColumns(m.toDouble()));
    }

    /** Subtracts each column's mean in place; returns {@code m}. */
    static DMatrixRMaj centreColumns(DMatrixRMaj m) {
        int n = m.numRows;
        int d = m.numCols;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += m.unsafe_get(i, j);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m.unsafe_set(i, j, m.unsafe_get(i, j) - mean[j] / n);
            }
        }
        return m;
    }

    /** @return examples in the batch */
    int examples() {
        return matrix.numRows;
    }

    /** @return {@code ||X^T Y||_F^2 = <X X^T, Y Y^T>_F}, i.e. {@code tr(K L)} of the centred linear Grams */
    double crossProduct(CentredFeatures y) {
        if (gram != null && y.gram != null) {
            double s = 0.0;
            for (int i = 0; i < gram.data.length; i++) {
                s += gram.data[i] * y.gram.data[i];
            }
            return s;
        }
        DMatrixRMaj xy = CommonOps_DDRM.multTransA(matrix, y.matrix, null);
        double s = 0.0;
        for (double v : xy.data) {
            s += v * v;
        }
        return s;
    }

    /**
     * The unbiased HSIC_1 of Song et al. (2012) of the linear Grams {@code K = X X^T} and {@code L = Y Y^T}:
     * with {@code K~, L~} the Grams with their diagonals set to zero,
     * {@code [tr(K~ L~) + 1'K~1 1'L~1 / ((n-1)(n-2)) - 2/(n-2) 1'K~L~1] / (n(n-3))}. For centred columns
     * {@code K 1 = 0}, so {@code 1'K~1 = -sum_i K_ii}, {@code (K~1)_i = -K_ii}, and
     * {@code tr(K~ L~) = tr(K L) - sum_i K_ii L_ii}: no n x n matrix is needed.
     *
     * @param y the other layer's features on the same examples; n at least 4
     */
    double unbiasedHsic(CentredFeatures y) {
        double n = matrix.numRows;
        double diagonal = 0.0;
        for (int i = 0; i < squaredNorms.length; i++) {
            diagonal += squaredNorms[i] * y.squaredNorms[i];
        }
        double traceOffDiagonal = crossProduct(y) - diagonal;
        return (traceOffDiagonal + sumSquaredNorms * y.sumSquaredNorms / ((n - 1) * (n - 2))
                - 2.0 / (n - 2) * diagonal) / (n * (n - 3));
    }
}
