/**
 * The DJL engine ({@code djl}) on PyTorch 2.7.1, the fast CPU path: {@link org.transferable.djl.DjlEngine} builds
 * layers of a {@link org.transferable.spec.NetworkSpec} as DJL blocks and runs the engine operations the shared
 * template in {@link org.transferable.network.Backend} calls (forward, training step with
 * {@link org.transferable.djl.SgdMomentum}, weights). libtorch comes from Maven Central inside a jar; nothing
 * downloads at run time ({@link org.transferable.djl.EngineSettings}); a numerical self-check chooses how convolutions
 * run on this processor ({@link org.transferable.djl.DjlEngine}).
 *
 * <h2>Frozen layers, dropout and batch normalisation</h2>
 * The same semantics as the DL4J engine, checked by the test kit's {@code FrozenLayersContractTest} on both.
 * Frozen layers have their parameters frozen with DJL's {@code Block.freezeParameters}: PyTorch computes no
 * gradient for them, the solver never sees them, so they get no update, no weight decay and no momentum state,
 * and stay bit-identical. They always run in inference mode:
 * <ul>
 *   <li>Dropout <em>between</em> two frozen layers is off (in the paper's Caffe nets it stayed on). Dropout on the
 *   output of the <em>last</em> frozen layer is applied at the start of the first trained layer and stays on.</li>
 *   <li>Batch normalisation inside a frozen layer uses its stored running statistics and does not update them
 *   (Keras' choice for frozen BN), so a frozen layer's output is a fixed function of its input.</li>
 * </ul>
 * Trained layers train at the configured learning rate. Batch normalisation uses epsilon 1e-5 and running averages
 * {@code 0.9 * old + 0.1 * batch}, as DL4J does.
 *
 * <h2>Determinism</h2>
 * Dropout masks come from a Java generator owned by each model ({@link org.transferable.djl.SeededDropout}), seeded
 * by the training config, so the same seed, data and config give bit-identical parameters, also with two networks
 * training on two threads at once.
 */
package org.transferable.djl;
