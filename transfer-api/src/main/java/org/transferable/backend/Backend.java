package org.transferable.backend;

import java.io.IOException;
import java.nio.file.Path;
import org.transferable.data.Task;
import org.transferable.network.Network;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.TransferPlan;

/**
 * One deep-learning engine behind the API. Implementations must honour the contract that
 * {@code BackendContractTest} (in this module's test-jar) checks: copied layers are duplicated, never aliased;
 * layers above n are freshly initialised from the seed; frozen layers get no update, no weight decay and no
 * optimizer state; the same seed, data and config give identical parameters; no method changes its arguments.
 */
public interface Backend {
    /** @return short name used by {@link Backends#load(String)}, e.g. {@code dl4j} */
    String name();

    /** @return the engine and its version, e.g. {@code deeplearning4j 1.0.0-M2.1 (nd4j-native)} */
    String engineVersion();

    /**
     * A freshly initialised, untrained network for a task (its output layer has the task's class count).
     *
     * @param seed initialisation seed
     * @return the network
     * @throws IllegalArgumentException when the task's images do not have the spec's input shape
     */
    Network initialise(NetworkSpec spec, Task task, long seed);

    /**
     * A new, untrained network for the target task whose layers 1..n are copies of the source's and whose
     * layers above n are freshly initialised from {@code seed}. With {@link org.transferable.network.LayerPolicy#FROZEN}
     * layers 1..n will not change in {@link #fit}. The source is unchanged. The source may come from another
     * backend: its {@link Network#weights()} are what is copied.
     *
     * @param source trained (or random) network to copy from
     * @param plan n, policy and notation
     * @param target the task the new network classifies
     * @param seed initialisation seed for layers above n
     * @return the new network
     * @throws IllegalArgumentException when n is outside [1, L-1]
     */
    Network transfer(Network source, TransferPlan plan, Task target, long seed);

    /**
     * Trains a copy of {@code network} on the task's training images. The argument is unchanged.
     *
     * @param network a network from this backend
     * @param task task whose classes match the network's output layer
     * @param config solver settings and seed (for shuffling and dropout)
     * @param listener progress callbacks
     * @return the trained network
     */
    Network fit(Network network, Task task, TrainingConfig config, TrainingListener listener);

    /**
     * Loads a network saved by {@link Network#save(Path)}, with this backend or another: every backend saves the
     * neutral {@link org.transferable.network.WeightsFile} and {@code network.json}, and reads them back whichever
     * backend wrote them. The loaded network's provenance is the saved one, unchanged.
     *
     * @return the network
     */
    Network load(Path directory) throws IOException;

    /**
     * Trains a network from scratch: {@link #initialise} with the config's seed, then {@link #fit}.
     *
     * @return the trained network
     */
    default Network train(NetworkSpec spec, Task task, TrainingConfig config) {
        return fit(initialise(spec, task, config.seed()), task, config, TrainingListener.NONE);
    }
}
