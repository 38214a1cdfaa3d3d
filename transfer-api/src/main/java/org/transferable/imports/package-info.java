/**
 * Networks trained in other frameworks, imported as networks of any backend: their modules mapped to a
 * {@link org.transferable.spec.NetworkSpec}, their parameters to {@link org.transferable.weights.NetworkWeights} in
 * the neutral layouts. {@link org.transferable.imports.TorchImport} reads a PyTorch {@code nn.Sequential}'s
 * {@code state_dict} (safetensors) beside a JSON description of its modules and needs no engine; the DL4J importer
 * lives with its engine, in {@code org.transferable.dl4j.Dl4jImport}.
 */
package org.transferable.imports;
