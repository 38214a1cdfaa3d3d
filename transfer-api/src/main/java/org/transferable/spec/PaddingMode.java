package org.transferable.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * How a convolution pads its input with zeros: by the layer's own {@link ConvolutionLayer#padding()} on every side
 * ({@code explicit}; Keras's {@code padding="valid"} is explicit 0), or so that the output side is
 * {@code ceil(in / stride)} ({@code same}).
 *
 * <p>{@link #SAME} is TensorFlow's and Keras's {@code padding="same"}, DL4J's {@code ConvolutionMode.Same} and, at
 * stride 1, PyTorch's {@code padding='same'}: per dimension the total padding is
 * {@code max((out - 1) * stride + kernel - in, 0)}, the smaller half of it before (top, left) and the rest after
 * (bottom, right). An odd total (an even kernel at stride 1, or e.g. a 3x3 kernel at stride 2 on a 28x28 input) pads
 * one more row and column after than before.
 */
public enum PaddingMode {
    /** {@link ConvolutionLayer#padding()} zeros on every side: the default, and what every layer had before. */
    @JsonProperty("explicit")
    EXPLICIT,
    /** The output side is {@code ceil(in / stride)}, padded as TensorFlow pads ({@code padding="same"}). */
    @JsonProperty("same")
    SAME;

    /**
     * The total zeros {@link #SAME} pads along one side of an input, for a convolution or a pooling window.
     *
     * @param in the input's height or width, at least 1
     * @param kernel the window's side
     * @param stride the step between windows
     * @return {@code max((ceil(in / stride) - 1) * stride + kernel - in, 0)}
     */
    public static int sameTotal(int in, int kernel, int stride) {
        int out = (in + stride - 1) / stride;
        return Math.max((out - 1) * stride + kernel - in, 0);
    }

    /** @return the lower-case name, as JSON writes it: {@code explicit} or {@code same} */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
