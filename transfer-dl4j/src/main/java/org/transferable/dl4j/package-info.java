/**
 * The DeepLearning4J/ND4J backend ({@code dl4j}): builds a {@link org.transferable.spec.NetworkSpec} as a
 * {@code MultiLayerNetwork}, trains it with SGD and classical momentum, evaluates with DL4J's evaluation, applies
 * transfer plans, and saves networks with {@code ModelSerializer} plus their spec and provenance as JSON.
 *
 * <h2>Frozen layers, dropout and batch normalisation</h2>
 * Frozen layers are wrapped in DL4J's {@code FrozenLayer}: they get no update, no weight decay and no updater
 * state, and they always run in inference mode. Consequences, chosen deliberately and tested:
 * <ul>
 *   <li>Dropout <em>between</em> two frozen layers is off (in the paper's Caffe nets it stayed on). Dropout on the
 *   output of the <em>last</em> frozen layer is applied by the first trainable layer and stays on.</li>
 *   <li>Batch normalisation inside a frozen layer uses its stored running statistics and does not update them
 *   (Keras' choice for frozen BN), so a frozen layer's output is a fixed function of its input.</li>
 * </ul>
 * Because a frozen prefix is a fixed function, its output can be computed once and reused (see the speed work).
 */
package org.transferable.dl4j;
