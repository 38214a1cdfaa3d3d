/**
 * The DJL backend ({@code djl}) on PyTorch 2.7.1, the fast CPU path: builds a
 * {@link org.transferable.spec.NetworkSpec} as DJL blocks, trains it with SGD and classical momentum, evaluates it,
 * applies transfer plans, and saves networks as their spec and provenance ({@code network.json}) plus the
 * backend-neutral {@code weights.safetensors}. libtorch comes from Maven Central inside a jar; nothing downloads
 * at run time (see {@link org.transferable.djl.DjlEngine}).
 *
 * <h2>Frozen layers, dropout and batch normalisation</h2>
 * The same semantics as the DL4J backend, chosen deliberately and tested in {@code FrozenLayerSemanticsTest}.
 * Frozen layers have their parameters frozen with DJL's {@code Block.freezeParameters}: PyTorch computes no
 * gradient for them, the solver never sees them, so they get no update, no weight decay and no momentum state,
 * and stay bit-identical. They always run in inference mode:
 * <ul>
 *   <li>Dropout <em>between</em> two frozen layers is off (in the paper's Caffe nets it stayed on). Dropout on the
 *   output of the <em>last</em> frozen layer is applied at the start of the first trainable layer and stays on.</li>
 *   <li>Batch normalisation inside a frozen layer uses its stored running statistics and does not update them
 *   (Keras' choice for frozen BN), so a frozen layer's output is a fixed function of its input.</li>
 * </ul>
 * Fine-tuned layers train at the configured learning rate with the rest. Batch normalisation uses
 * epsilon 1e-5 and running averages {@code 0.9 * old + 0.1 * batch}, as DL4J does.
 *
 * <h2>Frozen layers computed once</h2>
 * When layers 1..n are frozen, {@link org.transferable.djl.DjlBackend#fit} computes their outputs for the training
 * set once (inference mode, as training runs frozen layers), keeps them on the Java heap, and runs only layers
 * n+1..L in every step; the outputs are reused by later fits on the same images from the same frozen parameters
 * (the other cells of a study). Before caching, it checks on the first mini-batch and on the smaller last one that
 * each frozen layer's output for an image does not depend on the batch it is computed in, and caches only up to the
 * last layer for which that holds, so the result is bit-identical to training from the images ({@code
 * FrozenPrefixTrainerTest}). The budget
 * is the system property {@code transferable.prefixCache.maxBytes} (default a quarter of the maximum heap; 0 turns
 * caching off) or {@code new DjlBackend(bytes)}; past it the backend trains from the images and says why in the log.
 *
 * <h2>Determinism</h2>
 * Initial weights, the shuffling and the dropout masks come from Java generators seeded by the seed and the
 * training config, so the same seed, data and config give bit-identical parameters on the same machine, and two
 * networks may train on two threads at once.
 */
package org.transferable.djl;
