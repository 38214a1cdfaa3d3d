package org.transferable.djl;

import ai.djl.engine.Engine;
import java.util.Properties;

/**
 * DJL's PyTorch engine, configured before it loads. DJL reads its settings from system properties once, when its
 * {@code Engine} class initialises, so this class sets them first, and only where the user has not:
 * <ul>
 *   <li>{@code ai.djl.offline=true}: nothing is downloaded at run time; libtorch and DJL's JNI library come from
 *   the {@code pytorch-native-cpu} and {@code pytorch-jni} jars on the class path and are extracted to DJL's cache
 *   folder ({@code ~/.djl.ai/pytorch}, or {@code ENGINE_CACHE_DIR}) on first use. Offline mode also stops DJL's
 *   start-up telemetry, which would otherwise query the cloud metadata service;</li>
 *   <li>{@code ai.djl.pytorch.num_threads} = the machine's processor count (PyTorch's intra-op threads; PyTorch's
 *   own default counts physical cores, one on a two-vCPU machine) and {@code ai.djl.pytorch.num_interop_threads}
 *   = 1 (one network trains at a time; inter-op threads only serve asynchronous graph forks).</li>
 * </ul>
 * A value the user set (as a system property, or {@code DJL_OFFLINE} in the environment, which DJL lets win) is
 * kept. If other code loaded DJL's engine earlier in the same JVM, its settings stay in force.
 */
final class DjlEngine {
    static final String ENGINE_NAME = "PyTorch";
    static final String OFFLINE = "ai.djl.offline";
    static final String INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";
    static final String INTER_OP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private DjlEngine() {
    }

    /** @return the PyTorch engine, loaded on first call after {@link #configure} */
    static Engine get() {
        return Loaded.ENGINE;
    }

    /**
     * Sets DJL's properties where absent.
     *
     * @param properties the system properties (a parameter so that tests can pass their own)
     * @param processors the processor count
     */
    static void configure(Properties properties, int processors) {
        properties.putIfAbsent(OFFLINE, "true");
        properties.putIfAbsent(INTRA_OP_THREADS, Integer.toString(Math.max(1, processors)));
        properties.putIfAbsent(INTER_OP_THREADS, "1");
    }

    /** Initialised on first use only, so that the properties are set before DJL's {@code Engine} class loads. */
    private static final class Loaded {
        static final Engine ENGINE = load();

        private static Engine load() {
            configure(System.getProperties(), Runtime.getRuntime().availableProcessors());
            return Engine.getEngine(ENGINE_NAME);
        }
    }
}
