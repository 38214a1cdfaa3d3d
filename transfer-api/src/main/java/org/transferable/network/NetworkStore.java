package org.transferable.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.transferable.json.Json;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.ParameterLayout;
import org.transferable.weights.WeightsFile;

/**
 * A network on disk: {@code network.json} (spec and provenance), {@code weights.safetensors} (the backend-neutral
 * {@link WeightsFile}), and whatever the engine adds in its own format for its users (DL4J's {@code model.zip}). A
 * network is always loaded from the first two, so any backend loads a directory any backend saved, with the
 * provenance unchanged.
 */
final class NetworkStore {
    static final String META = "network.json";

    private NetworkStore() {
    }

    static void save(Network network, Path directory) throws IOException {
        Files.createDirectories(directory);
        WeightsFile.write(network.weights(), directory.resolve(WeightsFile.FILE_NAME));
        Json.writeAtomically(directory.resolve(META), network.provenance());
        network.backend().engine().saveNative(network.spec(), network.weights(),
                Backend.modes(network.spec().layerCount(), network.frozenLayers()), directory);
    }

    /**
     * @throws NoSuchFileException naming the directory, the files it needs and those it has
     * @throws IllegalArgumentException naming the file and the layer when the weights do not fit the spec
     */
    static Network load(Backend backend, Path directory) throws IOException {
        Path weights = directory.resolve(WeightsFile.FILE_NAME);
        Path meta = directory.resolve(META);
        if (!Files.exists(weights) || !Files.exists(meta)) {
            List<String> present = Stream.of(META, WeightsFile.FILE_NAME)
                    .filter(f -> Files.exists(directory.resolve(f))).toList();
            String has = !Files.isDirectory(directory) ? "it does not exist"
                    : present.isEmpty() ? "it has neither" : "it has only " + present;
            throw new NoSuchFileException(directory.toString(), null, "not a saved network: needs " + META + " and "
                    + WeightsFile.FILE_NAME + "; " + has);
        }
        Provenance provenance = Json.read(meta, Provenance.class);
        NetworkWeights values;
        try {
            values = ParameterLayout.of(provenance.spec(), provenance.classNames().size())
                    .fit(WeightsFile.read(weights));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(weights + " does not fit the network in " + meta + ": "
                    + e.getMessage(), e);
        }
        return new Network(backend, provenance, values);
    }
}
