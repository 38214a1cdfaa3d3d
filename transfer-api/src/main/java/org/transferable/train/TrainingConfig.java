package org.transferable.train;

import org.transferable.Checks;

/**
 * How a network is trained: SGD with classical momentum and L2 weight decay, the paper's solver.
 *
 * <p>Fine-tuned copied layers train at the same learning rate as the rest (as in the paper); frozen layers get
 * no update, no weight decay and no momentum state.
 *
 * @param epochs passes over the training set, in [1, 10000]
 * @param batchSize images per step, in [1, 65536]
 * @param learningRate step size, in (0, 10]
 * @param momentum classical momentum, in [0, 1)
 * @param weightDecay L2 coefficient on weights (not biases), in [0, 1]
 * @param seed seed for initialisation, shuffling and dropout
 * @param schedule how the learning rate changes over the run (a JSON file without it means constant)
 * @param stopping when the run stops (a JSON file without it means after all epochs)
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, double momentum, double weightDecay,
        long seed, LearningRateSchedule schedule, StoppingRule stopping) {

    /**
     * Validates every field; messages name the value and the allowed range. A schedule or stopping rule absent from
     * a JSON file written before they existed reads as constant and all epochs.
     */
    public TrainingConfig {
        schedule = schedule == null ? LearningRateSchedule.constant() : schedule;
        stopping = stopping == null ? StoppingRule.allEpochs() : stopping;
        Checks.inRange("epochs", epochs, 1, 10_000);
        Checks.inRange("batch size", batchSize, 1, 65_536);
        if (!(learningRate > 0.0 && learningRate <= 10.0)) {
            throw new IllegalArgumentException("learning rate must be in (0, 10], got " + learningRate);
        }
        Checks.inHalfOpenRange("momentum", momentum, 0.0, 1.0);
        Checks.inRange("weight decay", weightDecay, 0.0, 1.0);
    }

    /**
     * A configuration with a constant learning rate that trains every epoch.
     *
     * @return the configuration
     * @throws IllegalArgumentException as the canonical constructor
     */
    public TrainingConfig(int epochs, int batchSize, double learningRate, double momentum, double weightDecay,
            long seed) {
        this(epochs, batchSize, learningRate, momentum, weightDecay, seed, LearningRateSchedule.constant(),
                StoppingRule.allEpochs());
    }

    /**
     * The paper's solver at a size for small images: 5 epochs, batch 64, learning rate 0.01, momentum 0.9,
     * weight decay 5e-4, seed 42, constant rate, every epoch.
     *
     * @return the defaults
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(5, 64, 0.01, 0.9, 5e-4, 42L);
    }

    /** @return a copy with the given epochs */
    public TrainingConfig withEpochs(int value) {
        return new TrainingConfig(value, batchSize, learningRate, momentum, weightDecay, seed, schedule, stopping);
    }

    /** @return a copy with the given batch size */
    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(epochs, value, learningRate, momentum, weightDecay, seed, schedule, stopping);
    }

    /** @return a copy with the given learning rate */
    public TrainingConfig withLearningRate(double value) {
        return new TrainingConfig(epochs, batchSize, value, momentum, weightDecay, seed, schedule, stopping);
    }

    /** @return a copy with the given momentum */
    public TrainingConfig withMomentum(double value) {
        return new TrainingConfig(epochs, batchSize, learningRate, value, weightDecay, seed, schedule, stopping);
    }

    /** @return a copy with the given weight decay */
    public TrainingConfig withWeightDecay(double value) {
        return new TrainingConfig(epochs, batchSize, learningRate, momentum, value, seed, schedule, stopping);
    }

    /** @return a copy with the given seed */
    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(epochs, batchSize, learningRate, momentum, weightDecay, value, schedule, stopping);
    }

    /** @return a copy with the given learning-rate schedule */
    public TrainingConfig withSchedule(LearningRateSchedule value) {
        return new TrainingConfig(epochs, batchSize, learningRate, momentum, weightDecay, seed, value, stopping);
    }

    /** @return a copy with the given stopping rule */
    public TrainingConfig withStopping(StoppingRule value) {
        return new TrainingConfig(epochs, batchSize, learningRate, momentum, weightDecay, seed, schedule, value);
    }
}
