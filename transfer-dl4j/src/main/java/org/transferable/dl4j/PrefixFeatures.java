package org.transferable.dl4j;

import java.util.Arrays;

/**
 * The outputs of a frozen prefix (paper layers 1..m) for every image of a training set, with the images' labels:
 * one contiguous float32 array, example after example, each in the c-order of {@code exampleShape} (channels,
 * height, width for a convolution block; units for a dense block). Immutable once built: the arrays are never
 * handed out, only copied into mini-batches.
 */
final class PrefixFeatures {
    private final float[] values;
    private final long[] exampleShape;
    private final int exampleSize;
    private final int[] labels;
    private final int classCount;

    PrefixFeatures(float[] values, long[] exampleShape, int[] labels, int classCount) {
        this.exampleShape = exampleShape.clone();
        this.exampleSize = Math.toIntExact(Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b));
        if ((long) labels.length * exampleSize != values.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + values.length + " values, expected "
                    + labels.length + " x " + exampleSize);
        }
        this.values = values;
        this.labels = labels;
        this.classCount = classCount;
    }

    /**
     * Bytes that cached features of this many examples and shape take.
     *
     * @return 4 bytes per float plus 4 per label
     */
    static long bytesFor(long examples, long exampleSize) {
        return examples * exampleSize * Float.BYTES + examples * Integer.BYTES;
    }

    /** @return bytes held */
    long bytes() {
        return bytesFor(labels.length, exampleSize);
    }

    int size() {
        return labels.length;
    }

    int exampleSize() {
        return exampleSize;
    }

    /** @return the shape of one example, a copy */
    long[] exampleShape() {
        return exampleShape.clone();
    }

    int label(int example) {
        return labels[example];
    }

    int classCount() {
        return classCount;
    }

    /** Copies example {@code example}'s values into {@code target} from {@code offset}. */
    void copyExample(int example, float[] target, int offset) {
        System.arraycopy(values, example * exampleSize, target, offset, exampleSize);
    }

    /** @return true when {@code other} holds bit-identical values and the same labels */
    boolean sameAs(PrefixFeatures other) {
        return Arrays.equals(exampleShape, other.exampleShape) && Arrays.equals(labels, other.labels)
                && Arrays.equals(values, other.values);
    }
}
