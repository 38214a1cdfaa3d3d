package org.transferable.network;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.transferable.engine.EngineProvider;

/**
 * Finds backends on the class path: each is a {@link Backend} around the engine of an {@link EngineProvider}
 * registered with {@link ServiceLoader}. Every call makes a new backend, with its own cache of frozen-layer outputs.
 */
public final class Backends {
    private Backends() {
    }

    /** @return names of the backends on the class path, sorted */
    public static List<String> available() {
        return providers().stream().map(EngineProvider::name).sorted().toList();
    }

    /**
     * The backend with the given name.
     *
     * @throws IllegalArgumentException naming the backends that are available
     */
    public static Backend load(String name) {
        return Backend.of(providers().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backend named '" + name
                        + "' on the class path; available: " + available()))
                .create());
    }

    /**
     * The preferred backend: the highest {@link EngineProvider#priority()} on the class path.
     *
     * @throws IllegalStateException when there is none
     */
    public static Backend preferred() {
        return Backend.of(providers().stream().max(Comparator.comparingInt(EngineProvider::priority)
                        .thenComparing(EngineProvider::name, Comparator.reverseOrder()))
                .orElseThrow(() -> new IllegalStateException("no backend on the class path: add transfer-djl or "
                        + "transfer-dl4j (or another module that registers org.transferable.engine.EngineProvider)"))
                .create());
    }

    private static List<EngineProvider> providers() {
        return ServiceLoader.load(EngineProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
