/**
 * Parameters as plain values, the bridge between backends: {@link org.transferable.weights.NetworkWeights} holds
 * every tensor of a network in the layouts {@link org.transferable.weights.Tensor} documents,
 * {@link org.transferable.weights.ParameterLayout} says which tensors each layer of a spec has, and
 * {@link org.transferable.weights.WeightsFile} stores them in a format any backend (and Python's
 * {@code safetensors}) reads, so a network trained on one backend can be the source of a transfer on another.
 */
package org.transferable.weights;
