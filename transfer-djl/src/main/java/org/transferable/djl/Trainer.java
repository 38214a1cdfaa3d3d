package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import org.transferable.data.LabelledImages;
import org.transferable.data.Shuffle;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;

/**
 * The training loop: per epoch a fresh permutation from the config's seed (the same permutations as the DL4J
 * backend), then per mini-batch a forward pass, the mean softmax cross-entropy, back-propagation and one solver
 * step for every trainable parameter. Each step's arrays live in a sub-manager that is closed after the step.
 */
final class Trainer {
    private Trainer() {
    }

    /** Trains the blocks in place on images; returns the solver so that tests can inspect its state. */
    static SgdMomentum train(NetworkBlocks network, LabelledImages images, TrainingConfig config,
            TrainingListener listener) {
        return train(network, new Batches(images), 0, config, listener);
    }

    /**
     * Trains the blocks in place on the outputs of layer {@code skipped} (the images for 0): layers 1..skipped
     * must be frozen, and only layers skipped+1..L run.
     *
     * @return the solver, so that tests can inspect its state
     */
    static SgdMomentum train(NetworkBlocks network, Inputs batches, int skipped, TrainingConfig config,
            TrainingListener listener) {
        SplittableRandom random = new SplittableRandom(config.seed());
        SgdMomentum solver = new SgdMomentum(config);
        List<NetworkBlocks.Binding> trainable = network.trainable();
        long total = (long) config.epochs() * batches.size();
        long done = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            int[] order = epochOrder(batches.size(), random);
            double lossSum = 0.0;
            int steps = 0;
            for (int from = 0; from < order.length; from += config.batchSize()) {
                int to = Math.min(order.length, from + config.batchSize());
                try (NDManager step = network.manager().newSubManager()) {
                    NDArray x = batches.features(step, order, from, to);
                    NDArray labels = batches.oneHot(step, order, from, to);
                    NDArray loss;
                    try (Autograd recording = Autograd.recording()) {
                        NDArray logits = network.forward(x, skipped, network.layerCount(), true);
                        loss = logits.logSoftmax(1).mul(labels).sum(new int[] {1}).neg().mean();
                        recording.backward(loss);
                    }
                    for (NetworkBlocks.Binding binding : trainable) {
                        solver.update(binding);
                    }
                    lossSum += loss.getFloat();
                }
                steps++;
                done += to - from;
                listener.onProgress(done, total);
            }
            listener.onEpoch(epoch, lossSum / Math.max(1, steps));
        }
        return solver;
    }

    /** @return the next epoch's order of {@code size} examples: 0..size-1 shuffled by {@code random} */
    static int[] epochOrder(int size, SplittableRandom random) {
        return Shuffle.epochOrder(size, random);
    }
}
