/**
 * JMH benchmarks of the hot paths (training with all layers, with a frozen prefix, with the cached prefix;
 * inference; transfer), the study-level benchmark, and the side-by-side comparison with the PyTorch peer.
 */
package org.transferable.benchmarks;
