package org.transferable.dl4j;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.transferable.backend.Backend;
import org.transferable.backend.BackendChecks;
import org.transferable.data.LabelledImages;
import org.transferable.network.Network;
import org.transferable.network.NetworkWeights;
import org.transferable.network.Provenance;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.Evaluation;

/**
 * A network of the DL4J backend. It owns its {@link MultiLayerNetwork} and never hands it out, so nothing outside
 * this package can change it; training works on a copy.
 */
public final class Dl4jNetwork implements Network {
    private final Dl4jBackend backend;
    private final MultiLayerNetwork model;
    private final LayerBlocks blocks;
    private final Provenance provenance;

    Dl4jNetwork(Dl4jBackend backend, MultiLayerNetwork model, LayerBlocks blocks, Provenance provenance) {
        this.backend = backend;
        this.model = model;
        this.blocks = blocks;
        this.provenance = provenance;
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
        synchronized (model) {
            return Evaluator.evaluate(model, images, ModelFactory.convolutionalInput(spec()));
        }
    }

    @Override
    public NetworkWeights weights() {
        synchronized (model) {
            return Parameters.extract(model, spec(), blocks);
        }
    }

    @Override
    public void save(Path directory) throws IOException {
        synchronized (model) {
            NetworkStore.save(this, directory);
        }
    }

    /**
     * A copy of the DL4J model, for callers that need DL4J itself (e.g. to export it); changing the copy does not
     * change this network.
     *
     * @return a deep copy
     */
    public MultiLayerNetwork copyOfModel() {
        synchronized (model) {
            MultiLayerNetwork copy = model.clone();
            OneDnnHelpers.install(copy);
            return copy;
        }
    }

    MultiLayerNetwork model() {
        return model;
    }

    LayerBlocks blocks() {
        return blocks;
    }

    @Override
    public String toString() {
        return "dl4j network " + spec().name() + " for task " + task() + " (" + provenance.origin() + ", "
                + provenance.training().size() + " training runs)";
    }
}
