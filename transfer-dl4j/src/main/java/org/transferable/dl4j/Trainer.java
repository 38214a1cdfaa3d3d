package org.transferable.dl4j;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.data.Shuffle;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;

/**
 * The training loop: per epoch a fresh permutation from the config's seed, then one {@code fit} per mini-batch.
 * ND4J's random generator (dropout) is seeded from the config, so the same seed, data and config give the same
 * parameters on the same machine. The permutation depends only on the seed and the number of examples, so a head
 * network trained on cached prefix outputs sees exactly the mini-batches the full network would.
 */
final class Trainer {
    private Trainer() {
    }

    static void train(MultiLayerNetwork network, TrainingBatches batches, TrainingConfig config,
            TrainingListener listener) {
        SplittableRandom random = new SplittableRandom(config.seed());
        Nd4j.getRandom().setSeed(config.seed());
        long total = (long) config.epochs() * batches.size();
        long done = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            int[] order = epochOrder(batches.size(), random);
            double lossSum = 0.0;
            int steps = 0;
            for (int from = 0; from < order.length; from += config.batchSize()) {
                int to = Math.min(order.length, from + config.batchSize());
                DataSet batch = batches.batch(order, from, to);
                network.fit(batch);
                lossSum += network.score();
                steps++;
                done += to - from;
                listener.onProgress(done, total);
            }
            listener.onEpoch(epoch, lossSum / Math.max(1, steps));
        }
    }

    /**
     * The order of one epoch: 0..size-1 shuffled with the next values of {@code random} by {@link Shuffle}, the
     * shuffle every backend uses, so that the DJL backend sees the same orders.
     *
     * @return the permutation
     */
    static int[] epochOrder(int size, SplittableRandom random) {
        return Shuffle.epochOrder(size, random);
    }
}
