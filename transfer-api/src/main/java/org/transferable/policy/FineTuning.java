package org.transferable.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.transferable.engine.LayerTraining;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.LayerSpec;
import org.transferable.spec.NetworkSpec;

/**
 * A fine-tuning policy as a value: phases of (epochs, layers that train and how), a regulariser, what batch
 * normalisation does in frozen layers, and whether the solver's state restarts at each phase. Layers are named
 * absolutely or relative to n, the number of copied layers, so one policy serves every n of a study.
 *
 * <p>Its string form (also its JSON form) extends the paper's notation; in a {@link org.transferable.plan.TransferPlan}
 * it follows the plan in brackets, and the paper's two policies keep their short forms:
 *
 * <table>
 *   <caption>Policies and their forms</caption>
 *   <tr><th>policy</th><th>form</th><th>in a plan</th></tr>
 *   <tr><td>the paper's frozen transfer (AnB)</td><td>{@code new}</td><td>{@code A3B}</td></tr>
 *   <tr><td>the paper's fine-tuning (AnB+)</td><td>{@code all}</td><td>{@code A3B+}</td></tr>
 *   <tr><td>discriminative rates, fastai's {@code slice(lr/100, lr)}</td><td>{@code all=geo(0.01)}</td>
 *   <td>{@code A3B[all=geo(0.01)]}</td></tr>
 *   <tr><td>timm's layer-wise decay 0.7</td><td>{@code all=decay(0.7)}</td><td></td></tr>
 *   <tr><td>LP-FT: the new layers for 4 epochs, then everything</td><td>{@code 4:new>all}</td><td></td></tr>
 *   <tr><td>LP-FT, the probe half of the epochs</td><td>{@code 50%:new>all}</td><td></td></tr>
 *   <tr><td>gradual unfreezing (ULMFiT), 2 epochs per step</td><td>{@code 2:new>2:n..>2:n-1..>all}</td><td></td></tr>
 *   <tr><td>BitFit on the copied layers</td><td>{@code copied=bias,new}</td><td></td></tr>
 *   <tr><td>L2-SP</td><td>{@code all;l2sp(0.01,0.001)}</td><td></td></tr>
 *   <tr><td>frozen, batch statistics in frozen layers</td><td>{@code new;bn=batch}</td><td></td></tr>
 *   <tr><td>any layers frozen: 2 and 4 here</td><td>{@code 1,3,5..}</td><td></td></tr>
 * </table>
 *
 * <p>The grammar is in {@code PolicyParser}; {@link #parse} reads what {@link #toString} writes. Layers that no
 * selection of a phase names are frozen in that phase. A multiple of 0 is the same as frozen. Invalid policies fail
 * when they are made (syntax, ranges, phases) or when they are applied to a network and n (layers outside the
 * network, a layer selected twice in a phase, a freshly initialised layer that never trains), with the reason.
 *
 * @param phases the phases, in order, at least one; every phase but the last gives its epochs, the last runs the
 *     rest of the configuration's epochs
 * @param regulariser the configuration's weight decay or L2-SP
 * @param batchNorm what batch normalisation does in frozen (and bias-only) layers
 * @param resetSolver whether the solver's velocities start from zero at each new phase (otherwise they carry over)
 */
