package org.transferable.djl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.transferable.backend.Backend;
import org.transferable.backend.BackendChecks;
import org.transferable.data.LabelledImages;
import org.transferable.network.Network;
import org.transferable.network.NetworkWeights;
import org.transferable.network.Provenance;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.Evaluation;

/**
 * A network of the DJL backend: its provenance and its weights, held as immutable Java values. Native memory is
 * used only while it is evaluated or trained (the blocks are built for that call and freed after it), so a
 * network needs no closing, can be shared between threads, and costs nothing native while it waits in a study.
 */
public final class DjlNetwork implements Network {
    private final DjlBackend backend;
    private final Provenance provenance;
    private final NetworkWeights weights;

    DjlNetwork(DjlBackend backend, Provenance provenance, NetworkWeights weights) {
        this.backend = backend;
        this.provenance = provenance;
        this.weights = weights;
    }

    @Override
    public NetworkSpec spec() {
        return provenance.spec();
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public Evaluation evaluate(LabelledImages images) {
        BackendChecks.imageShape(spec(), images, "evaluation images");
        BackendChecks.classCount(classNames(), images, "the evaluation images have");
        try (NetworkBlocks blocks = inference()) {
            return Evaluator.evaluate(blocks, images);
        }
    }

    @Override
    public NetworkWeights weights() {
        return weights;
    }

    @Override
    public void save(Path directory) throws IOException {
        NetworkStore.save(this, directory);
    }

    /** @return blocks holding this network's weights, all frozen, for inference */
    NetworkBlocks inference() {
        return NetworkBlocks.build(LayerLayout.of(spec(), classNames().size()), weights, spec().layerCount(),
                new SplittableRandom(0));
    }

    @Override
    public String toString() {
        return "djl network " + spec().name() + " for task " + task() + " (" + provenance.origin() + ", "
                + provenance.training().size() + " training runs)";
    }
}
