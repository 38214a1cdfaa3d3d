package org.transferable.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.engine.Engine;
import org.transferable.engine.EngineCheck;
import org.transferable.engine.EngineModel;
import org.transferable.engine.LayerTraining;
import org.transferable.engine.ModelRequest;
import org.transferable.network.Network;
import org.transferable.spec.NetworkSpec;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.ParameterLayout;

/**
 * The DL4J engine, registered as {@code dl4j}: specs built as {@link MultiLayerNetwork}s ({@link ModelFactory}),
 * trained with DL4J's back-propagation and this engine's solver step ({@link Dl4jModel}), frozen layers wrapped in
 * DL4J's {@code FrozenLayer}; see
 * the package documentation for what freezing does to dropout and batch normalisation, and for speed.
 *
 * <p>ND4J loads once per JVM, on first use, with the settings of {@link NativeDefaults}; then the numerical
 * self-check ({@link EngineCheck}) chooses between DL4J's oneDNN helpers for convolution and pooling (where the
 * natives have oneDNN) and DL4J's built-in implementation, and {@link #version()} names the choice. Saved networks
 * get DL4J's {@code model.zip} next to the neutral files, for DL4J users.
 */
public final class Dl4jEngine implements Engine {
    /** The name under which {@link org.transferable.network.Backends#load(String)} finds this engine. */
    public static final String NAME = "dl4j";
    /** DL4J's own format of a saved network. */
    public static final String MODEL_FILE = "model.zip";
    static final String DL4J_VERSION = "1.0.0-M2.1";
    static final String ONEDNN = "oneDNN helpers";
    static final String BUILT_IN = "built-in layers";

    static {
        NativeDefaults.apply();
    }

    /** Creates the engine; ND4J's natives load and are checked on first use. */
    public Dl4jEngine() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return e.g. {@code deeplearning4j 1.0.0-M2.1 (CpuBackend, oneDNN helpers)}; loads and checks ND4J */
    @Override
    public String version() {
        return "deeplearning4j " + DL4J_VERSION + " (" + Nd4j.getBackend().getClass().getSimpleName() + ", "
                + Checked.configuration() + ")";
    }

    @Override
    public NetworkWeights initialWeights(ParameterLayout layout, long seed) {
        NetworkSpec spec = layout.spec();
        ModelFactory.Built built = ModelFactory.build(spec, 1, layout.classes(),
                Collections.nCopies(spec.layerCount(), LayerTraining.trained(0.0)), Dropout::new, seed);
        return new NetworkWeights(Parameters.extract(built.network(), spec, built.blocks(), 1));
    }

    @Override
    public EngineModel build(ModelRequest request) {
        Checked.configuration();
        return new Dl4jModel(request);
    }

    /**
     * Writes DL4J's {@code model.zip} (frozen layers included) for DL4J users; networks load from the neutral files.
     */
    @Override
    public List<String> saveNative(NetworkSpec spec, NetworkWeights weights, List<LayerTraining> modes, Path directory)
            throws IOException {
        Path tmp = Files.createTempFile(directory, "." + MODEL_FILE, ".tmp");
        try {
            ModelSerializer.writeModel(toMultiLayerNetwork(spec, weights, modes), tmp.toFile(), false);
            Files.move(tmp, directory.resolve(MODEL_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return List.of(MODEL_FILE);
    }

    /**
     * A network as a DL4J {@link MultiLayerNetwork}, for code that needs DL4J itself (to export it, to serve it):
     * its layers, frozen ones wrapped in {@code FrozenLayer}, and a copy of its values. Changing the result does not
     * change the network.
     *
     * @param network a network of any backend
     * @return a new DL4J network
     */
    public static MultiLayerNetwork toMultiLayerNetwork(Network network) {
        NetworkSpec spec = network.spec();
        List<LayerTraining> modes = new ArrayList<>();
        for (int n = 1; n <= spec.layerCount(); n++) {
            modes.add(n <= network.frozenLayers() ? LayerTraining.FROZEN : LayerTraining.trained(0.0));
        }
        return toMultiLayerNetwork(spec, network.weights(), modes);
    }

    private static MultiLayerNetwork toMultiLayerNetwork(NetworkSpec spec, NetworkWeights weights,
            List<LayerTraining> modes) {
        int classes = weights.layer(spec.layerCount()).tensor("bias").size();
        ModelFactory.Built built = ModelFactory.build(spec, 1, classes, modes, Dropout::new, 0L);
        Parameters.assign(built.network(), spec, built.blocks(), 1, weights.layers());
        return built.network();
    }

    /** The configuration the check chose, decided once per JVM on first use. */
    private static final class Checked {
        private static final EngineCheck.Decision DECISION = EngineCheck.Decision.of(Checked::check);

        static String configuration() {
            return DECISION.require();
        }

        private static String check() {
            List<EngineCheck.Candidate> candidates = new ArrayList<>();
            if (OneDnnHelpers.available()) {
                candidates.add(new EngineCheck.Candidate(ONEDNN, () -> OneDnnHelpers.enable(true)));
            }
            candidates.add(new EngineCheck.Candidate(BUILT_IN, () -> OneDnnHelpers.enable(false)));
            return EngineCheck.select(NAME, candidates, EngineCheck.probe(new Unchecked())).chosen().name();
        }
    }

    /** The engine's operations while the check runs (before a configuration is chosen). */
    private static final class Unchecked implements Engine {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String version() {
            return "deeplearning4j " + DL4J_VERSION + " (unchecked)";
        }

        @Override
        public EngineModel build(ModelRequest request) {
            return new Dl4jModel(request);
        }
    }
}
