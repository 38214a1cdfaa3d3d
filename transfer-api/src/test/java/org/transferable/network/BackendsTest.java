package org.transferable.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.engine.Engine;
import org.transferable.engine.EngineModel;
import org.transferable.engine.EngineProvider;
import org.transferable.engine.ModelRequest;
import org.transferable.engine.ReferenceEngine;

/**
 * {@link Backends}: discovery through {@link java.util.ServiceLoader}. This module's class path has no backend; the
 * tests that need some register them in a temporary folder seen only by a context class loader, so that no
 * {@code META-INF/services} file is on the class path of other tests. The providers make the reference engine under
 * their own names.
 */
class BackendsTest {
    @TempDir
    Path dir;

    @Test
    void available_noBackendOnTheClassPath_isEmpty() {
        assertThat(Backends.available()).isEmpty();
    }

    @Test
    void load_unknownName_failsListingTheAvailableBackends() {
        assertThatThrownBy(() -> Backends.load("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no backend named 'nope' on the class path; available: []");
    }

    @Test
    void preferred_noBackendOnTheClassPath_fails() {
        assertThatThrownBy(Backends::preferred)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no backend on the class path: add transfer-djl or transfer-dl4j (or another module that "
                        + "registers org.transferable.engine.EngineProvider)");
    }

    @Test
    void available_registeredProviders_listedSorted() throws Exception {
        assertThat(withProviders(Backends::available, Slow.class, Fast.class)).containsExactly("fast", "slow");
    }

    @Test
    void load_registeredName_createsThatBackend() throws Exception {
        assertThat(withProviders(() -> Backends.load("slow").name(), Fast.class, Slow.class)).isEqualTo("slow");
    }

    @Test
    void load_unknownNameWithProviders_failsListingThem() {
        assertThatThrownBy(() -> withProviders(() -> Backends.load("tf"), Slow.class, Fast.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no backend named 'tf' on the class path; available: [fast, slow]");
    }

    @Test
    void preferred_highestPriorityWins() throws Exception {
        assertThat(withProviders(() -> Backends.preferred().name(), Slow.class, Fast.class)).isEqualTo("fast");
    }

    @Test
    void preferred_equalPriority_firstNameInAlphabeticalOrderWins() throws Exception {
        assertThat(withProviders(() -> Backends.preferred().name(), Slow.class, AlsoSlow.class)).isEqualTo("also-slow");
    }

    /** Runs {@code action} with the given providers registered for the current thread's context class loader. */
    @SafeVarargs
    private <T> T withProviders(Callable<T> action, Class<? extends EngineProvider>... providers) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        StringBuilder names = new StringBuilder();
        for (Class<? extends EngineProvider> provider : providers) {
            names.append(provider.getName()).append('\n');
        }
        Files.writeString(services.resolve(EngineProvider.class.getName()), names);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            thread.setContextClassLoader(loader);
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A provider of a backend with the given name that can do nothing else. */
    private abstract static class NamedProvider implements EngineProvider {
        private final String name;
        private final int priority;

        NamedProvider(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Engine create() {
            return new NamedEngine(name);
        }
    }

    /** A registered provider with priority 10. */
    public static final class Fast extends NamedProvider {
        /** For {@link java.util.ServiceLoader}. */
        public Fast() {
            super("fast", 10);
        }
    }

    /** A registered provider with the default priority. */
    public static final class Slow extends NamedProvider {
        /** For {@link java.util.ServiceLoader}. */
        public Slow() {
            super("slow", 0);
        }
    }

    /** Another registered provider with the default priority. */
    public static final class AlsoSlow extends NamedProvider {
        /** For {@link java.util.ServiceLoader}. */
        public AlsoSlow() {
            super("also-slow", 0);
        }
    }

    /** The reference engine under another name. */
    private record NamedEngine(String name) implements Engine {
        @Override
        public String version() {
            return new ReferenceEngine().version();
        }

        @Override
        public EngineModel build(ModelRequest request) {
            return new ReferenceEngine().build(request);
        }
    }
}
