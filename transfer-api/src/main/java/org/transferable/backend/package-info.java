/**
 * The backend SPI: a {@link org.transferable.backend.Backend} builds, trains, transfers, evaluates and stores
 * networks on one engine; a {@link org.transferable.backend.BackendProvider} registered in
 * {@code META-INF/services/org.transferable.backend.BackendProvider} makes it discoverable by
 * {@link org.transferable.backend.Backends}.
 */
package org.transferable.backend;
