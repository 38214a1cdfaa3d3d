package org.transferable.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The one system property the DL4J backend sets before ND4J loads, and only when the user has not set it (a value
 * given with {@code -D} always wins): {@value #PLATFORM_EXTENSION} = {@code ""} (empty), on Linux x86-64 processors
 * without AVX2. The {@code onednn} Maven profile puts ND4J's {@code linux-x86_64-onednn-avx2} natives on the class
 * path next to the plain {@code linux-x86_64} ones, and JavaCPP prefers the former whenever this property is unset.
 * ND4J exits the JVM when its natives need instructions the processor lacks, so on such a processor the empty
 * extension makes JavaCPP load the plain natives. Set the property yourself to choose the natives explicitly:
 * {@code -D}{@value #PLATFORM_EXTENSION}{@code =} for the plain ones, {@code =-onednn-avx2} for oneDNN.
 * {@link Dl4jBackend} applies this when its class initialises, so it takes effect if the backend is the first to
 * touch ND4J.
 *
 * <p>DL4J's own helper switch, {@code org.eclipse.deeplearning4j.helpers.disable}, is deliberately left alone: set to
 * {@code false} it only makes DL4J build its oneDNN helpers, fail its broken check on them and log an ERROR (see
 * {@link OneDnnHelpers}, which installs working ones without it).
 */
final class NativeDefaults {
    /** JavaCPP's choice among a preset's native builds (e.g. {@code -onednn-avx2}). */
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    private NativeDefaults() {
    }

    /**
     * Sets the property where it is unset and needed, see the class documentation, and says at INFO when
     * {@code OMP_WAIT_POLICY} is unset (the JVM cannot set it for its own native libraries).
     */
    static void apply() {
        if (System.getenv("OMP_WAIT_POLICY") == null) {
            LoggerFactory.getLogger(Dl4jBackend.class).info("OMP_WAIT_POLICY is not set, so ND4J's and oneDNN's"
                    + " OpenMP threads spin while they wait; with OMP_WAIT_POLICY=PASSIVE in the environment the"
                    + " reference network trains 1.2x faster on an idle 2-core machine and up to 3.5x on a busy one"
                    + " (transferable benchmarks/README.md)");
        }
        if (System.getProperty(PLATFORM_EXTENSION) == null
                && needsPlainNatives(System.getProperty("os.name", ""), System.getProperty("os.arch", ""), cpuFlags())) {
            System.setProperty(PLATFORM_EXTENSION, "");
        }
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
