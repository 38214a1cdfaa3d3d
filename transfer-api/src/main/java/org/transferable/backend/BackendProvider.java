package org.transferable.backend;

/**
 * Service-provider interface: list the implementation in
 * {@code META-INF/services/org.transferable.backend.BackendProvider}.
 */
public interface BackendProvider {
    /** @return the backend's name, e.g. {@code dl4j} */
    String name();

    /**
     * Higher is preferred by {@link Backends#preferred()} when no backend is named; the fastest backend for the
     * machine should answer highest.
     *
     * @return the preference
     */
    default int priority() {
        return 0;
    }

    /** @return a ready backend; may load native libraries */
    Backend create();
}
