package org.transferable.similarity;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * LogME (You, Liu, Wang and Long 2021, "LogME: Practical Assessment of Pre-trained Models for Transfer
 * Learning"): the log marginal likelihood (evidence) per example of a Bayesian linear model from features to each
 * class's one-hot target, maximised over the prior precision alpha and noise precision beta, averaged over
 * classes. Higher means the features make the labels easier to fit linearly. Computed in float64; the features
 * are used as they are (no centring, no bias), as in the reference implementation.
 *
 * <p>For features F (n x D) with eigenvalues {@code sigma_i} of {@code F^T F} and target y, per class:
 * {@code evidence = D/2 log alpha + n/2 log beta - 1/2 sum_i log(alpha + beta sigma_i) - beta/2 ||F m - y||^2
 * - alpha/2 ||m||^2 - n/2 log(2 pi)}, where {@code m = (F^T F + t I)^-1 F^T y} and {@code t = alpha / beta}.
 * The iteration is the fixed-point one of thuml's reference {@code LogME._fit_fixed_point}: start at
 * {@code alpha = beta = 1}; each step sets {@code t = alpha / beta}, {@code gamma = sum sigma / (sigma + t)},
 * {@code alpha = gamma / (||m||^2 + 1e-5)}, {@code beta = (n - gamma) / (||F m - y||^2 + 1e-5)}, and stops
 * after 11 steps or as soon as {@code |t' - t| / t <= 1e-3} for the new ratio {@code t' = alpha / beta} (a test
 * on the ratio alone, not on alpha and beta separately); the evidence then uses the last alpha and beta with the
 * {@code m} of the last step's t, exactly as the reference does.
 *
 * <p>One deliberate difference: the log-determinant sums over all D eigenvalues of {@code F^T F}, zero ones
 * included (each adds {@code log alpha}), as in the paper's evidence. The reference's SVD keeps only the
 * min(n, D) (or, through its truncated SVD, the numerically nonzero) singular values, so for rank-deficient
 * features, e.g. dead ReLU units or {@code n < D}, it reports {@code (D - rank) log(alpha) / (2 n)} more; for
 * features of full column rank the two agree.
 *
 * <p>The eigenvalues come from the symmetric matrix {@code F^T F} (D x D) when {@code n > D}, otherwise from
 * {@code F F^T} (n x n), so the cost is that of the smaller of the two.
 */
public final class LogMe {
    /** The reference's bound on fixed-point steps per class. */
    static final int MAX_STEPS = 11;
    /** The reference's relative tolerance on {@code t = alpha / beta}. */
    static final double TOLERANCE = 1e-3;
    private static final double EPSILON = 1e-5;

    private LogMe() {
    }

    /**
     * LogME of features for a classification target.
     *
     * @param features n x D features of the target examples
     * @param labels the target labels, one per row; each of the {@code labels.classes()} classes gets a one-hot
     *     target, a class with no example included (as the reference does for every class up to the largest
     *     label)
     * @return the mean over classes of the maximum evidence divided by n
     * @throws IllegalArgumentException "features and labels must have the same examples, got 10 rows and 12
     *     labels" or "LogME is undefined for features that are all zero"
     */
    public static double score(FeatureMatrix features, Labels labels) {
        labels.requireSameExamples(features);
        int n = features.rows();
        int d = features.cols();
        DMatrixRMaj f = features.toDouble();
        boolean primal = n > d;
        // primal: eigenvectors V of F^T F and z = V^T F^T y; dual: eigenvectors U of F F^T and x = U^T y
        DMatrixRMaj gram = primal ? CommonOps_DDRM.multTransA(f, f, null) : CommonOps_DDRM.multOuter(f, null);
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(gram.numRows, gram.numCols, false, true, false);
        if (!svd.decompose(gram)) {
            throw new ArithmeticException("the SVD of the " + gram.numRows + " x " + gram.numCols
                    + " feature Gram matrix did not converge");
        }
        double[] sigma = svd.getSingularValues().clone();
        double maxSigma = 0.0;
        for (double s : sigma) {
            maxSigma = Math.max(maxSigma, s);
        }
        if (maxSigma == 0.0) {
            throw new IllegalArgumentException("LogME is undefined for features that are all zero");
        }
        DMatrixRMaj basis = svd.getV(null, false);
        DMatrixRMaj targets = oneHot(labels);
        DMatrixRMaj projected = primal
                ? CommonOps_DDRM.multTransA(basis, CommonOps_DDRM.multTransA(f, targets, null), null)
                : CommonOps_DDRM.multTransA(basis, targets, null);
        int[] counts = labels.counts();
        double sum = 0.0;
        for (int c = 0; c < labels.classes(); c++) {
            double[] p = new double[sigma.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = projected.unsafe_get(i, c);
            }
            sum += evidence(sigma, p, counts[c], n, d, primal);
        }
        return sum / labels.classes();
    }

    /**
     * The maximum evidence per example of one target.
     *
     * @param sigma eigenvalues of the Gram matrix
     * @param p the target projected on the eigenvectors: {@code z = V^T F^T y} (primal) or {@code x = U^T y}
     * @param targetSquaredNorm {@code ||y||^2}, the class's example count for a one-hot target
     */
    private static double evidence(double[] sigma, double[] p, double targetSquaredNorm, int n, int d,
            boolean primal) {
        double alpha = 1.0;
        double beta = 1.0;
        double m2 = 0.0;
        double res2 = 0.0;
        for (int step = 0; step < MAX_STEPS; step++) {
            double t = alpha / beta;
            double gamma = 0.0;
            m2 = 0.0;
            double fitted = 0.0;
            for (int i = 0; i < sigma.length; i++) {
                double s = sigma[i];
                double q = (t + s) * (t + s);
                gamma += s / (s + t);
                if (primal) {
                    // ||m||^2 = sum z^2 / (t + s)^2;  ||F m - y||^2 = ||y||^2 - sum z^2 (s + 2t) / (t + s)^2
                    m2 += p[i] * p[i] / q;
                    fitted += p[i] * p[i] * (s + 2 * t) / q;
                } else {
                    // ||m||^2 = sum s x^2 / (t + s)^2;  ||F m - y||^2 = sum t^2 x^2 / (t + s)^2 (U is complete)
                    m2 += s * p[i] * p[i] / q;
                    fitted += t * t * p[i] * p[i] / q;
                }
            }
            res2 = primal ? Math.max(0.0, targetSquaredNorm - fitted) : fitted;
            alpha = gamma / (m2 + EPSILON);
            beta = (n - gamma) / (res2 + EPSILON);
            double next = alpha / beta;
            if (Math.abs(next - t) / t <= TOLERANCE) {
                break;
            }
        }
        double logDet = (d - sigma.length) * Math.log(alpha);
        for (double s : sigma) {
            logDet += Math.log(alpha + beta * s);
        }
        double evidence = d / 2.0 * Math.log(alpha) + n / 2.0 * Math.log(beta) - 0.5 * logDet
                - beta / 2.0 * res2 - alpha / 2.0 * m2 - n / 2.0 * Math.log(2 * Math.PI);
        return evidence / n;
    }

    private static DMatrixRMaj oneHot(Labels labels) {
        DMatrixRMaj y = new DMatrixRMaj(labels.size(), labels.classes());
        for (int i = 0; i < labels.size(); i++) {
            y.unsafe_set(i, labels.get(i), 1.0);
        }
        return y;
    }
}
