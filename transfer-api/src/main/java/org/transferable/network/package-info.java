/**
 * Networks as the API sees them: their spec, task, frozen prefix, provenance and backend-neutral weights.
 *
 * <p>{@link org.transferable.network.NetworkWeights} is the bridge between backends: every backend exports its
 * parameters in the layouts {@link org.transferable.network.Tensor} documents, and
 * {@link org.transferable.network.WeightsFile} stores them on disk in a format any backend (and Python's
 * {@code safetensors}) reads, so a network trained on one backend can be the source of a transfer on another.
 */
package org.transferable.network;
