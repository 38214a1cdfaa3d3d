package org.transferable.backend;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds backends on the class path through {@link ServiceLoader}. */
public final class Backends {
    private Backends() {
    }

    /** @return names of the backends on the class path, sorted */
    public static List<String> available() {
        return providers().stream().map(BackendProvider::name).sorted().toList();
    }

    /**
     * The backend with the given name.
     *
     * @throws IllegalArgumentException naming the backends that are available
     */
    public static Backend load(String name) {
        return providers().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backend named '" + name + "' on the class path; available: "
                        + available()))
                .create();
    }

    /**
     * The preferred backend: the highest {@link BackendProvider#priority()} on the class path.
     *
     * @throws IllegalStateException when there is none
     */
    public static Backend preferred() {
        return providers().stream().max(Comparator.comparingInt(BackendProvider::priority)
                        .thenComparing(BackendProvider::name, Comparator.reverseOrder()))
                .orElseThrow(() -> new IllegalStateException("no backend on the class path: add transfer-dl4j (or "
                        + "another module that registers org.transferable.backend.BackendProvider)"))
                .create();
    }

    private static List<BackendProvider> providers() {
        return ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
