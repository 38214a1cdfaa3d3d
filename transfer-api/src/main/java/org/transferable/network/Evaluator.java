package org.transferable.network;

import org.transferable.engine.Batch;
import org.transferable.engine.EngineModel;
import org.transferable.train.Evaluation;

/**
 * Top-1 accuracy and mean cross-entropy in inference mode, the same on every engine: from the output layer's
 * softmax probabilities, in batches of {@value FrozenPrefix#BATCH} examples in their own order; the predicted class
 * is the first with the highest probability, and an example's loss is {@code -ln(max(p, 1e-12))} for its true
 * class's probability p. The examples are images, or cached outputs of frozen layers for a head.
 */
final class Evaluator {
    private Evaluator() {
    }

    /**
     * @param model the network's model
     * @param inputs the examples, in the model's input space
     * @param layers L, the output layer
     * @param network the network's name for messages
     * @return the evaluation
     * @throws IllegalStateException naming the example when a probability is not finite
     */
    static Evaluation evaluate(EngineModel model, Inputs inputs, int layers, String network) {
        int size = inputs.size();
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        int correct = 0;
        double lossSum = 0.0;
        for (int from = 0; from < size; from += FrozenPrefix.BATCH) {
            int to = Math.min(size, from + FrozenPrefix.BATCH);
            Batch batch = inputs.batch(order, from, to);
            float[] probabilities = model.forward(batch, layers);
            int classes = probabilities.length / batch.count();
            for (int i = 0; i < batch.count(); i++) {
                int row = i * classes;
                int best = 0;
                for (int c = 0; c < classes; c++) {
                    if (!Float.isFinite(probabilities[row + c])) {
                        throw new IllegalStateException("network " + network + " gives a non-finite output ("
                                + probabilities[row + c] + ") for evaluation image " + (from + i) + ", class " + c
                                + ": its weights or the image hold non-finite values");
                    }
                    if (probabilities[row + c] > probabilities[row + best]) {
                        best = c;
                    }
                }
                int label = batch.labels()[i];
                correct += best == label ? 1 : 0;
                lossSum += -Math.log(Math.max(probabilities[row + label], 1e-12));
            }
        }
        return new Evaluation((double) correct / size, lossSum / size, size);
    }
}
