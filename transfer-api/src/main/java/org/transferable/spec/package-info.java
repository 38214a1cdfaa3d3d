/**
 * Backend-neutral network descriptions: an input shape and an ordered list of paper-level layers.
 *
 * <p>A layer with weights is one "layer n" of the paper; pooling and batch normalisation travel with the layer
 * they follow, so {@code copy(n)} means what the paper means.
 */
package org.transferable.spec;
