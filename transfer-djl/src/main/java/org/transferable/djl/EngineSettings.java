package org.transferable.djl;

import ai.djl.engine.Engine;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings made before DJL's PyTorch engine loads. DJL reads its settings from system properties once, when its
 * {@code Engine} class initialises, and libtorch's OpenMP runtime reads its environment once, when it loads; so
 * this class sets them first, and only where the user has not:
 * <ul>
 *   <li>{@code ai.djl.offline=true}: nothing is downloaded at run time. libtorch and DJL's JNI library come from
 *   the {@code pytorch-native-cpu} and {@code pytorch-jni} jars on the class path and are extracted to DJL's cache
 *   folder ({@code ~/.djl.ai/pytorch}, or the folder in {@code ENGINE_CACHE_DIR}) on first use. Offline mode also
 *   stops DJL's start-up telemetry, which would otherwise query the cloud metadata service.</li>
 *   <li>{@code ai.djl.pytorch.num_threads} = the processor count (PyTorch's intra-op threads; its own default
 *   counts physical cores) and {@code ai.djl.pytorch.num_interop_threads} = 1 (one network trains at a time;
 *   inter-op threads only serve asynchronous graph forks).</li>
 *   <li>How libtorch's OpenMP threads wait between parallel regions, set in the C environment before libtorch
 *   loads, unless the environment names {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT}. By default, on Linux,
 *   where DJL's libtorch bundles GNU OpenMP, {@code GOMP_SPINCOUNT=}{@value #SPIN_COUNT}: a waiting thread spins
 *   that many times before it sleeps, so that the next operation of a step, microseconds later, finds it awake (as
 *   PyTorch's threads do, with GNU OpenMP's default of 300,000; {@value #SPIN_COUNT} is GNU OpenMP's own count for
 *   threads that outnumber the processors under an active policy). With the system property
 *   {@value #OPENMP_WAITING}{@code =passive}, {@code OMP_WAIT_POLICY=PASSIVE}: it sleeps at once. Measured on 2
 *   cores of an AMD EPYC (Zen 5), training the reference network with 2 threads (images/s of the epoch after the
 *   first, benchmarks/README.md): on a quiet machine {@value #SPIN_COUNT} spins gave the gain of 30,000 (this
 *   option's count, opt-in, until 2026-12-03) over passive waiting, 1.12-1.39x training all layers, 1.27-1.69x with
 *   the convolutions frozen and 1.81-2.40x for a dense head on cached features (5 pairs back to back); with another
 *   process busy on one of the two cores, 0.72-1.01x, 0.62-0.82x and 0.49-0.61x (4 pairs), where 30,000 fell to
 *   0.20x, 0.15x and 0.11x: the spinning thread keeps its core while the thread it waits for
 *   shares the other with the busy process. Hence spinning briefly by default, and passive waiting for a machine
 *   shared with busy processes. The numbers a fit computes are the same either way; a study's workers run one
 *   thread each and have no threads to wait for.</li>
 * </ul>
 * It also tunes glibc's allocator for libtorch's per-step buffers, see {@link #configureMalloc}.
 * A value the user set (a system property; {@code DJL_OFFLINE}, {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT}
 * in the environment) is kept. If other code loaded DJL's engine earlier in the same JVM, its settings stay in force.
 */
final class EngineSettings {
    static final String ENGINE_NAME = "PyTorch";
    static final String OFFLINE = "ai.djl.offline";
    static final String INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";
    static final String INTER_OP_THREADS = "ai.djl.pytorch.num_interop_threads";
    static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";
    static final String GOMP_SPINCOUNT = "GOMP_SPINCOUNT";
    /** System property: {@code spin} (the default) or {@code passive}, how OpenMP threads wait. */
    static final String OPENMP_WAITING = "transferable.djl.openMpWaiting";
    /** How many times a waiting GNU OpenMP thread spins before it sleeps, unless {@value #OPENMP_WAITING}=passive. */
    static final int SPIN_COUNT = 1_000;
    /** glibc's environment variables for the options {@link #configureMalloc} sets; any of them set: none is. */
    static final List<String> MALLOC_VARIABLES = List.of("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_",
            "MALLOC_TOP_PAD_");
    /** System property: {@code false} leaves glibc's allocator at its defaults (see {@link #configureMalloc}). */
    static final String TUNE_MALLOC = "transferable.djl.tuneMalloc";
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int M_PERTURB = -6;

    private EngineSettings() {
    }

    /**
     * Applies the settings, then loads DJL's PyTorch engine (once per JVM; later calls return it).
     *
     * @return the engine
     */
    static Engine load() {
        configure(System.getProperties(), Runtime.getRuntime().availableProcessors());
        configureOpenMp(System.getenv());
        configureMalloc(System.getenv(), Platform.isLinux());
        return Engine.getEngine(ENGINE_NAME);
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

    /**
     * Sets how OpenMP threads wait ({@link #openMpWaiting}) in the process environment.
     *
     * @param environment the environment the JVM started with
     */
    static void configureOpenMp(Map<String, String> environment) {
        openMpWaiting(environment, System.getProperty(OPENMP_WAITING), Platform.isLinux(), Platform.isWindows())
                .ifPresent(setting -> C.LIBRARY.setenv(setting.getKey(), setting.getValue(), 0));
    }

    /**
     * @param waiting the value of {@value #OPENMP_WAITING}, or null
     * @return {@code spin} (also for null) or {@code passive}
     * @throws IllegalArgumentException when it is neither, naming the property and the allowed values
     */
    static String openMpChoice(String waiting) {
        String choice = waiting == null ? "spin" : waiting.trim();
        if (!List.of("spin", "passive").contains(choice)) {
            throw new IllegalArgumentException("system property " + OPENMP_WAITING + " must be spin or passive, got '"
                    + waiting + "'");
        }
        return choice;
    }

    /**
     * @param environment the environment the JVM started with
     * @param waiting the value of {@value #OPENMP_WAITING}: {@code spin}, {@code passive}, or null for spin
     * @param linux whether the OS is Linux (GNU OpenMP in DJL's libtorch)
     * @param windows whether it is Windows (no C environment to set before libtorch loads)
     * @return the variable to set: {@code OMP_WAIT_POLICY=PASSIVE}, or {@code GOMP_SPINCOUNT=}{@value #SPIN_COUNT}
     *     for {@code spin} on Linux; none for {@code spin} elsewhere (the OpenMP runtime's own default), on Windows,
     *     or when the environment names either variable
     * @throws IllegalArgumentException when {@code waiting} is neither {@code spin} nor {@code passive}
     */
    static Optional<Map.Entry<String, String>> openMpWaiting(Map<String, String> environment, String waiting,
            boolean linux, boolean windows) {
        String choice = openMpChoice(waiting);
        if (environment.containsKey(OMP_WAIT_POLICY) || environment.containsKey(GOMP_SPINCOUNT) || windows) {
            return Optional.empty();
        }
        if (choice.equals("passive")) {
            return Optional.of(Map.entry(OMP_WAIT_POLICY, "PASSIVE"));
        }
        return linux ? Optional.of(Map.entry(GOMP_SPINCOUNT, Integer.toString(SPIN_COUNT))) : Optional.empty();
    }

    /**
     * Keeps freed memory in the C heap instead of returning it to the OS after every step (glibc on Linux only; not
     * if the environment sets any of glibc's {@code MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_},
     * {@code MALLOC_TOP_PAD_}, nor with the system property {@value #TUNE_MALLOC}{@code =false}): libtorch allocates
     * each step's activations and gradients afresh, and with glibc's
     * defaults every large buffer is a fresh {@code mmap} whose pages fault in and are zeroed by the kernel (13% of
     * the time when training the reference network). Large blocks up to 32 MiB then come from the heap, which is
     * trimmed only when 1 GiB is free at its top; the process keeps that much more memory. Measured: training all
     * layers 1,163-1,178 -> 1,326-1,376 images/s, a cached head 5,222-5,423 -> 5,996-6,045 (benchmarks/README.md).
     *
     * @param environment the environment the JVM started with
     * @param linux whether the OS is Linux
     * @return the options that were set, e.g. {@code [M_MMAP_THRESHOLD, M_TRIM_THRESHOLD, M_TOP_PAD]}; empty when
     *     none
     */
    static List<String> configureMalloc(Map<String, String> environment, boolean linux) {
        if (!linux || MALLOC_VARIABLES.stream().anyMatch(environment::containsKey)
                || "false".equalsIgnoreCase(System.getProperty(TUNE_MALLOC, "true").trim())) {
            return List.of();
        }
        List<String> set = new ArrayList<>();
        try {
            if (C.LIBRARY.mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1) {
                set.add("M_MMAP_THRESHOLD");
            }
            if (C.LIBRARY.mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1) {
                set.add("M_TRIM_THRESHOLD");
            }
            if (C.LIBRARY.mallopt(M_TOP_PAD, 64 << 20) == 1) {
                set.add("M_TOP_PAD");
            }
        } catch (UnsatisfiedLinkError e) {
            // a C library without mallopt (not glibc): keep its defaults
        }
        return List.copyOf(set);
    }

    /**
     * Makes glibc fill every block it hands out with a non-zero pattern ({@code byte} complemented), or stops it
     * (0); used only while the self-check runs, so that a kernel that reads memory it never wrote gets garbage instead
     * of the zeros fresh pages hold, and fails the check every time rather than by chance ({@link DjlEngine}).
     *
     * @param pattern the byte glibc's {@code M_PERTURB} takes, or 0 for off
     * @return whether the C library has the option (glibc on Linux)
     */
    static boolean perturbMalloc(int pattern) {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            return C.LIBRARY.mallopt(M_PERTURB, pattern) == 1;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** The C library's {@code setenv} and {@code mallopt}: libtorch reads the C environment and allocates with C. */
    private interface C extends Library {
        C LIBRARY = Native.load(Platform.C_LIBRARY_NAME, C.class);

        int setenv(String name, String value, int overwrite);

        int mallopt(int param, int value);
    }
}
