package org.transferable.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.transferable.Checks;
import org.transferable.data.LabelledImages;
import org.transferable.data.Task;
import org.transferable.engine.Engine;
import org.transferable.engine.EngineModel;
import org.transferable.engine.LayerTraining;
import org.transferable.engine.ModelRequest;
import org.transferable.engine.ThreadLimit;
import org.transferable.plan.TransferPlan;
import org.transferable.policy.FineTuning;
import org.transferable.policy.TrainingPhase;
import org.transferable.similarity.FeatureMatrix;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.Evaluation;
import org.transferable.train.StoppingRule;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.ParameterLayout;

/**
 * Trains, transfers, evaluates and stores networks on one engine. Every backend is this class around its
 * {@link Engine}: the argument checks, provenance, transfers, the training loop, computing frozen layers once,
 * evaluation and the files are written here once, and the engine supplies only its operations. Get one by name
 * with {@link Backends#load(String)}.
 *
 * <p>It honours the contract the test kit's {@code BackendContractTest} checks on every backend: copied layers are
 * duplicated, never aliased; layers above n are freshly initialised from the seed; frozen layers get no update, no
 * weight decay and no solver state; the same seed, data and config give identical parameters, also on two threads at
 * once; no method changes its arguments; a non-finite loss or weight stops the fit with a
 * {@link org.transferable.train.TrainingDivergedException}.
 *
 * <p><b>Frozen layers computed once.</b> When layers 1..n of a network are frozen, {@link #fit} computes their
 * outputs for the training images once and trains only the layers above, with bit-identical results (see
 * {@link FrozenPrefix}); the outputs are kept for later fits on the same images with the same frozen values (the
 * other cells of a study), least recently used first out, within a budget: the system property
 * {@value #PREFIX_CACHE_PROPERTY} (bytes; 0 turns caching off; unset, a quarter of the maximum heap), or
 * {@link #of(Engine, long)}. Thread-safe.
 *
 * <p><b>Early stopping.</b> With {@link StoppingRule.EarlyStopping} a fit holds a class-stratified validation split
 * out of the task's training images (the same split for the same images and rule in every fit of this backend, so
 * that the cells of a study share their training images and cached outputs), trains on the rest, and keeps its best
 * epoch; the provenance records the epochs run, the epoch kept and the curve.
 */
public final class Backend {
    /** System property: the budget in bytes for cached frozen-layer outputs, at least 0 (0 turns caching off). */
    public static final String PREFIX_CACHE_PROPERTY = "transferable.prefixCache.maxBytes";

    private final Engine engine;
    private final PrefixCache cache;
    private final Holdouts holdouts = new Holdouts();

