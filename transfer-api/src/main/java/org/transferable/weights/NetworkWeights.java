package org.transferable.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.transferable.Checks;

/**
 * All parameters of a network, layer by layer in the paper's order (layer 1 first). A backend-neutral snapshot:
 * any backend can build a network from it, so a base trained on one backend can be the source on another.
 *
 * @param layers one entry per layer with weights
 */
public record NetworkWeights(List<LayerWeights> layers) {
    /** Copies the list. */
    public NetworkWeights {
        layers = List.copyOf(layers);
    }

    /**
     * Layer n of the paper.
     *
     * @param n in [1, L]
     * @return its weights
     */
    public LayerWeights layer(int n) {
        Checks.inRange("layer number", n, 1, layers.size());
        return layers.get(n - 1);
    }

    /**
     * A SHA-256 digest of layers 1..m: every tensor's name, shape and values (float32, little-endian). Two networks
     * whose first m layers hold the same values have equal digests, whichever backend made them.
     *
     * @param m the last layer included, in [0, L]
     * @return the digest, 64 lower-case hex digits
     */
    public String digest(int m) {
        Checks.inRange("layer count", m, 0, layers.size());
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (LayerWeights layer : layers.subList(0, m)) {
            for (Tensor tensor : layer.tensors()) {
                sha256.update(tensor.name().getBytes(StandardCharsets.UTF_8));
                ByteBuffer bytes = ByteBuffer.allocate((tensor.shape().size() + 1 + tensor.size()) * Integer.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN);
                bytes.putInt(tensor.shape().size());
                tensor.shape().forEach(bytes::putInt);
                bytes.asFloatBuffer().put(tensor.values());
                sha256.update(bytes.array());
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** @return total number of parameters */
    public long parameterCount() {
        return layers.stream().mapToLong(LayerWeights::parameterCount).sum();
    }
}
