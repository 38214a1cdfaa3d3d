package org.transferable.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.transferable.data.LabelledImages;
import org.transferable.similarity.FeatureMatrix;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.Evaluation;
import org.transferable.weights.NetworkWeights;

/**
 * A network: trained, freshly initialised, or transferred. It is a value: its provenance and its weights, held on
 * the Java heap; native memory is used only while it is evaluated or trained (an engine model is built for that
 * call and freed after it), so a network needs no closing, can be shared between threads, and costs nothing native
 * while it waits. Operations never change it; training returns a new network ({@link Backend#fit}).
 */
public final class Network {
    private final Backend backend;
    private final Provenance provenance;
    private final NetworkWeights weights;

    Network(Backend backend, Provenance provenance, NetworkWeights weights) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    /** @return the spec it was built from */
    public NetworkSpec spec() {
        return provenance.spec();
    }

    /** @return name of the task its output layer classifies */
    public String task() {
        return provenance.task();
    }

    /** @return class names of that task, index = output unit */
    public List<String> classNames() {
        return provenance.classNames();
    }

    /** @return how many leading layers are frozen while this network trains (0 = none) */
    public int frozenLayers() {
        return provenance.frozenLayers();
    }

    /** @return where it came from */
    public Provenance provenance() {
        return provenance;
    }

    /** @return the backend that built it, which trains and evaluates it */
    public Backend backend() {
        return backend;
    }

    /**
     * Top-1 accuracy and mean loss on labelled images, in inference mode.
     *
     * @param images images whose classes match {@link #classNames()}
     * @return the evaluation
     * @throws IllegalArgumentException when shapes or class counts disagree
     * @throws IllegalStateException when the network's outputs are not finite, naming the image
     */
    public Evaluation evaluate(LabelledImages images) {
        return backend.evaluate(this, images);
    }

    /**
     * The outputs of paper layer n for every image, in inference mode: after its activation and pooling (before the
     * next layer's dropout), the softmax probabilities for the output layer. Holds them all in memory; for many
     * images use {@link #activations(LabelledImages, List, int, LayerActivations)}.
     *
     * @param images images of the network's input shape, at least 1 (their labels are not used)
     * @param layer n in [1, L]
     * @return one row per image, in image order; the columns are the layer's output flattened in
     *     {@code [C, H, W]} order (channel, then row, then column) for a convolution layer
     * @throws IllegalArgumentException "layer must be in [1, 4] for a network with 4 layers [...], got 5", or when
     *     the images do not have the network's input shape
     * @throws IllegalStateException naming the image, layer and feature when an activation is not finite
     */
    public FeatureMatrix activations(LabelledImages images, int layer) {
        return backend.activations(this, images, layer);
    }

    /**
     * The outputs of several layers, as {@link #activations(LabelledImages, int)} gives them, handed to
     * {@code consumer} one batch of images at a time in image order: memory holds one batch's activations only.
     * The values do not depend on the batch size beyond float rounding.
     *
     * @param images images of the network's input shape, at least 1
     * @param layers layers n, each in [1, L], at least one; repeats allowed
     * @param batchSize images per batch, at least 1; the last batch may be smaller
     * @param consumer receives each batch
     * @throws IllegalArgumentException "layer must be in [1, 4] for a network with 4 layers [...], got 0", "layers
     *     must not be empty", "batch size must be in [1, 2147483647], got 0", or when the images do not fit
     * @throws IllegalStateException naming the image, layer and feature when an activation is not finite
     */
    public void activations(LabelledImages images, List<Integer> layers, int batchSize, LayerActivations consumer) {
        backend.activations(this, images, layers, batchSize, consumer);
    }

    /** @return every parameter, backend-neutral (an immutable value) */
    public NetworkWeights weights() {
        return weights;
    }

    /**
     * Saves the network to a directory (created if needed): {@code network.json} (spec and provenance) and
     * {@code weights.safetensors}, which every backend loads, plus the engine's own format where it has one (DL4J's
     * {@code model.zip}).
     */
    public void save(Path directory) throws IOException {
        NetworkStore.save(this, directory);
    }

    @Override
    public String toString() {
        return backend.name() + " network " + spec().name() + " for task " + task() + " (" + provenance.origin() + ", "
                + provenance.training().size() + " training runs)";
    }

    /** @return the network's name in messages: spec, origin and task, e.g. {@code paper8-small (A3B+ on task B)} */
    String describe() {
        return spec().name() + " (" + provenance.origin() + " on task " + task() + ")";
    }
}
