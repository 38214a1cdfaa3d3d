package org.transferable.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.data.LabelledImages;

/** Turns labelled images into DL4J mini-batches: features NCHW (or flat) in [0, 1], one-hot labels. */
final class Batches implements TrainingBatches {
    private final LabelledImages images;
    private final boolean convolutional;

    Batches(LabelledImages images, boolean convolutional) {
        this.images = images;
        this.convolutional = convolutional;
    }

    @Override
    public DataSet batch(int[] order, int from, int to) {
        int count = to - from;
        int size = images.shape().size();
        float[] features = new float[count * size];
        float[] labels = new float[count * images.classCount()];
        for (int i = 0; i < count; i++) {
            int index = order[from + i];
            images.copyImage(index, features, i * size);
            labels[i * images.classCount() + images.label(index)] = 1.0f;
        }
        INDArray x = convolutional
                ? Nd4j.create(features, new long[] {count, images.shape().channels(), images.shape().height(),
                        images.shape().width()}, 'c')
                : Nd4j.create(features, new long[] {count, size}, 'c');
        INDArray y = Nd4j.create(labels, new long[] {count, images.classCount()}, 'c');
        return new DataSet(x, y);
    }

    /** @return 0, 1, ..., size-1 */
    int[] identityOrder() {
        int[] order = new int[images.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return order;
    }

    @Override
    public int size() {
        return images.size();
    }
}
