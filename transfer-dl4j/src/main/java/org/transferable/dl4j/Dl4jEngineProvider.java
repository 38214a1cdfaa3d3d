package org.transferable.dl4j;

import org.transferable.engine.Engine;
import org.transferable.engine.EngineProvider;

/** Registers {@link Dl4jEngine} with {@link java.util.ServiceLoader}, at the default priority 0. */
public final class Dl4jEngineProvider implements EngineProvider {
    /** For ServiceLoader. */
    public Dl4jEngineProvider() {
    }

    @Override
    public String name() {
        return Dl4jEngine.NAME;
    }

    @Override
    public Engine create() {
        return new Dl4jEngine();
    }
}
