package org.transferable.spec;

import java.util.Objects;
import org.transferable.Checks;

/**
 * A square convolution, optionally followed by batch normalisation, then its activation (ReLU by default), then
 * optionally pooling.
 *
 * @param name unique layer name
 * @param filters output channels in [1, 65536]
 * @param kernel kernel side in [1, 64]
 * @param stride stride in [1, 64]
 * @param padding zero padding on each side in [0, 64]
 * @param batchNorm whether batch normalisation follows the convolution (before the activation)
 * @param pooling what follows the activation
 * @param activation what follows the convolution (and its batch normalisation); {@link Activation#RELU} when a JSON
 *     file written before it existed does not give it
 */
public record ConvolutionLayer(String name, int filters, int kernel, int stride, int padding, boolean batchNorm,
        Pooling pooling, Activation activation) implements LayerSpec {
    /** Validates every field; a null activation is ReLU. */
    public ConvolutionLayer {
        Checks.name("layer name", name);
        Checks.inRange("filters of " + name, filters, 1, 65536);
        Checks.inRange("kernel of " + name, kernel, 1, 64);
        Checks.inRange("stride of " + name, stride, 1, 64);
        Checks.inRange("padding of " + name, padding, 0, 64);
        Objects.requireNonNull(pooling, "pooling of " + name + " must not be null; use Pooling.none()");
        activation = activation == null ? Activation.RELU : activation;
    }

    /**
     * A convolution with ReLU.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ConvolutionLayer(String name, int filters, int kernel, int stride, int padding, boolean batchNorm,
            Pooling pooling) {
        this(name, filters, kernel, stride, padding, batchNorm, pooling, Activation.RELU);
    }

    /**
     * A stride-1 convolution with ReLU, without padding, batch normalisation or pooling.
     *
     * @return the layer
     */
    public static ConvolutionLayer of(String name, int filters, int kernel) {
        return new ConvolutionLayer(name, filters, kernel, 1, 0, false, Pooling.none(), Activation.RELU);
    }

    /** @return this layer followed by the given pooling */
    public ConvolutionLayer withPooling(Pooling newPooling) {
        return new ConvolutionLayer(name, filters, kernel, stride, padding, batchNorm, newPooling, activation);
    }

    /** @return this layer with the given zero padding */
    public ConvolutionLayer withPadding(int newPadding) {
        return new ConvolutionLayer(name, filters, kernel, stride, newPadding, batchNorm, pooling, activation);
    }

    /** @return this layer with batch normalisation on or off */
    public ConvolutionLayer withBatchNorm(boolean on) {
        return new ConvolutionLayer(name, filters, kernel, stride, padding, on, pooling, activation);
    }

    /** @return this layer with the given activation */
    public ConvolutionLayer withActivation(Activation newActivation) {
        return new ConvolutionLayer(name, filters, kernel, stride, padding, batchNorm, pooling,
                Objects.requireNonNull(newActivation, "activation of " + name + " must not be null"));
    }
}
