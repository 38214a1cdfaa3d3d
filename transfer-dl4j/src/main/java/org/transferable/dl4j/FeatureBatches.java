package org.transferable.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Mini-batches of cached prefix outputs: the input a head network sees in place of the images. */
final class FeatureBatches implements TrainingBatches {
    private final PrefixFeatures features;

    FeatureBatches(PrefixFeatures features) {
        this.features = features;
    }

    @Override
    public int size() {
        return features.size();
    }

    @Override
    public DataSet batch(int[] order, int from, int to) {
        int count = to - from;
        int size = features.exampleSize();
        int classes = features.classCount();
        float[] x = new float[count * size];
        float[] y = new float[count * classes];
        for (int i = 0; i < count; i++) {
            int example = order[from + i];
            features.copyExample(example, x, i * size);
            y[i * classes + features.label(example)] = 1.0f;
        }
        long[] exampleShape = features.exampleShape();
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = count;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        INDArray input = Nd4j.create(x, shape, 'c');
        INDArray labels = Nd4j.create(y, new long[] {count, classes}, 'c');
        return new DataSet(input, labels);
    }
}
