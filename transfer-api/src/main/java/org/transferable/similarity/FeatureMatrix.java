package org.transferable.similarity;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.transferable.Checks;

/**
 * The features of one layer on some examples: a row-major matrix of {@code rows} examples by {@code cols}
 * features (for a convolution layer, its activations flattened). Stored as {@code float}, as networks produce
 * them; every score in this package computes in {@code double}.
 *
 * <pre>{@code
 * FeatureMatrix x = FeatureMatrix.of(new double[][] {{1, 2}, {3, 4}, {5, 7}});
 * }</pre>
 *
 * @param rows examples, at least 1
 * @param cols features per example, at least 1
 * @param values {@code rows * cols} finite values, row after row; never shared with the caller
 */
public record FeatureMatrix(int rows, int cols, float[] values) {
    /**
     * Validates the shape and that every value is finite, and copies the values.
     *
     * @throws IllegalArgumentException e.g. "feature matrix of 3 x 2 needs 6 values, got 5" or "feature matrix
     *     values must be finite, got NaN at row 2, column 0"
     */
    public FeatureMatrix {
        Checks.inRange("feature matrix rows", rows, 1, Integer.MAX_VALUE);
        Checks.inRange("feature matrix columns", cols, 1, Integer.MAX_VALUE);
        Objects.requireNonNull(values, "values must not be null");
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("feature matrix of " + rows + " x " + cols + " needs "
                    + (long) rows * cols + " values, got " + values.length);
        }
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("feature matrix values must be finite, got " + values[i]
                        + " at row " + i / cols + ", column " + i % cols);
            }
        }
    }

    /**
     * A feature matrix from rows of doubles, each rounded to the nearest float.
     *
     * @param rows at least one row, all of the same length, at least 1
     * @return the matrix
     * @throws IllegalArgumentException "feature matrix rows must all have 3 values, got 2 in row 1", or when a
     *     value is not finite (see the constructor)
     */
    public static FeatureMatrix of(double[][] rows) {
        Objects.requireNonNull(rows, "rows must not be null");
        Checks.inRange("feature matrix rows", rows.length, 1, Integer.MAX_VALUE);
        int cols = rows[0].length;
        float[] values = new float[Math.multiplyExact(rows.length, cols)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("feature matrix rows must all have " + cols + " values, got "
                        + rows[r].length + " in row " + r);
            }
            for (int c = 0; c < cols; c++) {
                values[r * cols + c] = (float) rows[r][c];
            }
        }
        return new FeatureMatrix(rows.length, cols, values);
    }

    /** @return a copy of the values, row after row */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** @return the value of feature {@code col} of example {@code row} */
    public float get(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return values[row * cols + col];
    }

    /** @return the values as an EJML matrix in float64 */
    DMatrixRMaj toDouble() {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < values.length; i++) {
            m.data[i] = values[i];
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMatrix m && rows == m.rows && cols == m.cols && Arrays.equals(values, m.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, cols, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + " x " + cols + "]";
    }
}
