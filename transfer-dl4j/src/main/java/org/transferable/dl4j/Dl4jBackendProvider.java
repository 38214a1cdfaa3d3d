package org.transferable.dl4j;

import org.transferable.backend.Backend;
import org.transferable.backend.BackendProvider;

/** Registers {@link Dl4jBackend} with {@link java.util.ServiceLoader}. */
public final class Dl4jBackendProvider implements BackendProvider {
    /** For ServiceLoader. */
    public Dl4jBackendProvider() {
    }

    @Override
    public String name() {
        return Dl4jBackend.NAME;
    }

    @Override
    public Backend create() {
        return new Dl4jBackend();
    }
}
