/**
 * Transferable: copy the first n layers of a trained network into a new one, freeze or fine-tune them, and
 * measure how general each layer is (Yosinski et al., "How transferable are features in deep neural
 * networks?", NIPS 2014).
 *
 * <p>Start with {@link org.transferable.spec.NetworkSpec}, train through a
 * {@link org.transferable.network.Backend} and transfer with {@link org.transferable.transfer.Transfer}.
 */
package org.transferable;
