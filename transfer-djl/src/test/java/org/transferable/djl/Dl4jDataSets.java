package org.transferable.djl;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.data.LabelledImages;

/** Images as DL4J's own API takes them, and DL4J's own accuracy: for the tests that compare an import with DL4J. */
final class Dl4jDataSets {
    private Dl4jDataSets() {
    }

    /** @return the images as {@code [N, C, H, W]} features and one-hot labels */
    static DataSet of(LabelledImages images) {
        int size = images.shape().size();
        float[] pixels = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            images.copyImage(i, pixels, i * size);
        }
        INDArray features = Nd4j.create(pixels, new long[] {images.size(), images.shape().channels(),
                images.shape().height(), images.shape().width()}, 'c');
        float[] oneHot = new float[images.size() * images.classCount()];
        for (int i = 0; i < images.size(); i++) {
            oneHot[i * images.classCount() + images.label(i)] = 1f;
        }
        return new DataSet(features, Nd4j.create(oneHot, new long[] {images.size(), images.classCount()}, 'c'));
    }

    /** @return DL4J's own accuracy: the arg max of {@code output()} against the labels */
    static double accuracy(MultiLayerNetwork network, LabelledImages images) {
        INDArray predicted = network.output(of(images).getFeatures(), false).argMax(1);
        int right = 0;
        for (int i = 0; i < images.size(); i++) {
            right += predicted.getInt(i) == images.label(i) ? 1 : 0;
        }
        return right / (double) images.size();
    }
}
