/**
 * The DeepLearning4J/ND4J engine ({@code dl4j}): {@link org.transferable.dl4j.Dl4jEngine} builds layers of a
 * {@link org.transferable.spec.NetworkSpec} as a {@code MultiLayerNetwork} and runs the engine operations the shared
 * template in {@link org.transferable.network.Backend} calls: forward passes, a training step (DL4J's
 * back-propagation and the engine's own SGD with classical momentum, {@link org.transferable.dl4j.Dl4jModel}), the
 * weights. Saved networks get DL4J's {@code model.zip} next to the neutral files, for DL4J users;
 * {@link org.transferable.dl4j.Dl4jEngine#toMultiLayerNetwork} gives any network as DL4J's.
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
 * Because a frozen prefix is a fixed function, its output can be computed once and reused: see below.
 *
 * <h2>Speed</h2>
 * <ul>
 *   <li><b>oneDNN.</b> On Linux x86-64 the {@code onednn} Maven profile (on by default, off with {@code -P!onednn})
 *   adds ND4J's {@code linux-x86_64-onednn-avx2} natives, which JavaCPP then prefers; {@code OneDnnHelpers} gives
 *   convolution and pooling layers DL4J's oneDNN helpers, which DL4J 1.0.0-M2.1 never uses by itself. Training is
 *   about 3x faster, inference 4x, with the same accuracy. Elsewhere (other OS, no AVX2, the profile off) the plain
 *   natives run everything, as before.</li>
 *   <li><b>Frozen layers computed once.</b> When the first n layers are frozen, the backend computes
 *   the outputs of the largest prefix whose outputs do not depend on the batch (checked on the network: oneDNN
 *   convolutions and pooling qualify, OpenBLAS matrix products do not), trains only the layers above on them, and
 *   keeps them in the backend for the next cell of a study with the same base, n and images. The result is
 *   bit-identical to training the full network; a budget ({@code transferable.prefixCache.maxBytes}, default a
 *   quarter of the heap) bounds the memory, and past it the full network trains, with an INFO line saying so.</li>
 *   <li><b>Threads.</b> OpenMP threads that spin while waiting steal the cores from OpenBLAS's threads and from
 *   other processes (passive waiting: 1.2x on an idle 2-core machine, up to 3.5x on a busy one), so the backend sets
 *   {@code OMP_WAIT_POLICY=PASSIVE} in the C environment before ND4J's natives load, unless the environment names
 *   a policy ({@code NativeDefaults}).</li>
 * </ul>
 * Measurements and what did not help: {@code benchmarks/README.md}.
 */
package org.transferable.dl4j;