public record FineTuning(List<Phase> phases, Regulariser regulariser, FrozenBatchNorm batchNorm,
        boolean resetSolver) {
    private static final FineTuning FROZEN = of(Phase.rest(Selection.of(LayerRange.NEW)));
    private static final FineTuning FINE_TUNED = of(Phase.rest(Selection.of(LayerRange.ALL)));

    /**
     * Validates the phases.
     *
     * @throws IllegalArgumentException when there is no phase, a phase but the last has no epochs, or the last has
     */
    public FineTuning {
        phases = List.copyOf(Objects.requireNonNull(phases, "phases must not be null"));
        Objects.requireNonNull(regulariser, "regulariser must not be null");
        Objects.requireNonNull(batchNorm, "batch-norm mode must not be null");
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a fine-tuning policy needs at least one phase, got none");
        }
        double percent = 0;
        for (int i = 0; i < phases.size(); i++) {
            boolean last = i == phases.size() - 1;
            if (last && phases.get(i).hasLength()) {
                throw new IllegalArgumentException("the last phase of a policy runs the remaining epochs and takes "
                        + "no length, got " + phases.get(i));
            }
            if (!last && !phases.get(i).hasLength()) {
                throw new IllegalArgumentException("phase " + (i + 1) + " of " + phases.size() + " must give its "
                        + "length; only the last phase runs the rest");
            }
            percent += phases.get(i).percent();
        }
        if (percent >= 100.0) {
            throw new IllegalArgumentException("the phases before the last take " + LayerRule.number(percent)
                    + "% of the epochs; they must leave some for the last phase (less than 100%)");
        }
    }

    private static FineTuning of(Phase... phases) {
        return new FineTuning(List.of(phases), Regulariser.WEIGHT_DECAY, FrozenBatchNorm.RUNNING, false);
    }

    /** @return the paper's frozen transfer: copied layers frozen, new layers trained ({@code new}; AnB, BnB) */
    public static FineTuning frozen() {
        return FROZEN;
    }

    /** @return the paper's fine-tuning: every layer trained at the learning rate ({@code all}; AnB+, BnB+) */
    public static FineTuning fineTuned() {
        return FINE_TUNED;
    }

    /**
     * Discriminative learning rates (fastai's {@code slice(lowest * lr, lr)}): layer 1 at {@code lowest} times the
     * rate, rising geometrically to the rate at the output layer.
     *
     * @param lowest in (0, 1]
     * @return {@code all=geo(lowest)}
     */
    public static FineTuning discriminative(double lowest) {
        return of(Phase.rest(new Selection(LayerRange.ALL, new LayerRule.Geometric(lowest))));
    }

    /**
     * Layer-wise learning-rate decay (timm, BEiT): the output layer at the rate, each layer below at {@code decay}
     * times the one above.
     *
     * @param decay in (0, 1]
     * @return {@code all=decay(decay)}
     */
    public static FineTuning layerDecay(double decay) {
        return of(Phase.rest(new Selection(LayerRange.ALL, new LayerRule.LayerDecay(decay))));
    }

    /**
     * LP-FT (Kumar et al., 2022): the new layers alone for {@code probeEpochs}, then every layer, the solver's state
     * carried over. {@link #parse} also reads the probe as a share of the fit, {@code 50%:new>all}.
     *
     * @param probeEpochs in [1, 10000]
     * @return {@code probeEpochs:new>all}
     */
    public static FineTuning linearProbeThenFineTune(int probeEpochs) {
        return of(Phase.of(probeEpochs, Selection.of(LayerRange.NEW)), Phase.rest(Selection.of(LayerRange.ALL)));
    }

    /**
     * Gradual unfreezing (ULMFiT, Howard and Ruder, 2018): the new layers first, then one more copied layer from the
     * top every {@code epochsPerStep} epochs, for {@code steps} steps, then every layer for the rest.
     *
     * @param epochsPerStep in [1, 10000]
     * @param steps copied layers unfrozen one at a time before the last phase, in [0, 100]
     * @return e.g. {@code 2:new>2:n..>2:n-1..>all} for 2 epochs and 2 steps
     */
    public static FineTuning gradualUnfreezing(int epochsPerStep, int steps) {
        org.transferable.Checks.inRange("steps of gradual unfreezing", steps, 0, 100);
        List<Phase> phases = new ArrayList<>();
        phases.add(Phase.of(epochsPerStep, Selection.of(LayerRange.NEW)));
        for (int s = 0; s < steps; s++) {
            phases.add(Phase.of(epochsPerStep, Selection.of(new LayerRange(LayerIndex.fromN(-s), null))));
        }
        phases.add(Phase.rest(Selection.of(LayerRange.ALL)));
        return new FineTuning(phases, Regulariser.WEIGHT_DECAY, FrozenBatchNorm.RUNNING, false);
    }

    /**
     * BitFit (Ben Zaken et al., 2022) on the copied layers: their biases train, their weights stay; the new layers
     * train fully.
     *
     * @return {@code copied=bias,new}
     */
    public static FineTuning bitFit() {
        return of(Phase.rest(new Selection(LayerRange.COPIED, new LayerRule.BiasOnly(1.0)),
                Selection.of(LayerRange.NEW)));
    }

    /**
     * Reads the string form.
     *
     * @param text e.g. {@code 4:new>all;l2sp(0.01,0.001)}
     * @return the policy
     * @throws IllegalArgumentException "fine-tuning policy '...' cannot be read: " and the reason
     */
    @JsonCreator
    public static FineTuning parse(String text) {
        return PolicyParser.parse(text);
    }

    /** @return this policy with L2-SP instead of the configuration's weight decay */
    public FineTuning withL2Sp(double alpha, double beta) {
        return new FineTuning(phases, new Regulariser.L2Sp(alpha, beta), batchNorm, resetSolver);
    }

    /** @return this policy with another regulariser */
    public FineTuning withRegulariser(Regulariser value) {
        return new FineTuning(phases, value, batchNorm, resetSolver);
    }

    /** @return this policy with another batch-norm mode for frozen layers */
    public FineTuning withBatchNorm(FrozenBatchNorm value) {
        return new FineTuning(phases, regulariser, value, resetSolver);
    }

    /** @return this policy, the solver's state reset (or carried) at each phase */
    public FineTuning withSolverReset(boolean value) {
        return new FineTuning(phases, regulariser, batchNorm, value);
    }

    /**
     * Checks the policy against a network and n: absolute layers inside it, no layer twice in a phase, and every
     * freshly initialised layer (n+1..L) trained in some phase.
     *
     * @param spec the network
     * @param n copied layers, in [0, L-1] (0: a network trained from scratch, every layer fresh)
     * @throws IllegalArgumentException naming the policy, the layer and the reason
     */
    public void check(NetworkSpec spec, int n) {
        checkFreshLayersTrain(resolve(spec, n, 0.0), spec, n);
    }

    /** Fails naming the first fresh layer (n+1..L) that no phase trains. */
    private void checkFreshLayersTrain(List<TrainingPhase> resolved, NetworkSpec spec, int n) {
        for (int layer = n + 1; layer <= spec.layerCount(); layer++) {
            int index = layer - 1;
            if (resolved.stream().noneMatch(p -> p.layers().get(index).weightRate() > 0)) {
                throw new IllegalArgumentException("fine-tuning policy " + this + " never trains layer " + layer + " ("
                        + spec.layer(layer).name() + ") at n = " + n + ", which is freshly initialised");
            }
        }
    }

    /**
     * Resolves the policy for a network and n into what the engine applies, phase by phase.
     *
     * @param spec the network
     * @param n copied layers, in [0, L-1]
     * @param weightDecay the configuration's weight decay (used unless the regulariser is L2-SP)
     * @param epochs the configuration's epochs: the last phase runs what the others leave
     * @return the phases, each with epochs &gt;= 1
     * @throws IllegalArgumentException as {@link #check}, or when the phases before the last take all the epochs
     */
    public List<TrainingPhase> phases(NetworkSpec spec, int n, double weightDecay, int epochs) {
        List<TrainingPhase> resolved = resolve(spec, n, weightDecay);
        checkFreshLayersTrain(resolved, spec, n);
        int fixed = phases.subList(0, phases.size() - 1).stream().mapToInt(p -> p.epochsOf(epochs)).sum();
        if (fixed >= epochs) {
            throw new IllegalArgumentException("fine-tuning policy " + this + " runs " + fixed + " epochs before its "
                    + "last phase, which leaves none of the configuration's " + epochs + " (epochs must be at least "
                    + (fixed + 1) + ")");
        }
        List<TrainingPhase> out = new ArrayList<>();
        for (TrainingPhase phase : resolved) {
            int index = out.size();
            out.add(new TrainingPhase(index == phases.size() - 1 ? epochs - fixed : phases.get(index).epochsOf(epochs),
                    phase.layers(), phase.resetSolver()));
        }
        return out;
    }

    /**
     * @return how many leading layers are frozen in every phase at this n, the layers whose outputs can be computed
     *     once; 0 when layer 1 trains in some phase
     */
    public int frozenPrefix(NetworkSpec spec, int n) {
        return TrainingPhase.frozenPrefix(resolve(spec, n, 0.0));
    }

    /** @return whether this is the paper's frozen policy, written {@code A3B} in a plan */
    public boolean paperFrozen() {
        return equals(FROZEN);
    }

    /** @return whether this is the paper's fine-tuning, written {@code A3B+} in a plan */
    public boolean paperFineTuned() {
        return equals(FINE_TUNED);
    }

    /** Each phase's layers, with 1 epoch as a placeholder. */
    private List<TrainingPhase> resolve(NetworkSpec spec, int n, double weightDecay) {
        int layers = spec.layerCount();
        if (n < 0 || n > layers - 1) {
            throw new IllegalArgumentException("n must be in [0, " + (layers - 1) + "] for a network with " + layers
                    + " layers, got " + n);
        }
        List<TrainingPhase> out = new ArrayList<>();
        for (int p = 0; p < phases.size(); p++) {
            LayerTraining[] rules = new LayerTraining[layers];
            String[] named = new String[layers];
            for (Selection selection : phases.get(p).selections()) {
                int[] range = selection.layers().resolve(n, layers);
                int count = range[1] - range[0] + 1;
                for (int layer = range[0]; layer <= range[1]; layer++) {
                    if (named[layer - 1] != null) {
                        throw new IllegalArgumentException("fine-tuning policy " + this + " selects layer " + layer
                                + " twice in phase " + (p + 1) + " at n = " + n + " ('" + named[layer - 1] + "' and '"
                                + selection + "')");
                    }
                    named[layer - 1] = selection.toString();
                    rules[layer - 1] = trained(spec, layer, n, selection.rule(), layer - range[0], count,
                            weightDecay);
                }
            }
            for (int layer = 1; layer <= layers; layer++) {
                if (rules[layer - 1] == null) {
                    rules[layer - 1] = frozen(spec, layer, n);
                }
            }
            out.add(new TrainingPhase(1, List.of(rules), resetSolver && p > 0));
        }
        return out;
    }

    private LayerTraining trained(NetworkSpec spec, int layer, int n, LayerRule rule, int index, int count,
            double weightDecay) {
        double multiple = rule.multiple(index, count);
        if (multiple == 0.0) {
            return frozen(spec, layer, n);
        }
        if (rule instanceof LayerRule.BiasOnly) {
            double normRate = hasBatchNorm(spec.layer(layer)) && batchNorm == FrozenBatchNorm.TRAINED ? 1.0 : 0.0;
            return new LayerTraining(true, 0.0, multiple, normRate, decay(layer, n, 0.0), towardStart(layer, n));
        }
        return new LayerTraining(true, multiple, multiple, multiple, decay(layer, n, weightDecay),
                towardStart(layer, n));
    }

    /** A frozen layer, with this policy's batch-norm mode (a layer without batch normalisation is plainly frozen). */
    private LayerTraining frozen(NetworkSpec spec, int layer, int n) {
        boolean batchNorm = hasBatchNorm(spec.layer(layer)) && this.batchNorm != FrozenBatchNorm.RUNNING;
        double normRate = batchNorm && this.batchNorm == FrozenBatchNorm.TRAINED ? 1.0 : 0.0;
        return new LayerTraining(batchNorm, 0.0, 0.0, normRate, decay(layer, n, 0.0), towardStart(layer, n));
    }

    private double decay(int layer, int n, double weightDecay) {
        if (regulariser instanceof Regulariser.L2Sp l2sp) {
            return layer <= n ? l2sp.alpha() : l2sp.beta();
        }
        return weightDecay;
    }

    private boolean towardStart(int layer, int n) {
        return regulariser instanceof Regulariser.L2Sp && layer <= n;
    }

    private static boolean hasBatchNorm(LayerSpec layer) {
        return layer instanceof ConvolutionLayer conv ? conv.batchNorm()
                : layer instanceof DenseLayer dense && dense.batchNorm();
    }

    /** @return the string form, e.g. {@code 4:new>all;l2sp(0.01,0.001)}; {@link #parse} reads it back */
    @JsonValue
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(phases.stream().map(Phase::toString).collect(Collectors.joining(">")));
        if (!regulariser.equals(Regulariser.WEIGHT_DECAY)) {
            text.append(';').append(regulariser);
        }
        if (batchNorm != FrozenBatchNorm.RUNNING) {
            text.append(";bn=").append(batchNorm.label());
        }
        if (resetSolver) {
            text.append(";reset");
        }
        return text.toString();
    }
}
