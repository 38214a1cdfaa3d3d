package org.transferable.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.transferable.spec.NetworkSpec;
import org.transferable.weights.Initialisation;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.ParameterLayout;

/**
 * What a backend implements: the engine operations, and nothing else. Everything around them (argument checks,
 * provenance, transfers, the epoch loop with its shuffling, listener calls and guards, computing frozen layers once,
 * evaluation, saving and loading) is written once in {@link org.transferable.network.Backend}, which every backend
 * shares; one contract suite checks every engine through it.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li><b>Load.</b> {@link EngineProvider#create()} returns an engine whose numerical self-check
 *   ({@link EngineCheck}) has passed in the configuration {@link #version()} names.</li>
 *   <li><b>Build.</b> {@link #build} makes an {@link EngineModel}: layers {@code first..L} of a spec holding the
 *   given values, each with its {@link LayerTraining} (frozen, trained, or anything between), with a seed for its
 *   dropout masks. A model lives for one fit or one evaluation and is used by one thread.</li>
 *   <li><b>Run.</b> The template calls {@link EngineModel#forward} (inference), {@link EngineModel#step} (one solver
 *   step) and {@link EngineModel#weights} on it, with mini-batches it draws itself.</li>
 *   <li><b>Close.</b> {@link EngineModel#close()} frees what the model holds natively.</li>
 * </ol>
 * <h2>Threads</h2>
 * Several threads may build and run models at once (a study trains cells in parallel workers), each its own
 * models. An engine that can lower its intra-op threads for one calling thread says so through {@link #limitThreads},
 * so that workers do not oversubscribe the cores: two workers each running two intra-op threads on two cores trained
 * 2.5 times slower than one worker did (PyTorch, 8-layer network, this project's development machine).
 *
 * <p>A minimal engine implements {@link #name()}, {@link #version()} and {@link #build}; {@link ReferenceEngine} is
 * one, in plain Java.
 */
public interface Engine {
    /** @return the backend's name, e.g. {@code djl}, as recorded in provenance */
    String name();

    /**
     * @return the engine, its version and the configuration in force, e.g.
     *     {@code PyTorch 2.7.1 (DJL 0.36.0, cpu, native convolutions)}; recorded in provenance, and part of the key of
     *     cached frozen-layer outputs (a different configuration may round differently)
     */
    String version();

    /**
     * Fresh weights for a network, seeded: the same seed gives the same values on every machine and thread. The
     * default draws {@link Initialisation}'s distributions in Java.
     *
     * @param layout the network's tensors
     * @param seed the seed
     * @return weights for every layer
     */
    default NetworkWeights initialWeights(ParameterLayout layout, long seed) {
        return Initialisation.initialise(layout, seed);
    }

    /**
     * Builds layers {@code request.first()..L} of a spec, holding the request's values.
     *
     * @param request what to build
     * @return the model; the caller closes it
     */
    EngineModel build(ModelRequest request);

    /**
     * Writes the engine's own format of a network next to the neutral files (e.g. DL4J's {@code model.zip}), for
     * users of that framework; the network is always loaded back from the neutral files. The default writes nothing.
     *
     * @param spec the network's spec
     * @param weights its values
     * @param training per layer, how it trains (frozen layers are marked frozen in the engine's format)
     * @param directory the network's directory
     * @return the names of the files written
     */
    default List<String> saveNative(NetworkSpec spec, NetworkWeights weights, List<LayerTraining> training,
            Path directory) throws IOException {
        return List.of();
    }

    /**
     * Lowers the engine's intra-op threads to {@code threads} for models run on the calling thread, until the handle
     * is closed on that thread. Empty (the default) when the engine cannot limit threads per calling thread; callers
     * then run one model at a time.
     *
     * @param threads at least 1
     * @return the limit, or empty
     */
    default Optional<ThreadLimit> limitThreads(int threads) {
        return Optional.empty();
    }
}
