package org.transferable.dl4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.backend.Backend;
import org.transferable.backend.BackendChecks;
import org.transferable.backend.PrefixCache;
import org.transferable.data.Task;
import org.transferable.network.LayerPolicy;
import org.transferable.network.Network;
import org.transferable.network.NetworkWeights;
import org.transferable.network.Provenance;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.TransferPlan;

/**
 * The DL4J backend, registered as {@code dl4j}. See the package documentation for what freezing does to dropout
 * and batch normalisation, and for what makes it fast: oneDNN natives and helpers, and frozen layers computed once.
 *
 * <p>On Linux x86-64 processors without AVX2, loading this class sets the system property
 * {@code org.bytedeco.javacpp.platform.extension} to empty unless the user has set it, so that JavaCPP loads ND4J's
 * plain natives rather than the oneDNN/AVX2 ones (see {@code NativeDefaults}). Setting DL4J's
 * {@code org.eclipse.deeplearning4j.helpers.disable=true} runs every layer on DL4J's built-in implementation. Loading
 * this class also sets {@code OMP_WAIT_POLICY=PASSIVE} in the process environment unless a policy is set, before
 * ND4J's natives load (see {@code NativeDefaults}).
 */
public final class Dl4jBackend implements Backend {
    /** The name under which {@link org.transferable.backend.Backends#load(String)} finds this backend. */
    public static final String NAME = "dl4j";
    /**
     * System property read by {@link #Dl4jBackend()}: the budget in bytes for cached frozen-layer outputs (a
     * non-negative integer; 0 turns the cache off). Default: a quarter of the maximum heap size.
     */
    public static final String PREFIX_CACHE_MAX_BYTES = PrefixCache.MAX_BYTES_PROPERTY;
    private static final String DL4J_VERSION = "1.0.0-M2.1";

    static {
        NativeDefaults.apply();
    }

    private final PrefixCache<PrefixFeatures> prefixCache;

    /**
     * Creates the backend with the prefix-cache budget from the system property {@value #PREFIX_CACHE_MAX_BYTES},
     * or a quarter of the maximum heap size when it is unset; ND4J's native library loads on first use.
     *
     * @throws IllegalArgumentException when the property is not a non-negative integer
     */
    public Dl4jBackend() {
        this(PrefixCache.defaultBudget());
    }

    /**
     * Creates the backend with an explicit budget for cached frozen-layer outputs.
     *
     * <p>When a network's first n layers are frozen, {@link #fit} computes their outputs for the training set once
     * and trains only the layers above, with bit-identical results; the outputs are kept for later fits on the same
     * images with the same frozen parameters (other cells of a study), least recently used first out. A fit whose
     * outputs alone exceed the budget trains the full network instead and says so in the log (INFO).
     *
     * @param prefixCacheMaxBytes bytes the cached outputs may take together, at least 0 (0: never cache)
     * @throws IllegalArgumentException when negative
     */
    public Dl4jBackend(long prefixCacheMaxBytes) {
        this.prefixCache = new PrefixCache<>(prefixCacheMaxBytes, PrefixFeatures::bytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String engineVersion() {
        return "deeplearning4j " + DL4J_VERSION + " (" + Nd4j.getBackend().getClass().getSimpleName() + ")";
    }

    @Override
    public Network initialise(NetworkSpec spec, Task task, long seed) {
        Objects.requireNonNull(spec, "spec");
        BackendChecks.imageShape(spec, task.train(), "task " + task.name());
        ModelFactory.Built built = ModelFactory.build(spec, task.classCount(), 0, TrainingConfig.defaults(), seed);
        return new Dl4jNetwork(this, built.network(), built.blocks(),
                Provenance.fresh(spec, task.name(), task.classNames(), "scratch", 0, seed, NAME, engineVersion()));
    }

    @Override
    public Network transfer(Network source, TransferPlan plan, Task target, long seed) {
        NetworkSpec spec = source.spec();
        BackendChecks.copyCount(spec, plan.n());
        BackendChecks.imageShape(spec, target.train(), "task " + target.name());
        int frozen = plan.policy() == LayerPolicy.FROZEN ? plan.n() : 0;
        ModelFactory.Built built = ModelFactory.build(spec, target.classCount(), frozen, TrainingConfig.defaults(), seed);
        NetworkWeights weights = source.weights();
        for (int n = 1; n <= plan.n(); n++) {
            Parameters.assign(built.network(), built.blocks(), n, weights.layer(n));
        }
        return new Dl4jNetwork(this, built.network(), built.blocks(), Provenance.fresh(spec, target.name(),
                target.classNames(), plan.toString(), frozen, seed, NAME, engineVersion()));
    }

    @Override
    public Network fit(Network network, Task task, TrainingConfig config, TrainingListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        NetworkSpec spec = network.spec();
        BackendChecks.imageShape(spec, task.train(), "task " + task.name());
        BackendChecks.classCount(network.classNames(), task.train(), "task " + task.name() + " has");
        ModelFactory.Built built = ModelFactory.build(spec, task.classCount(), network.frozenLayers(), config,
                config.seed());
        MultiLayerNetwork model = built.network();
        if (network instanceof Dl4jNetwork own) {
            synchronized (own.model()) {
                model.setParams(own.model().params().dup());
            }
        } else {
            Parameters.assignAll(model, spec, built.blocks(), network.weights());
        }
        FrozenPrefixTrainer.train(built, spec, network.frozenLayers(), task.train(), config, listener, prefixCache);
        return new Dl4jNetwork(this, model, built.blocks(), network.provenance().trained(config));
    }

    /** @return the cache of frozen-layer outputs shared by this backend's fits */
    PrefixCache<PrefixFeatures> prefixCache() {
        return prefixCache;
    }

    @Override
    public Network load(Path directory) throws IOException {
        return NetworkStore.load(this, directory);
    }
}
