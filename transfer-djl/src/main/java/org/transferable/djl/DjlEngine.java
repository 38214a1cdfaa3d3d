package org.transferable.djl;

import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.transferable.engine.Engine;
import org.transferable.engine.EngineCheck;
import org.transferable.engine.EngineModel;
import org.transferable.engine.ModelRequest;
import org.transferable.engine.ThreadLimit;

/**
 * The DJL engine on PyTorch, registered as {@code djl}: the fast CPU path. Its models are {@link NetworkBlocks}
 * (DJL blocks) trained with PyTorch's autograd and {@link SgdMomentum}; see the package documentation for what
 * freezing does to dropout and batch normalisation.
 *
 * <p>PyTorch loads once per JVM, on first use, offline and with the settings of {@link EngineSettings}; then the
 * numerical self-check ({@link EngineCheck}) chooses how libtorch runs convolutions, the first that passes of:
 * oneDNN; the same with every convolution's filters padded with zero filters to a multiple of 16
 * ({@link NetworkBlocks}); PyTorch's own kernels. On an AMD EPYC (Zen 5) oneDNN's
 * kernels for PyTorch's default layout give wrong input gradients, some NaN, whenever a convolution's filter count is
 * not a multiple of the vector width (16 with AVX-512, 8 with AVX2), and right ones when it is, or when padded; its
 * channels-last kernels are right for every count tested, and the fastest, but crashed once (see
 * {@link #channelsLast()}). So by default the two oneDNN configurations keep the default layout, and the check picks
 * the padded one there (about twice as fast in training as PyTorch's own kernels); with
 * {@value #CHANNELS_LAST}{@code =true} they run channels-last and the check picks the unpadded one. The system
 * property {@value #CONVOLUTIONS}{@code =onednn}, {@code =padded} or {@code =native} pins the choice (it is still
 * checked); {@code transferable.selfCheck=false} skips the check. {@link #version()} names the configuration.
 */
public final class DjlEngine implements Engine {
    /** The name under which {@link org.transferable.network.Backends#load(String)} finds this engine. */
    public static final String NAME = "djl";
    /** The DJL release this engine is built against. */
    static final String DJL_VERSION = "0.36.0";
    /** libtorch's default: oneDNN convolutions. */
    static final String ONEDNN = "oneDNN convolutions";
    /** oneDNN, convolutions' channels padded with zeros to multiples of 16 ({@link NetworkBlocks}). */
    static final String PADDED = "oneDNN convolutions, channels padded to 16";
    /** PyTorch's own convolution kernels (oneDNN and NNPACK off). */
    static final String NATIVE = "native convolutions";
    /**
     * System property: {@code onednn}, {@code padded} or {@code native} pins the configuration; unset, the check
     * chooses.
     */
    static final String CONVOLUTIONS = "transferable.djl.convolutions";
    /** glibc fills allocations with the complement of this byte (0x7F: 3.4e38 as a float) during the check. */
    private static final int PERTURB_PATTERN = 0x80;
    /**
     * System property: {@code true} runs oneDNN's convolutions channels-last instead of in PyTorch's default layout,
     * {@code [N, C, H, W]} in memory (see {@link #channelsLast()}); {@code false}, the default, keeps that layout.
     */
    static final String CHANNELS_LAST = "transferable.djl.channelsLast";
    /**
     * System property: {@code false} pools default-layout arrays with PyTorch's default-layout kernel instead of its
     * channels-last one ({@link #poolChannelsLast()}).
     */
    static final String POOL_CHANNELS_LAST = "transferable.djl.poolChannelsLast";
    /** The multiple convolution filters are padded to in the configuration in force: 1 (none) or 16. */
    private static volatile int filterMultiple = 1;
    /** Whether the configuration in force lays convolution inputs out channels-last. */
    private static volatile boolean channelsLast;

    /** Creates the engine; PyTorch loads and is checked on first use. */
    public DjlEngine() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return e.g. {@code PyTorch 2.7.1 (DJL 0.36.0, cpu, native convolutions)}; loads and checks the engine */
    @Override
    public String version() {
        ai.djl.engine.Engine engine = pytorch();
        return engine.getEngineName() + " " + engine.getVersion() + " (DJL " + DJL_VERSION + ", "
                + engine.defaultDevice().getDeviceType() + ", " + Loaded.DECISION.configuration() + ")";
    }

    @Override
    public EngineModel build(ModelRequest request) {
        return new DjlModel(request, filterMultiple, channelsLast);
    }

