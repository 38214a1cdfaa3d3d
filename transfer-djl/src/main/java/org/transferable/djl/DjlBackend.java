package org.transferable.djl;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.transferable.backend.Backend;
import org.transferable.backend.BackendChecks;
import org.transferable.backend.PrefixCache;
import org.transferable.data.Task;
import org.transferable.network.LayerPolicy;
import org.transferable.network.LayerWeights;
import org.transferable.network.Network;
import org.transferable.network.NetworkWeights;
import org.transferable.network.Provenance;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.TransferPlan;

/**
 * The DJL backend on PyTorch, registered as {@code djl}: the fast CPU path. See the package documentation for what
 * freezing does to dropout and batch normalisation (the same as in the DL4J backend), and {@link DjlEngine} for the
 * engine's offline and thread settings.
 *
 * <p>Networks from other backends are accepted wherever a network is an argument: {@link #transfer} copies the
 * source's {@link Network#weights()}, {@link #fit} trains a DJL copy of them, and {@link #load} reads any directory
 * that holds {@code network.json} and the neutral {@code weights.safetensors}, as both backends save them.
 */
public final class DjlBackend implements Backend {
    /** The name under which {@link org.transferable.backend.Backends#load(String)} finds this backend. */
    public static final String NAME = "djl";
    /** The DJL release this backend is built against. */
    static final String DJL_VERSION = "0.36.0";

    private final PrefixCache<PrefixFeatures> prefixCache;

    /**
     * Creates the backend with the prefix-cache budget from the system property
     * {@value PrefixCache#MAX_BYTES_PROPERTY}, or a quarter of the maximum heap size when it is unset; DJL's
     * PyTorch engine loads (offline) on first use.
     *
     * @throws IllegalArgumentException when the property is not a number of bytes &gt;= 0
     */
    public DjlBackend() {
        this(PrefixCache.defaultBudget());
    }

    /**
     * Creates the backend with an explicit budget for cached frozen-layer outputs.
     *
     * <p>When a network's first n layers are frozen, {@link #fit} computes their outputs for the training set once
     * and trains only the layers above, with bit-identical results; the outputs (on the Java heap) are kept for later
     * fits on the same images with the same frozen parameters (other cells of a study), least recently used first
     * out. A fit whose outputs alone exceed the budget trains from the images instead and says so in the log (INFO).
     *
     * @param prefixCacheMaxBytes bytes the cached outputs may take together, at least 0 (0: never cache)
     * @throws IllegalArgumentException when negative
     */
    public DjlBackend(long prefixCacheMaxBytes) {
        this.prefixCache = new PrefixCache<>(prefixCacheMaxBytes, PrefixFeatures::bytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @return e.g. {@code PyTorch 2.7.1 (DJL 0.36.0, cpu, native convolutions)}, the last part the configuration the
     *     engine's numerical self-check chose; loads and checks the engine
     */
    @Override
    public String engineVersion() {
        Engine engine = DjlEngine.get();
        return engine.getEngineName() + " " + engine.getVersion() + " (DJL " + DJL_VERSION + ", "
                + engine.defaultDevice().getDeviceType() + ", " + DjlEngine.configuration() + ")";
    }

    @Override
    public Network initialise(NetworkSpec spec, Task task, long seed) {
        Objects.requireNonNull(spec, "spec");
        BackendChecks.imageShape(spec, task.train(), "task " + task.name());
        NetworkWeights weights = Initialiser.initialise(LayerLayout.of(spec, task.classCount()), seed);
        return new DjlNetwork(this, Provenance.fresh(spec, task.name(), task.classNames(), "scratch", 0, seed, NAME,
                engineVersion()), weights);
    }

    @Override
    public Network transfer(Network source, TransferPlan plan, Task target, long seed) {
        NetworkSpec spec = source.spec();
        BackendChecks.copyCount(spec, plan.n());
        BackendChecks.imageShape(spec, target.train(), "task " + target.name());
        LayerLayout layout = LayerLayout.of(spec, target.classCount());
        NetworkWeights fresh = Initialiser.initialise(layout, seed);
        NetworkWeights copied = source.weights();
        List<LayerWeights> combined = new ArrayList<>();
        for (int n = 1; n <= spec.layerCount(); n++) {
            combined.add(n <= plan.n()
                    ? new LayerWeights(spec.layer(n).name(), layout.fit(n, copied.layer(n)))
                    : fresh.layer(n));
        }
        int frozen = plan.policy() == LayerPolicy.FROZEN ? plan.n() : 0;
        return new DjlNetwork(this, Provenance.fresh(spec, target.name(), target.classNames(), plan.toString(), frozen,
                seed, NAME, engineVersion()), new NetworkWeights(combined));
    }

    @Override
    public Network fit(Network network, Task task, TrainingConfig config, TrainingListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        NetworkSpec spec = network.spec();
        BackendChecks.imageShape(spec, task.train(), "task " + task.name());
        BackendChecks.classCount(network.classNames(), task.train(), "task " + task.name() + " has");
        LayerLayout layout = LayerLayout.of(spec, task.classCount());
        // the dropout masks draw from their own stream, split off the config's seed before shuffling starts
        SplittableRandom dropout = new SplittableRandom(config.seed()).split();
        NetworkWeights weights = network.weights();
        try (NetworkBlocks blocks = NetworkBlocks.build(layout, weights, network.frozenLayers(), dropout)) {
            FrozenPrefixTrainer.train(blocks, spec, weights, network.frozenLayers(), task.train(), config,
                    listener, prefixCache, engineVersion());
            return new DjlNetwork(this, network.provenance().trained(config), blocks.weights(spec));
        }
    }

    /** @return the cache of frozen-layer outputs this backend keeps between fits */
    PrefixCache<PrefixFeatures> prefixCache() {
        return prefixCache;
    }

    @Override
    public Network load(Path directory) throws IOException {
        return NetworkStore.load(this, directory);
    }
}