    private Backend(Engine engine, long prefixCacheMaxBytes) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.cache = new PrefixCache(prefixCacheMaxBytes);
    }

    /**
     * A backend on an engine, with the prefix-cache budget from {@value #PREFIX_CACHE_PROPERTY}.
     *
     * @return the backend
     * @throws IllegalArgumentException when the property is not a number of bytes &gt;= 0
     */
    public static Backend of(Engine engine) {
        return new Backend(engine, PrefixCache.budget(System.getProperty(PREFIX_CACHE_PROPERTY)));
    }

    /**
     * A backend on an engine with an explicit budget for cached frozen-layer outputs.
     *
     * @param prefixCacheMaxBytes bytes the cached outputs may take together, at least 0 (0: never cache)
     * @return the backend
     * @throws IllegalArgumentException when negative
     */
    public static Backend of(Engine engine, long prefixCacheMaxBytes) {
        return new Backend(engine, prefixCacheMaxBytes);
    }

    /** @return short name, e.g. {@code djl} */
    public String name() {
        return engine.name();
    }

    /** @return the engine, its version and configuration, e.g. {@code PyTorch 2.7.1 (DJL 0.36.0, cpu, ...)} */
    public String engineVersion() {
        return engine.version();
    }

    /**
     * Lowers the engine's intra-op threads for networks trained on the calling thread, until the handle is closed on
     * that thread, so that several threads can train at once without oversubscribing the cores (see
     * {@link Engine#limitThreads}). Loads and checks the engine first, at its own thread count.
     *
     * @param threads at least 1
     * @return the limit; empty when the engine cannot limit threads per thread (then train one network at a time)
     * @throws IllegalArgumentException "threads must be in [1, 4096], got 0"
     */
    public Optional<ThreadLimit> limitThreads(int threads) {
        Checks.inRange("threads", threads, 1, 4096);
        engine.version();
        return engine.limitThreads(threads);
    }

    /** @return how the cache of frozen-layer outputs has been used so far */
    public PrefixCacheStats prefixCacheStats() {
        return cache.stats();
    }

    /**
     * A freshly initialised, untrained network for a task (its output layer has the task's class count).
     *
     * @param seed initialisation seed
     * @return the network
     * @throws IllegalArgumentException when the task's images do not have the spec's input shape
     */
    public Network initialise(NetworkSpec spec, Task task, long seed) {
        Objects.requireNonNull(spec, "spec");
        NetworkChecks.imageShape(spec, task.train(), "task " + task.name());
        NetworkWeights weights = engine.initialWeights(ParameterLayout.of(spec, task.classCount()), seed);
        return new Network(this, Provenance.fresh(spec, task.name(), task.classNames(), "scratch",
                FineTuning.fineTuned(), 0, seed, name(),
                engineVersion()), weights);
    }

    /**
     * A network whose values come from elsewhere (a network trained in another framework and imported), as a
     * network of this backend: it evaluates, trains and is the source of transfers like any other. Its provenance
     * says where it came from ({@code origin}, e.g. {@code imported from DL4J model.zip (deeplearning4j 1.0.0-M2.1)}).
     *
     * @param spec its architecture
     * @param weights its values, in {@link ParameterLayout}'s order for {@code spec} and the classes
     * @param task the name of the task it classifies
     * @param classNames that task's classes, index = output unit
     * @param origin where it came from, in words
     * @return the network
     * @throws IllegalArgumentException naming the layer and tensor when the weights do not fit the spec
     */
    public Network imported(NetworkSpec spec, NetworkWeights weights, String task, List<String> classNames,
            String origin) {
        Objects.requireNonNull(spec, "spec");
        NetworkWeights fitted = ParameterLayout.of(spec, classNames.size()).fit(weights);
        return new Network(this, Provenance.fresh(spec, task, classNames, origin, FineTuning.fineTuned(), 0, 0L,
                name(), engineVersion()), fitted);
    }

    /**
     * A new, untrained network for the target task whose layers 1..n are copies of the source's and whose layers
     * above n are freshly initialised from {@code seed}; {@link #fit} trains it under the plan's policy (with
     * {@link FineTuning#frozen()} layers 1..n do not change). The source is unchanged; it may come from another
     * backend.
     *
     * @param source trained (or random) network to copy from
     * @param plan n, policy and notation
     * @param target the task the new network classifies
     * @param seed initialisation seed for layers above n
     * @return the new network
     * @throws IllegalArgumentException when n is outside [1, L-1], the policy does not fit the network at n, or the
     *     target's images do not fit
     */
    public Network transfer(Network source, TransferPlan plan, Task target, long seed) {
        NetworkSpec spec = source.spec();
        NetworkChecks.copyCount(spec, plan.n());
        plan.policy().check(spec, plan.n());
        NetworkChecks.imageShape(spec, target.train(), "task " + target.name());
        ParameterLayout layout = ParameterLayout.of(spec, target.classCount());
        NetworkWeights fresh = engine.initialWeights(layout, seed);
        NetworkWeights copied = source.weights();
        List<LayerWeights> combined = new ArrayList<>();
        for (int n = 1; n <= spec.layerCount(); n++) {
            combined.add(n <= plan.n()
                    ? new LayerWeights(spec.layer(n).name(), layout.fit(n, copied.layer(n)))
                    : fresh.layer(n));
        }
        return new Network(this, Provenance.fresh(spec, target.name(), target.classNames(), plan.toString(),
                plan.policy(), plan.n(), seed, name(), engineVersion()), new NetworkWeights(combined));
    }

    /**
     * Trains a copy of a network on the task's training images under its policy ({@link Provenance#policy()}), phase
     * by phase; the argument is unchanged. The network may come from another backend: its weights are what is
     * trained. With early stopping, the stopping rule applies to the policy's last phase.
     *
     * @param network the network
     * @param task task whose classes match the network's output layer
     * @param config solver settings and seed (for shuffling and dropout)
     * @param listener progress callbacks
     * @return the trained network
     * @throws IllegalArgumentException when the task does not fit the network, or the policy's phases before its last
     *     take all of the configuration's epochs
     * @throws org.transferable.train.TrainingDivergedException when the loss or a weight becomes non-finite
     */
    public Network fit(Network network, Task task, TrainingConfig config, TrainingListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        NetworkSpec spec = network.spec();
        NetworkChecks.imageShape(spec, task.train(), "task " + task.name());
        NetworkChecks.classCount(network.classNames(), task.train(), "task " + task.name() + " has");
        ParameterLayout layout = ParameterLayout.of(spec, task.classCount());
        NetworkWeights weights = layout.fit(network.weights());
        Provenance provenance = network.provenance();
        List<TrainingPhase> phases = provenance.policy().phases(spec, provenance.copiedLayers(),
                config.weightDecay(), config.epochs());
        LabelledImages train = task.train();
        LabelledImages validation = null;
        if (config.stopping() instanceof StoppingRule.EarlyStopping early) {
            LabelledImages.Holdout holdout = holdouts.of(task.train(), early);
            train = holdout.train();
            validation = holdout.validation();
        }
        FrozenPrefix.Trained trained = FrozenPrefix.fit(new FrozenPrefix.Fit(engine, cache, spec, task.classCount(),
                weights, phases, train, validation, config, listener, network.describe()));
        return new Network(this, network.provenance().trained(config, trained.outcome()), trained.weights());
    }

    /**
     * Loads a network saved by {@link Network#save(Path)} on any backend: {@code network.json} and
     * {@code weights.safetensors}. The loaded network's provenance is the saved one, unchanged.
     *
     * @return the network, on this backend
     * @throws java.nio.file.NoSuchFileException naming the directory and the files it lacks
     * @throws IllegalArgumentException naming the file and layer when the weights do not fit the spec
     */
    public Network load(Path directory) throws IOException {
        return NetworkStore.load(this, directory);
    }

    /**
     * Trains a network from scratch: {@link #initialise} with the config's seed, then {@link #fit}.
     *
     * @return the trained network
     */
    public Network train(NetworkSpec spec, Task task, TrainingConfig config) {
        return fit(initialise(spec, task, config.seed()), task, config, TrainingListener.NONE);
    }

    /** Evaluates a network of any backend on this backend's engine. */
    Evaluation evaluate(Network network, LabelledImages images) {
        NetworkChecks.imageShape(network.spec(), images, "evaluation images");
        NetworkChecks.classCount(network.classNames(), images, "the evaluation images have");
        try (EngineModel model = engine.build(request(network))) {
            return Evaluator.evaluate(model, new ImageInputs(images), network.spec().layerCount(),
                    network.describe());
        }
    }

    /** The activations of one layer for every image (see {@link Network#activations(LabelledImages, int)}). */
    FeatureMatrix activations(Network network, LabelledImages images, int layer) {
        List<Integer> layers = Activations.check(network, images, List.of(layer), FrozenPrefix.BATCH);
        Activations.Collector collector = new Activations.Collector(images.size());
        stream(network, images, layers, FrozenPrefix.BATCH, collector);
        return collector.result();
    }

    /**
     * The activations of several layers in batches (see
     * {@link Network#activations(LabelledImages, List, int, LayerActivations)}).
     */
    void activations(Network network, LabelledImages images, List<Integer> layers, int batchSize,
            LayerActivations consumer) {
        stream(network, images, Activations.check(network, images, layers, batchSize), batchSize, consumer);
    }

    private void stream(Network network, LabelledImages images, List<Integer> layers, int batchSize,
            LayerActivations consumer) {
        try (EngineModel model = engine.build(request(network))) {
            Activations.stream(model, images, layers, batchSize, consumer, network.spec(), network.describe());
        }
    }

    /** @return the engine */
    Engine engine() {
        return engine;
    }

    /** @return a request for the whole network, for inference (every layer frozen) */
    static ModelRequest request(Network network) {
        NetworkSpec spec = network.spec();
        return new ModelRequest(spec, network.classNames().size(), 1, network.weights().layers(),
                Collections.nCopies(spec.layerCount(), LayerTraining.FROZEN), 0L);
    }

    /** @return layers 1..frozen frozen, the rest trained (the layers a saved DL4J model marks frozen) */
    static List<LayerTraining> modes(int layers, int frozen) {
        List<LayerTraining> modes = new ArrayList<>(Collections.nCopies(frozen, LayerTraining.FROZEN));
        modes.addAll(Collections.nCopies(layers - frozen, LayerTraining.trained(0.0)));
        return modes;
    }

    @Override
    public String toString() {
        return "backend " + name() + " (" + engineVersion() + ")";
    }
}
