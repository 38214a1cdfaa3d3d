/**
 * Networks and the backends that train them: {@link org.transferable.network.Network} (a value: provenance and
 * weights), {@link org.transferable.network.Backend} (the one training template every engine shares: checks,
 * provenance, transfers, the training loop and its guards, frozen layers computed once, evaluation, files) and
 * {@link org.transferable.network.Backends}, which finds engines on the class path.
 */
package org.transferable.network;
