package org.transferable.dl4j;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.data.LabelledImages;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;

/**
 * The training loop: per epoch a fresh permutation from the config's seed, then one {@code fit} per mini-batch.
 * ND4J's random generator (dropout) is seeded from the config, so the same seed, data and config give the same
 * parameters on the same machine.
 */
final class Trainer {
    private Trainer() {
    }

    static void train(MultiLayerNetwork network, LabelledImages images, boolean convolutional, TrainingConfig config,
            TrainingListener listener) {
        Batches batches = new Batches(images, convolutional);
        SplittableRandom random = new SplittableRandom(config.seed());
        Nd4j.getRandom().setSeed(config.seed());
        long total = (long) config.epochs() * images.size();
        long done = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            int[] order = batches.identityOrder();
            shuffle(order, random);
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

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
