package org.transferable.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.transferable.json.Json;
import org.transferable.network.NetworkWeights;
import org.transferable.network.Provenance;
import org.transferable.network.WeightsFile;

/**
 * Saves a network as {@code weights.safetensors} (the backend-neutral {@link WeightsFile}, which is this backend's
 * own format too: a network is its weights plus its spec) and {@code network.json} (spec and provenance). Loads any
 * directory that holds both, whichever backend saved it: the DL4J backend writes the same two files next to its
 * {@code model.zip}, so a base trained on DL4J loads here as a DJL network with its provenance unchanged.
 */
final class NetworkStore {
    static final String META = "network.json";

    private NetworkStore() {
    }

    static void save(DjlNetwork network, Path directory) throws IOException {
        Files.createDirectories(directory);
        WeightsFile.write(network.weights(), directory.resolve(WeightsFile.FILE_NAME));
        Json.writeAtomically(directory.resolve(META), network.provenance());
    }

    static DjlNetwork load(DjlBackend backend, Path directory) throws IOException {
        Path weights = directory.resolve(WeightsFile.FILE_NAME);
        Path meta = directory.resolve(META);
        if (!Files.exists(weights) || !Files.exists(meta)) {
            throw new NoSuchFileException(directory.toString(), null,
                    "not a saved network: needs " + WeightsFile.FILE_NAME + " and " + META);
        }
        Provenance provenance = Json.read(meta, Provenance.class);
        NetworkWeights values = LayerLayout.of(provenance.spec(), provenance.classNames().size())
                .fit(WeightsFile.read(weights));
        return new DjlNetwork(backend, provenance, values);
    }
}
