package org.transferable.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine a result came from, in one line: processor model and count, operating system, Java. */
final class MachineInfo {
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private MachineInfo() {
    }

    /** @return e.g. {@code AMD EPYC 9B45, 2 processors, Linux 6.8.0 amd64, Java 17.0.13} */
    static String describe() {
        return cpuModel().orElse(System.getProperty("os.arch")) + ", " + Runtime.getRuntime().availableProcessors()
                + " processors, " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }

    private static Optional<String> cpuModel() {
        if (!Files.isReadable(CPU_INFO)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(CPU_INFO)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
