package org.transferable.spec;

/**
 * The activation of a convolution or dense layer, applied where ReLU is by default: after the layer's batch
 * normalisation when it has one, before its pooling.
 */
public enum Activation {
    /** {@code max(0, x)}: the default, and what every layer used before activations could be chosen. */
    RELU,
    /** {@code x} for positive x, else {@link #LEAKY_SLOPE}{@code  * x}, as PyTorch's and DL4J's default. */
    LEAKY_RELU,
    /** The hyperbolic tangent. */
    TANH,
    /** The logistic function {@code 1 / (1 + exp(-x))}. */
    SIGMOID,
    /** No activation: the layer's output is its (normalised) linear output. */
    IDENTITY;

    /** The negative slope of {@link #LEAKY_RELU}: 0.01, PyTorch's and DL4J's default. */
    public static final double LEAKY_SLOPE = 0.01;

    /**
     * The activation of one value, in double precision.
     *
     * @param x the pre-activation
     * @return the activation
     */
    public double apply(double x) {
        return switch (this) {
            case RELU -> Math.max(0, x);
            case LEAKY_RELU -> x > 0 ? x : LEAKY_SLOPE * x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            case IDENTITY -> x;
        };
    }

    /**
     * The derivative at one value, in double precision; ReLU's and leaky ReLU's at 0 is that of the negative side,
     * as PyTorch and DL4J take it.
     *
     * @param x the pre-activation
     * @return d activation / d x
     */
    public double derivative(double x) {
        return switch (this) {
            case RELU -> x > 0 ? 1 : 0;
            case LEAKY_RELU -> x > 0 ? 1 : LEAKY_SLOPE;
            case TANH -> 1 - Math.tanh(x) * Math.tanh(x);
            case SIGMOID -> {
                double s = 1.0 / (1.0 + Math.exp(-x));
                yield s * (1 - s);
            }
            case IDENTITY -> 1;
        };
    }
}
