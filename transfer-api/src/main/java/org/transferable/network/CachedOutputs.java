package org.transferable.network;

import org.transferable.data.LabelledImages;
import org.transferable.engine.Batch;

/**
 * The outputs of frozen layers 1..m for every image of a training set, with the images' labels: one float array on
 * the Java heap, {@code examples x exampleSize}, each row the input layer m+1 takes. It holds no reference to the
 * images, so a cache entry dies with them. Never changed once built; mini-batches are gathered copies.
 */
final class CachedOutputs implements Inputs {
    private final float[] values;
    private final int[] labels;
    private final int exampleSize;

    /**
     * @param values examples x exampleSize, owned by this object from now on
     * @param images the images whose outputs these are (labels are copied)
     * @param exampleSize values per example
     */
    CachedOutputs(float[] values, LabelledImages images, int exampleSize) {
        if (values.length != (long) images.size() * exampleSize) {
            throw new IllegalArgumentException(values.length + " values do not fit " + images.size()
                    + " examples of " + exampleSize);
        }
        this.values = values;
        this.labels = images.labels();
        this.exampleSize = exampleSize;
    }

    /** @return the bytes cached outputs of this many examples take: 4 per value and per label */
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
    public Batch batch(int[] order, int from, int to) {
        float[] batch = new float[(to - from) * exampleSize];
        int[] batchLabels = new int[to - from];
        for (int i = from; i < to; i++) {
            System.arraycopy(values, order[i] * exampleSize, batch, (i - from) * exampleSize, exampleSize);
            batchLabels[i - from] = labels[order[i]];
        }
        return new Batch(batch, batchLabels);
    }
}
