package org.transferable.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.transferable.backend.Backend;
import org.transferable.data.LabelledImages;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.Evaluation;

/**
 * A network built by a backend: trained, freshly initialised, or transferred. Operations never change it;
 * training returns a new network ({@link Backend#fit}).
 */
public interface Network {
    /** @return the spec it was built from */
    NetworkSpec spec();

    /** @return name of the task its output layer classifies */
    default String task() {
        return provenance().task();
    }

    /** @return class names of that task, index = output unit */
    default List<String> classNames() {
        return provenance().classNames();
    }

    /** @return how many leading layers are frozen while this network trains (0 = none) */
    default int frozenLayers() {
        return provenance().frozenLayers();
    }

    /** @return where it came from */
    Provenance provenance();

    /** @return the backend that built it */
    Backend backend();

    /**
     * Top-1 accuracy and mean loss on labelled images.
     *
     * @param images images whose classes match {@link #classNames()}
     * @return the evaluation
     * @throws IllegalArgumentException when shapes or class counts disagree
     */
    Evaluation evaluate(LabelledImages images);

    /** @return a copy of every parameter, backend-neutral */
    NetworkWeights weights();

    /**
     * Saves the network to a directory (created if needed): the backend's own format plus
     * {@code network.json} with spec and provenance.
     */
    void save(Path directory) throws IOException;
}
