package org.transferable.similarity;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/** Seeded random inputs for the similarity tests. */
final class TestMatrices {
    private TestMatrices() {
    }

    /** @return n x d standard normal values plus {@code offset}, from {@code seed} */
    static double[][] gaussian(int n, int d, double offset, long seed) {
        Random random = new Random(seed);
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = random.nextGaussian() + offset;
            }
        }
        return out;
    }

    /** @return a random d x d orthogonal matrix: the Q of the QR decomposition of a Gaussian matrix */
    static double[][] orthogonal(int d, long seed) {
        DMatrixRMaj a = new DMatrixRMaj(gaussian(d, d, 0.0, seed));
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
        if (!qr.decompose(a)) {
            throw new AssertionError("QR failed");
        }
        return toArray(qr.getQ(null, false));
    }

    /** @return {@code a b} */
    static double[][] times(double[][] a, double[][] b) {
        return toArray(CommonOps_DDRM.mult(new DMatrixRMaj(a), new DMatrixRMaj(b), null));
    }

    /** @return {@code a * s} element by element */
    static double[][] scaled(double[][] a, double s) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] *= s;
            }
        }
        return out;
    }

    /** @return rows {@code [from, to)} of {@code a} */
    static double[][] rows(double[][] a, int from, int to) {
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = a[i].clone();
        }
        return out;
    }

    private static double[][] toArray(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                out[i][j] = m.get(i, j);
            }
        }
        return out;
    }
}
