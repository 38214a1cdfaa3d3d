package org.transferable.dl4j;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What the DL4J backend sets before ND4J loads, each only when the user has not set it:
 * <ul>
 *   <li>The environment variable {@code OMP_WAIT_POLICY=PASSIVE} (Linux and macOS, through the C library's
 *   {@code setenv}, which the OpenMP runtime reads when ND4J's natives load): OpenMP threads that wait sleep
 *   instead of spinning. On 2 cores this trained the reference network 1.2-1.5x faster on an idle machine and up
 *   to 3.5x faster on a busy one (benchmarks/README.md). A policy in the environment is kept.</li>
 *   <li>The system property {@value #PLATFORM_EXTENSION} = {@code ""} (empty), on Linux x86-64 processors without
 *   AVX2 (a value given with {@code -D} always wins).</li>
 * </ul>
 * The second point in detail. The {@code onednn} Maven profile puts ND4J's {@code linux-x86_64-onednn-avx2} natives on
 * the class
 * path next to the plain {@code linux-x86_64} ones, and JavaCPP prefers the former whenever this property is unset.
 * ND4J exits the JVM when its natives need instructions the processor lacks, so on such a processor the empty
 * extension makes JavaCPP load the plain natives. Set the property yourself to choose the natives explicitly:
 * {@code -D}{@value #PLATFORM_EXTENSION}{@code =} for the plain ones, {@code =-onednn-avx2} for oneDNN.
 * {@link Dl4jEngine} applies this when its class initialises, so it takes effect if the engine is the first to
 * touch ND4J.
 *
 * <p>DL4J's own helper switch, {@code org.eclipse.deeplearning4j.helpers.disable}, is deliberately left alone: set to
 * {@code false} it only makes DL4J build its oneDNN helpers, fail its broken check on them and log an ERROR (see
 * {@link OneDnnHelpers}, which installs working ones without it).
 */
final class NativeDefaults {
    /** JavaCPP's choice among a preset's native builds (e.g. {@code -onednn-avx2}). */
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    /** The OpenMP runtime's waiting policy, an environment variable. */
    static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";

    private NativeDefaults() {
    }

    /** Sets what is unset and needed, see the class documentation. */
    static void apply() {
        preferPassiveWaiting(System.getenv());
        if (System.getProperty(PLATFORM_EXTENSION) == null
                && needsPlainNatives(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                        cpuFlags())) {
            System.setProperty(PLATFORM_EXTENSION, "");
        }
    }

    /**
     * Sets {@code OMP_WAIT_POLICY=PASSIVE} in the process environment unless the user set a policy or the OS is
     * Windows.
     *
     * @param environment the environment the JVM started with
     * @return whether it was set
     */
    static boolean preferPassiveWaiting(Map<String, String> environment) {
        if (environment.containsKey(OMP_WAIT_POLICY) || Platform.isWindows()) {
            return false;
        }
        return C.LIBRARY.setenv(OMP_WAIT_POLICY, "PASSIVE", 0) == 0;
    }

    /** @return the variable's value in the process's C environment (which {@link System#getenv} does not see change) */
    static String nativeEnvironment(String name) {
        return C.LIBRARY.getenv(name);
    }

    /** The C library's environment: the JVM cannot change its own, and ND4J's natives read only that one. */
    private interface C extends Library {
        C LIBRARY = Native.load(Platform.C_LIBRARY_NAME, C.class);

        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /**
     * Whether JavaCPP must be kept off the oneDNN/AVX2 natives.
     *
     * @param osName {@code os.name}
     * @param osArch {@code os.arch}
     * @param cpuFlags the processor's flags separated by spaces, as in /proc/cpuinfo
     * @return true on Linux x86-64 without AVX2
     */
    static boolean needsPlainNatives(String osName, String osArch, String cpuFlags) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean linuxX86 = os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
        return linuxX86 && !(" " + cpuFlags + " ").contains(" avx2 ");
    }

    /**
     * @return the flags of /proc/cpuinfo, or {@code "avx2"} when they cannot be read (then JavaCPP chooses as it
     *     always does)
     */
    private static String cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .orElse("avx2");
        } catch (IOException | RuntimeException e) {
            return "avx2";
        }
    }
}
