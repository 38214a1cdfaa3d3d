package org.transferable.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One paper-level layer with weights: a convolution (with the pooling that follows it), a dense layer, or the
 * softmax output layer. A hidden layer's activation is ReLU unless it says otherwise ({@link Activation}), and
 * either kind of hidden layer may have dropout on its output ({@link #outputDropout()}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ConvolutionLayer.class, name = "convolution"),
        @JsonSubTypes.Type(value = DenseLayer.class, name = "dense"),
        @JsonSubTypes.Type(value = OutputLayer.class, name = "output")})
public sealed interface LayerSpec permits ConvolutionLayer, DenseLayer, OutputLayer {
    /** @return the layer's name, unique within a network */
    String name();

    /**
     * The dropout on this layer's output: the probability that each of its output values is dropped (zeroed, the
     * others scaled by {@code 1 / (1 - p)}) while the next layer trains.
     *
     * @return a dense or convolution layer's {@code dropout}, in [0, 1); 0 for the output layer
     */
    double outputDropout();
}
