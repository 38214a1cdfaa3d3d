/**
 * Training-free generality profiles of a network's layers, through any backend: how similar layer n of two
 * networks is (minibatch CKA), how well layer n's features of a source network separate a target task's classes
 * (label CKA, LogME, H-score), and how well the source's outputs predict the target's labels (LEEP, NCE). They
 * estimate, without training a single transferred network, what the paper measures by training {@code AnB}:
 * where features turn from general to specific.
 *
 * <pre>{@code
 * Generality generality = Generality.defaults();
 * LayerProfile logMe = generality.logMe(baseA, taskB.test());
 * int cut = logMe.argmax();
 * }</pre>
 *
 * <p>The scores are {@link org.transferable.similarity}'s; this package only feeds them a network's activations
 * ({@link org.transferable.network.Network#activations}) batch by batch, in bounded memory.
 */
package org.transferable.generality;
