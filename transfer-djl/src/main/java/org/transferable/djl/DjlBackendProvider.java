package org.transferable.djl;

import org.transferable.backend.Backend;
import org.transferable.backend.BackendProvider;

/**
 * Registers {@link DjlBackend} with {@link java.util.ServiceLoader}. Its priority, 10, is above DL4J's 0: on a CPU
 * the PyTorch engine trains the reference network at about 0.8x the speed of PyTorch driven from Python, about
 * 2.4 times DL4J's (benchmarks/README.md), so {@link org.transferable.backend.Backends#preferred()} picks it when
 * both are on the class path.
 */
public final class DjlBackendProvider implements BackendProvider {
    /** The priority this provider reports. */
    public static final int PRIORITY = 10;

    /** For ServiceLoader. */
    public DjlBackendProvider() {
    }

    @Override
    public String name() {
        return DjlBackend.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Backend create() {
        return new DjlBackend();
    }
}
