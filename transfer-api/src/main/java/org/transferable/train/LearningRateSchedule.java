package org.transferable.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.transferable.Checks;

/**
 * How the learning rate changes over a training run, as a multiple of the configured rate: constant, step decay
 * (the paper's x0.1 every 100k iterations, here every k epochs), or a cosine from 1 down to a floor over the run.
 * The multiple is computed for every step.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LearningRateSchedule.Constant.class, name = "constant"),
        @JsonSubTypes.Type(value = LearningRateSchedule.StepDecay.class, name = "step"),
        @JsonSubTypes.Type(value = LearningRateSchedule.Cosine.class, name = "cosine")})
public sealed interface LearningRateSchedule {
    /** @return the configured rate at every step */
    static LearningRateSchedule constant() {
        return new Constant();
    }

    /**
     * The paper's schedule at epoch granularity.
     *
     * @param factor the multiple applied every {@code everyEpochs} epochs, in (0, 1]
     * @param everyEpochs in [1, 10000]
     * @return rate x factor^floor((epoch - 1) / everyEpochs)
     */
    static LearningRateSchedule stepDecay(double factor, int everyEpochs) {
        return new StepDecay(factor, everyEpochs);
    }

    /**
     * A half cosine over the whole run.
     *
     * @param floor the multiple at the last step, in [0, 1]
     * @return rate x (floor + (1 - floor) (1 + cos(pi t)) / 2), t the fraction of steps done
     */
    static LearningRateSchedule cosine(double floor) {
        return new Cosine(floor);
    }

    /**
     * The multiple of the configured rate for one step.
     *
     * @param epoch the 1-based epoch
     * @param step the 0-based step within the epoch
     * @param stepsPerEpoch steps per epoch, at least 1
     * @param epochs the run's (maximum) epochs, at least 1
     * @return the multiple, in [0, 1]
     */
    double multiple(int epoch, int step, int stepsPerEpoch, int epochs);

    /** The configured rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double multiple(int epoch, int step, int stepsPerEpoch, int epochs) {
            return 1.0;
        }

        @Override
        public String toString() {
            return "constant";
        }
    }

    /**
     * Multiplied by {@code factor} every {@code everyEpochs} epochs.
     *
     * @param factor in (0, 1]
     * @param everyEpochs in [1, 10000]
     */
    record StepDecay(double factor, int everyEpochs) implements LearningRateSchedule {
        /** Validates the ranges. */
        public StepDecay {
            if (!(factor > 0.0 && factor <= 1.0)) {
                throw new IllegalArgumentException("step decay factor must be in (0, 1], got " + factor);
            }
            Checks.inRange("step decay interval in epochs", everyEpochs, 1, 10_000);
        }

        @Override
        public double multiple(int epoch, int step, int stepsPerEpoch, int epochs) {
            return Math.pow(factor, (epoch - 1) / everyEpochs);
        }

        @Override
        public String toString() {
            return "x" + factor + " every " + everyEpochs + " epochs";
        }
    }

    /**
     * A half cosine from 1 to {@code floor} over the run.
     *
     * @param floor in [0, 1]
     */
    record Cosine(double floor) implements LearningRateSchedule {
        /** Validates the range. */
        public Cosine {
            Checks.inRange("cosine floor", floor, 0.0, 1.0);
        }

        @Override
        public double multiple(int epoch, int step, int stepsPerEpoch, int epochs) {
            double t = ((epoch - 1) * (double) stepsPerEpoch + step) / ((double) epochs * stepsPerEpoch);
            return floor + (1.0 - floor) * 0.5 * (1.0 + Math.cos(Math.PI * t));
        }

        @Override
        public String toString() {
            return "cosine to x" + floor;
        }
    }
}
