package org.transferable.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One paper-level layer with weights: a convolution (with the pooling that follows it), a dense layer, or the
 * softmax output layer. A hidden layer's activation
 * is ReLU unless it says otherwise ({@link Activation}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ConvolutionLayer.class, name = "convolution"),
        @JsonSubTypes.Type(value = DenseLayer.class, name = "dense"),
        @JsonSubTypes.Type(value = OutputLayer.class, name = "output")})
public sealed interface LayerSpec permits ConvolutionLayer, DenseLayer, OutputLayer {
    /** @return the layer's name, unique within a network */
    String name();
}
