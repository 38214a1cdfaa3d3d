package org.transferable.spec;

import java.util.Objects;
import org.transferable.Checks;

/**
 * A square convolution, optionally followed by batch normalisation, then its activation (ReLU by default), then
 * optionally pooling, optionally with dropout on its output (after the pooling).
 *
 * @param name unique layer name
 * @param filters output channels in [1, 65536]
 * @param kernel kernel side in [1, 64]
 * @param stride stride in [1, 64]
 * @param padding zero padding on each side in [0, 64] in {@link PaddingMode#EXPLICIT} mode; 0 in
 *     {@link PaddingMode#SAME} mode, which computes its own
 * @param batchNorm whether batch normalisation follows the convolution (before the activation)
 * @param pooling what follows the activation
 * @param activation what follows the convolution (and its batch normalisation); {@link Activation#RELU} when a JSON
 *     file written before it existed does not give it
 * @param paddingMode how the input is padded; {@link PaddingMode#EXPLICIT} when a JSON file written before it
 *     existed does not give it
 * @param dropout probability of dropping each output value (after the pooling) during training, in [0, 1); 0 means
 *     none, as in a JSON file written before it existed
 */
public record ConvolutionLayer(String name, int filters, int kernel, int stride, int padding, boolean batchNorm,
        Pooling pooling, Activation activation, PaddingMode paddingMode, double dropout) implements LayerSpec {
    /** Validates every field; a null activation is ReLU, a null padding mode explicit. */
    public ConvolutionLayer {
        Checks.name("layer name", name);
        Checks.inRange("filters of " + name, filters, 1, 65536);
        Checks.inRange("kernel of " + name, kernel, 1, 64);
        Checks.inRange("stride of " + name, stride, 1, 64);
        Checks.inRange("padding of " + name, padding, 0, 64);
        Objects.requireNonNull(pooling, "pooling of " + name + " must not be null; use Pooling.none()");
        activation = activation == null ? Activation.RELU : activation;
        paddingMode = paddingMode == null ? PaddingMode.EXPLICIT : paddingMode;
        if (paddingMode == PaddingMode.SAME && padding != 0) {
            throw new IllegalArgumentException("padding of " + name + " must be 0 in padding mode same (which "
                    + "computes its own), got " + padding);
        }
        Checks.inHalfOpenRange("dropout of " + name, dropout, 0.0, 1.0);
    }

    /**
     * A convolution with explicit padding and no dropout.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ConvolutionLayer(String name, int filters, int kernel, int stride, int padding, boolean batchNorm,
            Pooling pooling, Activation activation) {
        this(name, filters, kernel, stride, padding, batchNorm, pooling, activation, PaddingMode.EXPLICIT, 0.0);
    }

    /**
     * A convolution with ReLU, explicit padding and no dropout.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ConvolutionLayer(String name, int filters, int kernel, int stride, int padding, boolean batchNorm,
            Pooling pooling) {
        this(name, filters, kernel, stride, padding, batchNorm, pooling, Activation.RELU);
    }

    /**
     * A stride-1 convolution with ReLU, without padding, batch normalisation, pooling or dropout.
     *
     * @return the layer
     */
    public static ConvolutionLayer of(String name, int filters, int kernel) {
        return new ConvolutionLayer(name, filters, kernel, 1, 0, false, Pooling.none(), Activation.RELU);
    }

    /** @return this layer followed by the given pooling */
    public ConvolutionLayer withPooling(Pooling newPooling) {
        return new ConvolutionLayer(name, filters, kernel, stride, padding, batchNorm, newPooling, activation,
                paddingMode, dropout);
    }

    /**
     * @return this layer with the given explicit zero padding on every side (in {@link PaddingMode#EXPLICIT} mode,
     *     whatever its mode was)
     */
    public ConvolutionLayer withPadding(int newPadding) {
        return new ConvolutionLayer(name, filters, kernel, stride, newPadding, batchNorm, pooling, activation,
                PaddingMode.EXPLICIT, dropout);
    }

    /** @return this layer with {@link PaddingMode#SAME} padding: an output side of {@code ceil(in / stride)} */
    public ConvolutionLayer withSamePadding() {
        return new ConvolutionLayer(name, filters, kernel, stride, 0, batchNorm, pooling, activation,
                PaddingMode.SAME, dropout);
    }

    /** @return this layer with batch normalisation on or off */
    public ConvolutionLayer withBatchNorm(boolean on) {
        return new ConvolutionLayer(name, filters, kernel, stride, padding, on, pooling, activation, paddingMode,
                dropout);
    }

    /** @return this layer with the given activation */
    public ConvolutionLayer withActivation(Activation newActivation) {
        return new ConvolutionLayer(name, filters, kernel, stride, padding, batchNorm, pooling,
                Objects.requireNonNull(newActivation, "activation of " + name + " must not be null"), paddingMode,
                dropout);
    }

    /** @return this layer with the given dropout probability on its output (after the pooling) */
    public ConvolutionLayer withDropout(double probability) {
        return new ConvolutionLayer(name, filters, kernel, stride, padding, batchNorm, pooling, activation,
                paddingMode, probability);
    }

    @Override
    public double outputDropout() {
        return dropout;
    }

    /**
     * The side of the convolution's output (before any pooling) for an input side.
     *
     * @param in the input's height or width, at least 1
     * @return {@code (in + before + after - kernel) / stride + 1}, or a negative value where the kernel is larger
     *     than the padded input (only in explicit mode: in same mode it is {@code ceil(in / stride)})
     */
    public int outputSide(int in) {
        int padded = in + paddingBefore(in) + paddingAfter(in);
        return padded < kernel ? -1 : (padded - kernel) / stride + 1;
    }

    /**
     * The zeros padded before the input (above it, or to its left) in one dimension.
     *
     * @param in the input's height or width, at least 1
     * @return {@link #padding()} in explicit mode; in same mode the smaller half of the total
     *     {@code max((ceil(in / stride) - 1) * stride + kernel - in, 0)}
     */
    public int paddingBefore(int in) {
        return paddingMode == PaddingMode.EXPLICIT ? padding : samePadding(in) / 2;
    }

    /**
     * The zeros padded after the input (below it, or to its right) in one dimension.
     *
     * @param in the input's height or width, at least 1
     * @return {@link #padding()} in explicit mode; in same mode the larger half of the total, one more than
     *     {@link #paddingBefore} when the total is odd
     */
    public int paddingAfter(int in) {
        return paddingMode == PaddingMode.EXPLICIT ? padding : samePadding(in) - samePadding(in) / 2;
    }

    private int samePadding(int in) {
        return PaddingMode.sameTotal(in, kernel, stride);
    }
}
