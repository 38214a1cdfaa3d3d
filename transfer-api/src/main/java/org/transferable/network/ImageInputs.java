package org.transferable.network;

import org.transferable.data.LabelledImages;
import org.transferable.engine.Batch;

/** Labelled images as mini-batches: pixels in [0, 1], channel by channel, row-major. */
final class ImageInputs implements Inputs {
    private final LabelledImages images;

    ImageInputs(LabelledImages images) {
        this.images = images;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public Batch batch(int[] order, int from, int to) {
        int size = images.shape().size();
        float[] values = new float[(to - from) * size];
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
            images.copyImage(order[i], values, (i - from) * size);
            labels[i - from] = images.label(order[i]);
        }
        return new Batch(values, labels);
    }

    /** @return images {@code from..to-1} in their own order */
    Batch range(int from, int to) {
        int[] order = new int[to];
        for (int i = from; i < to; i++) {
            order[i] = i;
        }
        return batch(order, from, to);
    }
}
