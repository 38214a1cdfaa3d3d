package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.transferable.data.LabelledImages;

/**
 * The outputs of a frozen prefix (paper layers 1..m) for every image of a training set, with the images' labels:
 * one float array on the Java heap, {@code examples x exampleSize}, each row the row-major flattening of one
 * example of {@code exampleShape} (channels, height, width after a convolution block; units after a dense block).
 * It holds no reference to the images, so a cache entry dies with them. Never changed once built; mini-batches are
 * gathered copies.
 */
final class PrefixFeatures implements Inputs {
    private final float[] values;
    private final int[] labels;
    private final int classes;
    private final Shape exampleShape;
    private final int exampleSize;

    /**
     * @param values examples x exampleSize, owned by this object from now on
     * @param images the images whose outputs these are (labels and class count are copied)
     * @param exampleShape the shape one row stands for
     */
    PrefixFeatures(float[] values, LabelledImages images, Shape exampleShape) {
        long size = exampleShape.size();
        if (values.length != images.size() * size) {
            throw new IllegalArgumentException(values.length + " values do not fit " + images.size()
                    + " examples of shape " + exampleShape);
        }
        this.values = values;
        this.labels = new int[images.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = images.label(i);
        }
        this.classes = images.classCount();
        this.exampleShape = exampleShape;
        this.exampleSize = (int) size;
    }

    /**
     * Bytes that cached features of this many examples take.
     *
     * @return 4 bytes per value and per label
     */
    static long bytesFor(long examples, long exampleSize) {
        return examples * (exampleSize + 1) * Float.BYTES;
    }

    /** @return bytes held */
    long bytes() {
        return bytesFor(labels.length, exampleSize);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public NDArray features(NDManager manager, int[] order, int from, int to) {
        float[] batch = new float[(to - from) * exampleSize];
        for (int i = from; i < to; i++) {
            System.arraycopy(values, order[i] * exampleSize, batch, (i - from) * exampleSize, exampleSize);
        }
        long[] shape = new long[exampleShape.dimension() + 1];
        shape[0] = to - from;
        System.arraycopy(exampleShape.getShape(), 0, shape, 1, exampleShape.dimension());
        return manager.create(batch, new Shape(shape));
    }

    @Override
    public NDArray oneHot(NDManager manager, int[] order, int from, int to) {
        float[] batch = new float[(to - from) * classes];
        for (int i = from; i < to; i++) {
            batch[(i - from) * classes + labels[order[i]]] = 1f;
        }
        return manager.create(batch, new Shape(to - from, classes));
    }
}
