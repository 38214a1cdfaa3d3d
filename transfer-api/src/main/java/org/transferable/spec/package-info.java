/**
 * Backend-neutral network descriptions: an input shape and an ordered list of paper-level layers.
 *
 * <p>A layer with weights is one "layer n" of the paper; pooling, batch normalisation and dropout travel with the
 * layer they follow, so {@code copy(n)} means what the paper means. A convolution pads its input explicitly (the
 * same zeros on every side) or in {@link org.transferable.spec.PaddingMode#SAME} mode, TensorFlow's, Keras's and
 * DL4J's {@code same} (an output side of {@code ceil(in / stride)}, an odd total padded one more below and right);
 * a convolution or a dense layer may drop values of its output while the next layer trains
 * ({@link org.transferable.spec.LayerSpec#outputDropout()}). Specs are records that read and write as JSON; a field
 * added later (an activation, a padding mode, a convolution's dropout) reads as the behaviour before it when a file
 * written earlier leaves it out.
 */
package org.transferable.spec;
