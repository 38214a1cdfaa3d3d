package org.transferable.network;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.transferable.data.Shuffle;
import org.transferable.engine.Batch;
import org.transferable.engine.EngineModel;
import org.transferable.engine.SolverStep;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingDivergedException;
import org.transferable.train.TrainingListener;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.Tensor;

/**
 * The training loop, the same on every engine: per epoch a fresh permutation of the examples from the config's
 * seed ({@link Shuffle#epochOrder}), then per mini-batch one {@link EngineModel#step}. It calls the listener after
 * each step and epoch, and stops with a {@link TrainingDivergedException} at the first non-finite loss, and after an
 * epoch whose weights hold a non-finite value. The permutation depends only on the seed and the number of
 * examples, so a head trained on cached outputs of frozen layers sees exactly the mini-batches the whole network
 * would.
 */
final class TrainingLoop {
    private TrainingLoop() {
    }

    /**
     * Trains the model in place.
     *
     * @param model the model
     * @param inputs what it takes as input (images, or cached outputs of frozen layers)
     * @param config epochs, batch size, solver, seed
     * @param listener progress
     * @param network the network's name for messages
     */
    static void train(EngineModel model, Inputs inputs, TrainingConfig config, TrainingListener listener,
            String network) {
        SplittableRandom random = new SplittableRandom(config.seed());
        SolverStep step = new SolverStep(config.learningRate(), config.momentum(), config.weightDecay());
        int size = inputs.size();
        int stepsPerEpoch = (size + config.batchSize() - 1) / config.batchSize();
        long total = (long) config.epochs() * size;
        long done = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            int[] order = Shuffle.epochOrder(size, random);
            double lossSum = 0.0;
            int steps = 0;
            for (int from = 0; from < size; from += config.batchSize()) {
                int to = Math.min(size, from + config.batchSize());
                Batch batch = inputs.batch(order, from, to);
                double loss = model.step(batch, step);
                steps++;
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(network, epoch, steps, stepsPerEpoch, "the loss is " + loss,
                            config);
                }
                lossSum += loss;
                done += to - from;
                listener.onProgress(done, total);
            }
            String nonFinite = firstNonFinite(model.weights());
            if (nonFinite != null) {
                throw new TrainingDivergedException(network, epoch, steps, stepsPerEpoch, nonFinite, config);
            }
            listener.onEpoch(epoch, lossSum / Math.max(1, steps));
        }
    }

    /** @return where the first non-finite value is, in words, or null when every value is finite */
    static String firstNonFinite(List<LayerWeights> layers) {
        for (LayerWeights layer : layers) {
            for (Tensor tensor : layer.tensors()) {
                for (int i = 0; i < tensor.size(); i++) {
                    if (!Float.isFinite(tensor.get(i))) {
                        return String.format(Locale.ROOT, "weight %s/%s[%d] is %s", layer.layer(), tensor.name(), i,
                                tensor.get(i));
                    }
                }
            }
        }
        return null;
    }
}
