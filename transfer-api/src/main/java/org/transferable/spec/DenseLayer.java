package org.transferable.spec;

import org.transferable.Checks;

/**
 * A fully connected layer with ReLU, optionally with batch normalisation and dropout on its output.
 *
 * @param name unique layer name
 * @param units output width in [1, 1048576]
 * @param dropout probability of dropping each output during training, in [0, 1); 0 means none
 * @param batchNorm whether batch normalisation follows the layer (before ReLU)
 */
public record DenseLayer(String name, int units, double dropout, boolean batchNorm) implements LayerSpec {
    /** Validates every field. */
    public DenseLayer {
        Checks.name("layer name", name);
        Checks.inRange("units of " + name, units, 1, 1 << 20);
        Checks.inHalfOpenRange("dropout of " + name, dropout, 0.0, 1.0);
    }

    /**
     * A dense layer without dropout or batch normalisation.
     *
     * @return the layer
     */
    public static DenseLayer of(String name, int units) {
        return new DenseLayer(name, units, 0.0, false);
    }

    /** @return this layer with the given output dropout probability */
    public DenseLayer withDropout(double probability) {
        return new DenseLayer(name, units, probability, batchNorm);
    }

    /** @return this layer with batch normalisation on or off */
    public DenseLayer withBatchNorm(boolean on) {
        return new DenseLayer(name, units, dropout, on);
    }
}
