package org.transferable.network;

import org.transferable.data.LabelledImages;
import org.transferable.engine.EngineModel;
import org.transferable.train.Evaluation;

/**
 * Top-1 accuracy and mean cross-entropy in inference mode, the same on every engine: from the output layer's
 * softmax probabilities, in batches of {@value FrozenPrefix#BATCH} images in their own order; the predicted class is
 * the first with the highest probability, and an image's loss is {@code -ln(max(p, 1e-12))} for its true class's
 * probability p.
 */
final class Evaluator {
    private Evaluator() {
    }

    /**
     * @param model the network's model
     * @param images images of the network's input shape and classes
     * @param layers L, the output layer
     * @param network the network's name for messages
     * @return the evaluation
     * @throws IllegalStateException naming the image when a probability is not finite
     */
    static Evaluation evaluate(EngineModel model, LabelledImages images, int layers, String network) {
        ImageInputs inputs = new ImageInputs(images);
        int classes = images.classCount();
        int correct = 0;
        double lossSum = 0.0;
        for (int from = 0; from < images.size(); from += FrozenPrefix.BATCH) {
            int to = Math.min(images.size(), from + FrozenPrefix.BATCH);
            float[] probabilities = model.forward(inputs.range(from, to), layers);
            for (int i = from; i < to; i++) {
                int row = (i - from) * classes;
                int best = 0;
                for (int c = 0; c < classes; c++) {
                    if (!Float.isFinite(probabilities[row + c])) {
                        throw new IllegalStateException("network " + network + " gives a non-finite output ("
                                + probabilities[row + c] + ") for evaluation image " + i + ", class " + c
                                + ": its weights or the image hold non-finite values");
                    }
                    if (probabilities[row + c] > probabilities[row + best]) {
                        best = c;
                    }
                }
                int label = images.label(i);
                correct += best == label ? 1 : 0;
                lossSum += -Math.log(Math.max(probabilities[row + label], 1e-12));
            }
        }
        return new Evaluation((double) correct / images.size(), lossSum / images.size(), images.size());
    }
}
