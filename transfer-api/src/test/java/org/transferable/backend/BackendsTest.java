package org.transferable.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.Task;
import org.transferable.network.Network;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.TransferPlan;

/**
 * {@link Backends}: discovery through {@link java.util.ServiceLoader}. This module's class path has no backend; the
 * tests that need some register them in a temporary folder seen only by a context class loader, so that no
 * {@code META-INF/services} file ends up in the test-jar that backends depend on.
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
                .hasMessage("no backend on the class path: add transfer-dl4j (or another module that registers "
                        + "org.transferable.backend.BackendProvider)");
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
    private <T> T withProviders(Callable<T> action, Class<? extends BackendProvider>... providers) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        StringBuilder names = new StringBuilder();
        for (Class<? extends BackendProvider> provider : providers) {
            names.append(provider.getName()).append('\n');
        }
        Files.writeString(services.resolve(BackendProvider.class.getName()), names);
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
    private abstract static class NamedProvider implements BackendProvider {
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
        public Backend create() {
            return new NamedBackend(name);
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

    /** A backend that only knows its name. */
    private record NamedBackend(String name) implements Backend {
        @Override
        public String engineVersion() {
            return "none";
        }

        @Override
        public Network initialise(NetworkSpec spec, Task task, long seed) {
            throw new UnsupportedOperationException("discovery test backend");
        }

        @Override
        public Network transfer(Network source, TransferPlan plan, Task target, long seed) {
            throw new UnsupportedOperationException("discovery test backend");
        }

        @Override
        public Network fit(Network network, Task task, TrainingConfig config, TrainingListener listener) {
            throw new UnsupportedOperationException("discovery test backend");
        }

        @Override
        public Network load(Path directory) throws IOException {
            throw new UnsupportedOperationException("discovery test backend");
        }
    }
}
