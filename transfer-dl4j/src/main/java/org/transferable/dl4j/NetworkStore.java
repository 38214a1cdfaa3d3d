package org.transferable.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.transferable.json.Json;
import org.transferable.network.Provenance;
import org.transferable.network.WeightsFile;

/**
 * Saves a network as {@code model.zip} (DL4J's {@link ModelSerializer} format, frozen layers included),
 * {@code weights.safetensors} (the backend-neutral {@link WeightsFile}, which other backends load) and
 * {@code network.json} (spec and provenance).
 */
final class NetworkStore {
    static final String MODEL = "model.zip";
    static final String META = "network.json";

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
        WeightsFile.write(network.weights(), directory.resolve(WeightsFile.FILE_NAME));
        Json.writeAtomically(directory.resolve(META), network.provenance());
    }

    static Dl4jNetwork load(Dl4jBackend backend, Path directory) throws IOException {
        Path model = directory.resolve(MODEL);
        Path meta = directory.resolve(META);
        if (!Files.exists(model) || !Files.exists(meta)) {
            throw new NoSuchFileException(directory.toString(), null,
                    "not a saved dl4j network: needs " + MODEL + " and " + META);
        }
        Provenance provenance = Json.read(meta, Provenance.class);
        if (!"dl4j".equals(provenance.backend())) {
            throw new IllegalArgumentException(directory + " holds a network of backend " + provenance.backend()
                    + ", not dl4j");
        }
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        OneDnnHelpers.install(restored);
        return new Dl4jNetwork(backend, restored, ModelFactory.blocks(provenance.spec()), provenance);
    }
}
