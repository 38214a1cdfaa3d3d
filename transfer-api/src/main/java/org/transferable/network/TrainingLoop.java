package org.transferable.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.transferable.data.Shuffle;
import org.transferable.engine.Batch;
import org.transferable.engine.EngineModel;
import org.transferable.engine.SolverStep;
import org.transferable.policy.TrainingPhase;
import org.transferable.train.StoppingRule;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingDivergedException;
import org.transferable.train.TrainingListener;
import org.transferable.train.TrainingOutcome;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.Tensor;

/**
 * The training loop, the same on every engine: per phase of the policy the model's layers as that phase says, per
 * epoch a fresh permutation of the examples from the config's seed ({@link Shuffle#epochOrder}), then per
 * mini-batch one {@link EngineModel#step} at the schedule's learning rate for that step. With early stopping it
 * measures the accuracy on the validation examples after every epoch, stops
 * when it has not improved for the patience, and keeps the best epoch's weights. It calls the listener after each
 * step and epoch, and stops with a {@link TrainingDivergedException} at the first non-finite loss, and after an
 * epoch whose weights hold a non-finite value. The permutation depends only on the seed and the number of
 * examples, so a head trained on cached outputs of frozen layers sees exactly the mini-batches the whole network
 * would.
 */
final class TrainingLoop {
    private TrainingLoop() {
    }

    /**
     * What a run left: the weights it keeps and what it did.
     *
     * @param weights the kept values of the model's layers
     * @param outcome epochs run, the epoch kept, the curve
     */
    record Result(List<LayerWeights> weights, TrainingOutcome outcome) {
    }

    /**
     * Trains the model in place, phase by phase: before each phase after the first the model is reconfigured to
     * that phase's layers ({@link EngineModel#configure}); the shuffling continues from one phase to the next; the
     * schedule runs over each phase's epochs; early stopping watches the last phase only.
     *
     * @param model the model
     * @param inputs what it trains on (images, or cached outputs of frozen layers)
     * @param validation the held-out examples in the same input space, or null without early stopping
     * @param layers L, the network's output layer (the model's last)
     * @param first the model's first layer
     * @param phases the policy's phases for the whole network, their epochs summing to the config's
     * @param config epochs, batch size, solver, schedule, stopping rule, seed
     * @param listener progress
     * @param network the network's name for messages
     * @return the kept weights and the outcome
     */
    static Result train(EngineModel model, Inputs inputs, Inputs validation, int layers, int first,
            List<TrainingPhase> phases, TrainingConfig config, TrainingListener listener, String network) {
        SplittableRandom random = new SplittableRandom(config.seed());
        int size = inputs.size();
        int stepsPerEpoch = (size + config.batchSize() - 1) / config.batchSize();
        long total = (long) config.epochs() * size;
        long done = 0;
        int patience = config.stopping() instanceof StoppingRule.EarlyStopping early ? early.patience() : 0;
        boolean restoreBest = config.stopping() instanceof StoppingRule.EarlyStopping early && early.restoreBest();
        List<TrainingOutcome.Epoch> curve = new ArrayList<>();
        List<LayerWeights> best = null;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        for (int p = 0; p < phases.size(); p++) {
            TrainingPhase phase = phases.get(p);
            if (p > 0) {
                model.configure(phase.layers().subList(first - 1, layers), phase.resetSolver());
            }
            boolean watched = validation != null && p == phases.size() - 1;
            for (int local = 1; local <= phase.epochs(); local++) {
                epoch++;
                int[] order = Shuffle.epochOrder(size, random);
                double lossSum = 0.0;
                int steps = 0;
                double firstRate = 0.0;
                for (int from = 0; from < size; from += config.batchSize()) {
                    int to = Math.min(size, from + config.batchSize());
                    double rate = config.learningRate()
                            * config.schedule().multiple(local, steps, stepsPerEpoch, phase.epochs());
                    firstRate = steps == 0 ? rate : firstRate;
                    Batch batch = inputs.batch(order, from, to);
                    double loss = model.step(batch, new SolverStep(Math.max(rate, Double.MIN_VALUE),
                            config.momentum()));
                    steps++;
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(network, epoch, steps, stepsPerEpoch,
                                "the loss is " + loss, config);
                    }
                    lossSum += loss;
                    done += to - from;
                    listener.onProgress(done, total);
                }
                List<LayerWeights> weights = model.weights();
                String nonFinite = firstNonFinite(weights);
                if (nonFinite != null) {
                    throw new TrainingDivergedException(network, epoch, steps, stepsPerEpoch, nonFinite, config);
                }
                double meanLoss = lossSum / Math.max(1, steps);
                Double accuracy = null;
                if (watched) {
                    accuracy = Evaluator.evaluate(model, validation, layers, network).accuracy();
                    if (accuracy > bestAccuracy) {
                        bestAccuracy = accuracy;
                        bestEpoch = epoch;
                        best = restoreBest ? weights : null;
                    }
                }
                curve.add(new TrainingOutcome.Epoch(epoch, firstRate, meanLoss, accuracy));
                listener.onEpoch(epoch, meanLoss);
                if (watched && epoch - bestEpoch >= patience) {
                    break;
                }
            }
        }
        if (best != null) {
            return new Result(best, new TrainingOutcome(epoch, bestEpoch, curve));
        }
        return new Result(model.weights(), new TrainingOutcome(epoch, epoch, curve));
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
