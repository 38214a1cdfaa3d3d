package org.transferable.engine;

/**
 * Makes an {@link Engine} discoverable: list the implementation in
 * {@code META-INF/services/org.transferable.engine.EngineProvider}, and
 * {@link org.transferable.network.Backends} finds it by {@link #name()}.
 */
public interface EngineProvider {
    /** @return the backend's name, e.g. {@code djl} */
    String name();

    /**
     * Higher is preferred by {@link org.transferable.network.Backends#preferred()} when no backend is named; the
     * fastest engine for the machine should answer highest.
     *
     * @return the preference
     */
    default int priority() {
        return 0;
    }

    /** @return the engine, ready and numerically checked ({@link EngineCheck}); may load native libraries */
    Engine create();
}
