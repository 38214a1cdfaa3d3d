package org.transferable.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.transferable.json.Json;
import org.transferable.network.NetworkWeights;
import org.transferable.network.Provenance;
import org.transferable.network.WeightsFile;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;

/**
 * Saves a network as {@code model.zip} (DL4J's {@link ModelSerializer} format, frozen layers included),
 * {@code weights.safetensors} (the backend-neutral {@link WeightsFile}, which other backends load) and
 * {@code network.json} (spec and provenance).
 *
 * <p>Loads a directory saved by either backend. A network saved by this backend loads from its {@code model.zip}.
 * A network saved by another backend (the DJL backend writes only {@code weights.safetensors} and
 * {@code network.json}), or one whose {@code model.zip} is missing, is built from the spec in {@code network.json}
 * with its frozen layers and class count, and its parameters are set from {@code weights.safetensors}: it computes
 * what the saved network computed, and its provenance is the saved one, unchanged (so
 * {@link Provenance#backend()} still names the backend that produced it).
 */
final class NetworkStore {
    static final String MODEL = "model.zip";
    static final String META = "network.json";
    static final String WEIGHTS = WeightsFile.FILE_NAME;

    private NetworkStore() {
    }

    static void save(Dl4jNetwork network, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path tmp = Files.createTempFile(directory, "." + MODEL, ".tmp");
        try {
            ModelSerializer.writeModel(network.model(), tmp.toFile(), false);
            Files.move(tmp, directory.resolve(MODEL), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        WeightsFile.write(network.weights(), directory.resolve(WEIGHTS));
        Json.writeAtomically(directory.resolve(META), network.provenance());
    }

    /**
     * Loads a network saved by either backend: from {@code model.zip} when this backend saved it, else from
     * {@code weights.safetensors}.
     *
     * @throws NoSuchFileException naming the directory, the files it needs and those it has, when it holds neither
     *     format
     * @throws IllegalArgumentException naming the file and the layer when {@code weights.safetensors} does not fit
     *     the spec in {@code network.json}
     */
    static Dl4jNetwork load(Dl4jBackend backend, Path directory) throws IOException {
        Path model = directory.resolve(MODEL);
        Path meta = directory.resolve(META);
        Path weights = directory.resolve(WEIGHTS);
        if (!Files.exists(meta) || (!Files.exists(model) && !Files.exists(weights))) {
            throw notSaved(directory, "");
        }
        Provenance provenance = Json.read(meta, Provenance.class);
        boolean ownModel = Dl4jBackend.NAME.equals(provenance.backend()) && Files.exists(model);
        if (ownModel) {
            MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
            OneDnnHelpers.install(restored);
            return new Dl4jNetwork(backend, restored, ModelFactory.blocks(provenance.spec()), provenance);
        }
        if (!Files.exists(weights)) {
            throw notSaved(directory, ", and " + META + " says backend " + provenance.backend() + " saved it, so "
                    + MODEL + " is not this backend's");
        }
        return fromWeights(backend, weights, provenance);
    }

    /** The network the provenance describes, its parameters from the weights file. */
    private static Dl4jNetwork fromWeights(Dl4jBackend backend, Path file, Provenance provenance) throws IOException {
        NetworkSpec spec = provenance.spec();
        NetworkWeights weights = WeightsFile.read(file);
        // the solver settings and seed that the last fit (or the initialisation) built the saved network with
        List<TrainingConfig> training = provenance.training();
        TrainingConfig config = training.isEmpty() ? TrainingConfig.defaults() : training.get(training.size() - 1);
        long seed = training.isEmpty() ? provenance.initSeed() : config.seed();
        ModelFactory.Built built = ModelFactory.build(spec, provenance.classNames().size(), provenance.frozenLayers(),
                config, seed);
        try {
            Parameters.assignAll(built.network(), spec, built.blocks(), weights);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " does not fit the network in " + META + ": " + e.getMessage(),
                    e);
        }
        return new Dl4jNetwork(backend, built.network(), built.blocks(), provenance);
    }

    private static NoSuchFileException notSaved(Path directory, String why) {
        List<String> present = Stream.of(META, WEIGHTS, MODEL).filter(f -> Files.exists(directory.resolve(f))).toList();
        String has = !Files.isDirectory(directory) ? "it does not exist"
                : present.isEmpty() ? "it has none of them" : "it has only " + present;
        return new NoSuchFileException(directory.toString(), null, "not a saved network: needs " + META + " and "
                + WEIGHTS + " (saved by any backend) or " + META + " and " + MODEL + " (saved by dl4j); " + has + why);
    }
}
