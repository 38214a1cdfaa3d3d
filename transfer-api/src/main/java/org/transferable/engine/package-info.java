/**
 * The backend SPI, for those who implement a backend: an {@link org.transferable.engine.EngineProvider} found by
 * {@link java.util.ServiceLoader} makes an {@link org.transferable.engine.Engine}, which builds
 * {@link org.transferable.engine.EngineModel}s and runs their engine operations (forward, training step, weights);
 * the lifecycle is on {@link org.transferable.engine.Engine}. Everything else lives once in
 * {@link org.transferable.network.Backend}. The numerical self-check every engine passes when it loads
 * ({@link org.transferable.engine.EngineCheck}), the plain-Java {@link org.transferable.engine.ReferenceNetwork} it
 * compares against, and {@link org.transferable.engine.ReferenceEngine}, a complete engine in plain Java, are here
 * too. Users of the library need none of this package.
 */
package org.transferable.engine;
