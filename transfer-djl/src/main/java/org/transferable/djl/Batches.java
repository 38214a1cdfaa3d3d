package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.transferable.data.LabelledImages;

/** Turns labelled images into mini-batches: features [images, channels, height, width] in [0, 1], one-hot labels. */
final class Batches implements Inputs {
    private final LabelledImages images;

    Batches(LabelledImages images) {
        this.images = images;
    }

    @Override
    public int size() {
        return images.size();
    }

    /** @return the features of images {@code order[from..to)} in {@code manager} */
    @Override
    public NDArray features(NDManager manager, int[] order, int from, int to) {
        int size = images.shape().size();
        float[] features = new float[(to - from) * size];
        for (int i = from; i < to; i++) {
            images.copyImage(order[i], features, (i - from) * size);
        }
        return manager.create(features, new Shape(to - from, images.shape().channels(), images.shape().height(),
                images.shape().width()));
    }

    /** @return one-hot labels of images {@code order[from..to)}, [images, classes], in {@code manager} */
    @Override
    public NDArray oneHot(NDManager manager, int[] order, int from, int to) {
        int classes = images.classCount();
        float[] labels = new float[(to - from) * classes];
        for (int i = from; i < to; i++) {
            labels[(i - from) * classes + images.label(order[i])] = 1f;
        }
        return manager.create(labels, new Shape(to - from, classes));
    }

    /** @return 0, 1, ..., size-1 */
    int[] identityOrder() {
        int[] order = new int[images.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return order;
    }
}
