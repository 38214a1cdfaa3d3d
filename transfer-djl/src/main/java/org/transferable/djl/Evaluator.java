package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.transferable.data.LabelledImages;
import org.transferable.train.Evaluation;

/**
 * Top-1 accuracy and mean cross-entropy in inference mode, computed as the DL4J backend does: from the softmax
 * probabilities, with the loss of an image {@code -ln(max(p, 1e-12))} for its true class's probability p.
 */
final class Evaluator {
    static final int BATCH = 500;

    private Evaluator() {
    }

    static Evaluation evaluate(NetworkBlocks network, LabelledImages images) {
        Batches batches = new Batches(images);
        int[] order = batches.identityOrder();
        int classes = images.classCount();
        int correct = 0;
        double lossSum = 0.0;
        try (Autograd off = Autograd.off()) {
            for (int from = 0; from < order.length; from += BATCH) {
                int to = Math.min(order.length, from + BATCH);
                float[] probabilities;
                try (NDManager step = network.manager().newSubManager()) {
                    NDArray logits = network.forward(batches.features(step, order, from, to), false);
                    probabilities = logits.softmax(1).toFloatArray();
                }
                for (int i = from; i < to; i++) {
                    int row = (i - from) * classes;
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (probabilities[row + c] > probabilities[row + best]) {
                            best = c;
                        }
                    }
                    int label = images.label(i);
                    correct += best == label ? 1 : 0;
                    lossSum += -Math.log(Math.max(probabilities[row + label], 1e-12));
                }
            }
        }
        return new Evaluation((double) correct / images.size(), lossSum / images.size(), images.size());
    }
}
