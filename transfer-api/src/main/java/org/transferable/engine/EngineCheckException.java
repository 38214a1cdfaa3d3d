package org.transferable.engine;

/**
 * A backend's engine failed the numerical self-check ({@link EngineCheck}) in every configuration it has: training
 * on it on this machine would give wrong numbers. The message says what disagreed and how to override.
 */
public final class EngineCheckException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what disagreed in each configuration, and how to override */
    public EngineCheckException(String message) {
        super(message);
    }
}
