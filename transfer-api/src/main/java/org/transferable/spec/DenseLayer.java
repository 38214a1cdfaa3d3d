package org.transferable.spec;

import java.util.Objects;
import org.transferable.Checks;

/**
 * A fully connected layer, optionally with batch normalisation, then its activation (ReLU by default), optionally with
 * dropout on its output.
 *
 * @param name unique layer name
 * @param units output width in [1, 1048576]
 * @param dropout probability of dropping each output during training, in [0, 1); 0 means none
 * @param batchNorm whether batch normalisation follows the layer (before the activation)
 * @param activation what follows the layer (and its batch normalisation); {@link Activation#RELU} when a JSON file
 *     written before it existed does not give it
 */
public record DenseLayer(String name, int units, double dropout, boolean batchNorm, Activation activation)
        implements LayerSpec {
    /** Validates every field; a null activation is ReLU. */
    public DenseLayer {
        Checks.name("layer name", name);
        Checks.inRange("units of " + name, units, 1, 1 << 20);
        Checks.inHalfOpenRange("dropout of " + name, dropout, 0.0, 1.0);
        activation = activation == null ? Activation.RELU : activation;
    }

    /**
     * A dense layer with ReLU.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public DenseLayer(String name, int units, double dropout, boolean batchNorm) {
        this(name, units, dropout, batchNorm, Activation.RELU);
    }

    /**
     * A dense layer with ReLU, without dropout or batch normalisation.
     *
     * @return the layer
     */
    public static DenseLayer of(String name, int units) {
        return new DenseLayer(name, units, 0.0, false, Activation.RELU);
    }

    /** @return this layer with the given output dropout probability */
    public DenseLayer withDropout(double probability) {
        return new DenseLayer(name, units, probability, batchNorm, activation);
    }

    @Override
    public double outputDropout() {
        return dropout;
    }

    /** @return this layer with batch normalisation on or off */
    public DenseLayer withBatchNorm(boolean on) {
        return new DenseLayer(name, units, dropout, on, activation);
    }

    /** @return this layer with the given activation */
    public DenseLayer withActivation(Activation newActivation) {
        return new DenseLayer(name, units, dropout, batchNorm,
                Objects.requireNonNull(newActivation, "activation of " + name + " must not be null"));
    }
}
