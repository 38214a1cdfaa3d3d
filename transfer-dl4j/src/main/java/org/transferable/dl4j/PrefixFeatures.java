package org.transferable.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The outputs of a frozen prefix (paper layers 1..m) for every image of a training set, with the images' one-hot
 * labels: one contiguous float32 ND4J array of {@code examples x exampleSize} (off the Java heap, like every ND4J
 * array), each row the c-order flattening of one example of {@code exampleShape} (channels, height, width after a
 * convolution block; units after a dense block). Never changed once built; mini-batches are gathered copies.
 */
final class PrefixFeatures {
    private final INDArray values;
    private final INDArray labels;
    private final long[] exampleShape;

    /**
     * @param values examples x exampleSize, float32, c-order; owned by this object from now on
     * @param labels examples x classes one-hot, float32, c-order; owned by this object from now on
     * @param exampleShape the shape one row stands for
     */
    PrefixFeatures(INDArray values, INDArray labels, long[] exampleShape) {
        long exampleSize = Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b);
        if (values.rank() != 2 || values.size(1) != exampleSize || labels.rank() != 2
                || labels.size(0) != values.size(0)) {
            throw new IllegalArgumentException("features " + Arrays.toString(values.shape()) + " and labels "
                    + Arrays.toString(labels.shape()) + " do not fit examples of shape " + Arrays.toString(exampleShape));
        }
        this.values = values;
        this.labels = labels;
        this.exampleShape = exampleShape.clone();
    }

    /**
     * Bytes that cached features of this many examples take.
     *
     * @return 4 bytes per float, values and one-hot labels
     */
    static long bytesFor(long examples, long exampleSize, int classes) {
        return examples * (exampleSize + classes) * Float.BYTES;
    }

    /** @return bytes held */
    long bytes() {
        return (values.length() + labels.length()) * Float.BYTES;
    }

    /** @return the number of classes of the one-hot labels */
    int classes() {
        return (int) labels.size(1);
    }

    int size() {
        return (int) values.size(0);
    }

    /**
     * The examples {@code order[from..to)}: features shaped [count, exampleShape...] and one-hot labels, both
     * fresh arrays.
     *
     * @return features and labels
     */
    INDArray[] gather(int[] order, int from, int to) {
        int[] rows = Arrays.copyOfRange(order, from, to);
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = rows.length;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        INDArray x = Nd4j.pullRows(values, 1, rows).reshape('c', shape);
        INDArray y = Nd4j.pullRows(labels, 1, rows);
        return new INDArray[] {x, y};
    }
}
