package org.transferable.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.transferable.data.LabelledImages;
import org.transferable.train.Evaluation;

/** Evaluates with DL4J's {@link org.nd4j.evaluation.classification.Evaluation} plus the mean cross-entropy. */
final class Evaluator {
    static final int BATCH = 1000;

    private Evaluator() {
    }

    static Evaluation evaluate(MultiLayerNetwork network, LabelledImages images, boolean convolutional) {
        Batches batches = new Batches(images, convolutional);
        int[] order = batches.identityOrder();
        org.nd4j.evaluation.classification.Evaluation evaluation =
                new org.nd4j.evaluation.classification.Evaluation(images.classCount());
        double lossSum = 0.0;
        for (int from = 0; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            DataSet batch = batches.batch(order, from, to);
            INDArray output = network.output(batch.getFeatures(), false);
            evaluation.eval(batch.getLabels(), output);
            float[] probabilities = output.dup('c').data().asFloat();
            int classes = images.classCount();
            for (int i = from; i < to; i++) {
                double p = probabilities[(i - from) * classes + images.label(i)];
                lossSum += -Math.log(Math.max(p, 1e-12));
            }
        }
        return new Evaluation(evaluation.accuracy(), lossSum / images.size(), images.size());
    }
}
