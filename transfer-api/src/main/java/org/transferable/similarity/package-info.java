/**
 * Training-free scores of how general a layer's features are, computed from features and labels alone: linear CKA
 * between two networks' layers ({@link org.transferable.similarity.Cka}, and batch by batch
 * {@link org.transferable.similarity.MinibatchCka}), and transferability estimates of a layer's features or a
 * source model's outputs for a target task ({@link org.transferable.similarity.LogMe},
 * {@link org.transferable.similarity.HScore}, {@link org.transferable.similarity.Leep},
 * {@link org.transferable.similarity.Nce}). Per-layer results are a
 * {@link org.transferable.similarity.LayerProfile}.
 *
 * <pre>{@code
 * FeatureMatrix x = FeatureMatrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}, {2, 0}});
 * FeatureMatrix y = FeatureMatrix.of(new double[][] {{2, 0}, {0, 2}, {2, 2}, {4, 1}});
 * double similarity = Cka.linear(x, y);
 * double logMe = LogMe.score(x, Labels.of(2, 0, 1, 1, 0));
 * }</pre>
 *
 * <p>Nothing in this package imports an engine: features arrive as plain
 * {@link org.transferable.similarity.FeatureMatrix} values. Linear algebra is EJML's, in float64.
 */
package org.transferable.similarity;
