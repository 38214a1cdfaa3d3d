package org.transferable.djl;

import org.transferable.engine.Engine;
import org.transferable.engine.EngineProvider;

/**
 * Registers {@link DjlEngine} with {@link java.util.ServiceLoader}. Its priority, 10, is above DL4J's 0: on a CPU
 * the PyTorch engine trains the reference network at about 0.8x the speed of PyTorch driven from Python, about
 * 2.4 times DL4J's (benchmarks/README.md), so {@link org.transferable.network.Backends#preferred()} picks it when
 * both are on the class path.
 */
public final class DjlEngineProvider implements EngineProvider {
    /** The priority this provider reports. */
    public static final int PRIORITY = 10;

    /** For ServiceLoader. */
    public DjlEngineProvider() {
    }

    @Override
    public String name() {
        return DjlEngine.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Engine create() {
        return new DjlEngine();
    }
}