    /**
     * Lowers PyTorch's intra-op threads on the calling thread (libtorch keeps OpenMP's thread count per thread, but
     * MKL's is one per process); the thread count the engine was configured with ({@code ai.djl.pytorch.num_threads})
     * comes back when the last limit open in this JVM is closed, also for threads started later. Restoring it while
     * another thread still trains under its limit would change that thread's MKL thread count in the middle of a
     * fit, and with it the rounding of its matrix products (a Spark executor opens and closes one limit per task).
     */
    @Override
    public Optional<ThreadLimit> limitThreads(int threads) {
        pytorch();
        int configured = configuredThreads();
        OpenLimits.open(threads);
        return Optional.of(new ThreadLimit() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    OpenLimits.close(configured);
                }
            }
        });
    }

    /** The thread limits open in this JVM: the native thread counts they change are partly shared by all threads. */
    private static final class OpenLimits {
        private static int open;

        private OpenLimits() {
        }

        static synchronized void open(int threads) {
            open++;
            JniUtils.setNumThreads(threads);
        }

        static synchronized void close(int configured) {
            open--;
            if (open == 0) {
                JniUtils.setNumThreads(configured);
            }
        }
    }

    private static int configuredThreads() {
        try {
            return Math.max(1, Integer.parseInt(System.getProperty(EngineSettings.INTRA_OP_THREADS, "").trim()));
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * @return DJL's PyTorch engine, loaded and numerically checked
     * @throws org.transferable.engine.EngineCheckException when the check failed in every configuration
     * @throws IllegalArgumentException when {@value EngineSettings#OPENMP_WAITING} is neither spin nor passive
     */
    static ai.djl.engine.Engine pytorch() {
        EngineSettings.openMpChoice(System.getProperty(EngineSettings.OPENMP_WAITING));
        if (Loaded.DECISION != null) {
            Loaded.DECISION.require();
        }
        return Loaded.ENGINE;
    }

    /** @return the multiple convolution filters are padded to now: 1 (none) or 16 */
    static int filterMultiple() {
        return filterMultiple;
    }

    /**
     * Whether convolution inputs are laid out channels-last in memory ({@code [N, H, W, C]} behind the usual
     * {@code [N, C, H, W]} shape): in both oneDNN configurations with {@value #CHANNELS_LAST}{@code =true}; off by
     * default, because on an AMD EPYC (Zen 5) oneDNN's channels-last backward convolution once crashed the JVM
     * (SIGSEGV in {@code brgemm_convolution_bwd_t}, a null pointer in {@code init_batch}) in about 15 test-suite runs
     * and thousands of trainings that otherwise gave right numbers.
     * PyTorch then keeps every convolution, ReLU and pooling output in that layout. Measured on an AMD EPYC (Zen 5):
     * max pooling a {@code [64, 32, 24, 24]} array took 3.8 ms in the default layout (a branching scalar loop), more
     * than the convolution before it (0.46 ms), and 0.24 ms channels-last; the study of the speed issue trained in
     * 31.8 s instead of 61.0 s with padded default-layout convolutions (benchmarks/README.md). The arithmetic of
     * oneDNN's kernels differs between layouts, so results agree with the default layout's within float rounding,
     * not bit for bit; within one layout they are deterministic.
     *
     * @return whether the configuration in force uses channels-last inputs
     */
    static boolean channelsLast() {
        return channelsLast;
    }

    /**
     * @return whether models in the default layout pool through PyTorch's channels-last kernel (copies in and out of
     *     that layout around each max pooling; the convolutions stay in the default layout); {@code true} unless
     *     {@value #POOL_CHANNELS_LAST}{@code =false}
     */
    static boolean poolChannelsLast() {
        return !"false".equalsIgnoreCase(System.getProperty(POOL_CHANNELS_LAST, "true").trim());
    }

    /** @return the configuration's name, with the layout when it is channels-last */
    private static String named(String configuration, boolean layout) {
        return layout ? configuration + ", channels-last" : configuration;
    }

    /** Chooses the configuration; runs once, while {@link Loaded} initialises. */
    private static String check() {
        var flags = LibTorchFlags.find();
        String layout = System.getProperty(CHANNELS_LAST, "false").trim();
        if (!List.of("true", "false").contains(layout)) {
            throw new IllegalArgumentException("system property " + CHANNELS_LAST + " must be true or false, got '"
                    + layout + "'");
        }
        boolean last = Boolean.parseBoolean(layout);
        String pinned = System.getProperty(CONVOLUTIONS, "").trim();
        if (!List.of("", "onednn", "padded", "native").contains(pinned)) {
            throw new IllegalArgumentException("system property " + CONVOLUTIONS + " must be onednn, padded or "
                    + "native, got '" + pinned + "'");
        }
        List<EngineCheck.Candidate> candidates = new ArrayList<>();
        if (pinned.isEmpty() || pinned.equals("onednn")) {
            candidates.add(new EngineCheck.Candidate(named(ONEDNN, last), () -> {
                filterMultiple = 1;
                channelsLast = last;
                flags.ifPresent(f -> f.setOneDnn(true));
            }));
        }
        if (pinned.isEmpty() || pinned.equals("padded")) {
            candidates.add(new EngineCheck.Candidate(named(PADDED, last), () -> {
                filterMultiple = 16;
                channelsLast = last;
                flags.ifPresent(f -> f.setOneDnn(true));
            }));
        }
        if (flags.isPresent() && (pinned.isEmpty() || pinned.equals("native"))) {
            candidates.add(new EngineCheck.Candidate(NATIVE, () -> {
                filterMultiple = 1;
                channelsLast = false;
                flags.get().setOneDnn(false);
            }));
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("system property " + CONVOLUTIONS + "=native needs libtorch's "
                    + "at::Context switches, which this platform's libtorch does not export");
        }
        boolean perturbed = EngineSettings.perturbMalloc(PERTURB_PATTERN);
        try {
            return EngineCheck.select(NAME, candidates, EngineCheck.probe(new DjlEngine())).chosen().name();
        } finally {
            if (perturbed) {
                EngineSettings.perturbMalloc(0);
            }
        }
    }

    /**
     * The engine, loaded on first use only, so that {@link EngineSettings} are made before DJL's {@code Engine} class
     * loads; then checked once, before anything else uses it (the check's own models get the engine while this class
     * initialises, on the same thread).
     */
    private static final class Loaded {
        static final ai.djl.engine.Engine ENGINE = EngineSettings.load();
        /** Null while the check runs (its own models use the engine then). */
        static final EngineCheck.Decision DECISION = EngineCheck.Decision.of(DjlEngine::check);
    }
}
