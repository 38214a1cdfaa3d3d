package org.transferable.similarity;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Linear centred kernel alignment (Kornblith, Norouzi, Lee and Hinton 2019, "Similarity of Neural Network
 * Representations Revisited"): how similar two layers' representations of the same examples are, in [0, 1].
 * It is invariant to an orthogonal transformation and to isotropic scaling of either representation, but not to
 * an arbitrary invertible linear map. Everything is computed in float64.
 *
 * <ul>
 *   <li>{@link #linear}: the feature-space form {@code ||Y^T X||_F^2 / (||X^T X||_F ||Y^T Y||_F)} with every
 *       column centred; it costs n dx dy and suits few features.
 *   <li>{@link #linearGram}: the same value as {@code HSIC(K, L) / sqrt(HSIC(K, K) HSIC(L, L))} with
 *       {@code HSIC(K, L) = tr(K H L H)}, {@code H = I - 11'/n}, {@code K = X X^T} and {@code L = Y Y^T} of the
 *       uncentred features; it costs n^2 (dx + dy) and suits few examples.
 *   <li>{@link #debiased}: the same ratio with the unbiased HSIC_1 estimator of Song, Smola, Gretton, Bedo and
 *       Borgwardt (2012), as in Kornblith et al.'s debiased CKA and Nguyen, Raghu and Kornblith (2021); the
 *       biased forms above overstate similarity when features outnumber examples.
 * </ul>
 */
public final class Cka {
    private Cka() {
    }

    /**
     * Linear CKA in feature-space form.
     *
     * @param x one layer's features, n x dx
     * @param y another layer's features on the same n examples, n x dy
     * @return CKA in [0, 1]
     * @throws IllegalArgumentException "x and y must have the same examples (rows), got 10 and 12", "linear CKA
     *     needs at least 2 examples, got 1", or "linear CKA is undefined: the features of x are constant over the
     *     examples"
     */
    public static double linear(FeatureMatrix x, FeatureMatrix y) {
        requireExamples("linear CKA", x, y, 2);
        DMatrixRMaj cx = CentredFeatures.centreColumns(x.toDouble());
        DMatrixRMaj cy = CentredFeatures.centreColumns(y.toDouble());
        double xy = squaredFrobenius(CommonOps_DDRM.multTransA(cy, cx, null));
        double xx = squaredFrobenius(CommonOps_DDRM.multTransA(cx, cx, null));
        double yy = squaredFrobenius(CommonOps_DDRM.multTransA(cy, cy, null));
        return ratio("linear CKA", xy, xx, yy);
    }

    /**
     * Linear CKA in Gram form, from the double-centred Gram matrices; equal to {@link #linear} up to rounding.
     *
     * @param x one layer's features, n x dx
     * @param y another layer's features on the same n examples, n x dy
     * @return CKA in [0, 1]
     * @throws IllegalArgumentException as {@link #linear}
     */
    public static double linearGram(FeatureMatrix x, FeatureMatrix y) {
        requireExamples("linear CKA", x, y, 2);
        DMatrixRMaj k = centredGram(x.toDouble());
        DMatrixRMaj l = centredGram(y.toDouble());
        return ratio("linear CKA", dot(k, l), dot(k, k), dot(l, l));
    }

    /**
     * Debiased linear CKA: {@code HSIC_1(K, L) / sqrt(HSIC_1(K, K) HSIC_1(L, L))} with Song et al.'s unbiased
     * estimator (see {@link MinibatchCka}, which averages the same estimator over batches). Unlike the biased form
     * it can be slightly negative for unrelated representations.
     *
     * @param x one layer's features, n x dx
     * @param y another layer's features on the same n examples, n x dy
     * @return debiased CKA, at most 1
     * @throws IllegalArgumentException "x and y must have the same examples (rows), got 10 and 12", "debiased CKA
     *     needs at least 4 examples, got 3", or "debiased CKA is undefined: HSIC_1 of x with itself is -0.2, not
     *     positive" (constant features, or too few examples for their variation to show)
     */
    public static double debiased(FeatureMatrix x, FeatureMatrix y) {
        requireExamples("debiased CKA", x, y, 4);
        CentredFeatures cx = CentredFeatures.of(x);
        CentredFeatures cy = CentredFeatures.of(y);
        return hsicRatio("debiased CKA", "x", "y", cx.unbiasedHsic(cy), cx.unbiasedHsic(cx), cy.unbiasedHsic(cy));
    }

    /**
     * {@code xy / sqrt(xx yy)} of unbiased HSIC estimates, failing when a self-HSIC is not positive.
     *
     * @throws IllegalArgumentException "{what} is undefined: HSIC_1 of {xName} with itself is v, not positive"
     */
    static double hsicRatio(String what, String xName, String yName, double xy, double xx, double yy) {
        if (!(xx > 0.0)) {
            throw new IllegalArgumentException(what + " is undefined: HSIC_1 of " + xName + " with itself is " + xx
                    + ", not positive");
        }
        if (!(yy > 0.0)) {
            throw new IllegalArgumentException(what + " is undefined: HSIC_1 of " + yName + " with itself is " + yy
                    + ", not positive");
        }
        return xy / Math.sqrt(xx * yy);
    }

    private static double ratio(String what, double xy, double xx, double yy) {
        if (!(xx > 0.0)) {
            throw new IllegalArgumentException(what + " is undefined: the features of x are constant over the "
                    + "examples");
        }
        if (!(yy > 0.0)) {
            throw new IllegalArgumentException(what + " is undefined: the features of y are constant over the "
                    + "examples");
        }
        return xy / (Math.sqrt(xx) * Math.sqrt(yy));
    }

    private static void requireExamples(String what, FeatureMatrix x, FeatureMatrix y, int min) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("x and y must have the same examples (rows), got " + x.rows()
                    + " and " + y.rows());
        }
        if (x.rows() < min) {
            throw new IllegalArgumentException(what + " needs at least " + min + " examples, got " + x.rows());
        }
    }

    /** @return {@code H X X^T H} */
    private static DMatrixRMaj centredGram(DMatrixRMaj x) {
        DMatrixRMaj k = CommonOps_DDRM.multOuter(x, null);
        int n = k.numRows;
        double[] rowMean = new double[n];
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rowMean[i] += k.unsafe_get(i, j);
            }
            total += rowMean[i];
            rowMean[i] /= n;
        }
        double mean = total / ((double) n * n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k.unsafe_set(i, j, k.unsafe_get(i, j) - rowMean[i] - rowMean[j] + mean);
            }
        }
        return k;
    }

    private static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0.0;
        for (int i = 0; i < a.data.length; i++) {
            s += a.data[i] * b.data[i];
        }
        return s;
    }

    private static double squaredFrobenius(DMatrixRMaj m) {
        return dot(m, m);
    }
}
