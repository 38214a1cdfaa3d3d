/**
 * Plain {@code main} programs that replicate the paper's experiments on Fashion-MNIST (shipped with this module):
 * {@link org.transferable.examples.BaseA}, {@link org.transferable.examples.BaseB},
 * {@link org.transferable.examples.BnB}, {@link org.transferable.examples.AnB} for single treatments and
 * {@code Replication} for every treatment at every n, and {@link org.transferable.examples.Generality} for a
 * training-free generality profile of a network's layers. All run without arguments from an IDE.
 */
package org.transferable.examples;
