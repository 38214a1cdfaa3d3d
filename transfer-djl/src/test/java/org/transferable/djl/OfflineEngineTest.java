package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing downloads at run time. A fresh JVM with an empty DJL cache folder, no DJL setting from the user, and
 * every HTTP(S) connection sent to a closed local port loads the engine through the backend and trains: the
 * backend set {@code ai.djl.offline} itself, the engine is PyTorch 2.7.1, and every native library in the cache
 * is byte-for-byte the one inside the {@code pytorch-native-cpu} and {@code pytorch-jni} jars on the class path.
 * The thread settings are the backend's defaults: one intra-op thread per processor, one inter-op thread, and
 * on Linux GNU OpenMP's short spin count before a waiting thread sleeps; with
 * {@code transferable.djl.openMpWaiting=passive}, passive OpenMP waiting instead.
 */
class OfflineEngineTest {

    @Test
    void engine_loadsOfflineFromTheClasspathJarsIntoAnEmptyCache(@TempDir Path cache) throws Exception {
        Map<String, String> found = runEngineLoad(cache);

        assertThat(found).containsEntry("offlineBefore", "null")
                .containsEntry("offline", "true")
                .containsEntry("djlOfflineMode", "true")
                .containsEntry("threads", found.get("processors") + ",1")
                .containsEntry("ompWaitPolicy", "null")
                .containsEntry("gompSpinCount",
                        Platform.isLinux() ? Integer.toString(EngineSettings.SPIN_COUNT) : "null")
                .containsEntry("accuracy", "1.0");
        assertThat(found.get("engine")).isIn(List.of(DjlEngine.ONEDNN, DjlEngine.PADDED, DjlEngine.NATIVE,
                DjlEngine.ONEDNN + ", channels-last", DjlEngine.PADDED + ", channels-last").stream()
                .map(c -> "PyTorch 2.7.1 (DJL " + DjlEngine.DJL_VERSION + ", cpu, " + c + ")").toList());

        Properties natives = resourceProperties("native/lib/pytorch.properties");
        String folder = natives.getProperty("version") + "-" + natives.getProperty("flavor") + "-"
                + natives.getProperty("classifier");
        Path libtorch = cache.resolve("pytorch").resolve(folder);
        assertThat(Path.of(found.get("libtorch"))).isEqualTo(libtorch);
        List<String> expected = new ArrayList<>(List.of(natives.getProperty("libraries").split(",")));
        for (String library : expected) {
            assertSameBytes(libtorch.resolve(library), "pytorch/" + natives.getProperty("flavor") + "/"
                    + natives.getProperty("classifier") + "/" + library);
        }
        String jni = System.mapLibraryName("djl_torch");
        assertSameBytes(libtorch.resolve(DjlEngine.DJL_VERSION + "-" + jni),
                "jnilib/" + natives.getProperty("classifier") + "/cpu/" + jni);
        expected.add(DjlEngine.DJL_VERSION + "-" + jni);
        try (var files = Files.list(libtorch)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void engine_openMpWaitingPassive_setsThePassivePolicyBeforeLibtorchLoads() throws Exception {
        assumeThat(Platform.isWindows()).isFalse();

        Map<String, String> found = runEngineLoad(List.of("-D" + EngineSettings.OPENMP_WAITING + "=passive"));

        assertThat(found).containsEntry("ompWaitPolicy", "PASSIVE")
                .containsEntry("gompSpinCount", "null")
                .containsEntry("accuracy", "1.0");
    }

    private static Map<String, String> runEngineLoad(Path cache) throws IOException, InterruptedException {
        return runEngineLoad(List.of("-DENGINE_CACHE_DIR=" + cache));
    }

    private static Map<String, String> runEngineLoad(List<String> options) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(options);
        command.addAll(List.of("-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                EngineLoad.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        for (String variable : List.of("DJL_OFFLINE", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "PYTORCH_LIBRARY_PATH",
                "PYTORCH_VERSION", "PYTORCH_FLAVOR", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT")) {
            builder.environment().remove(variable);
        }
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> found = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith("[")) {
                found.put(line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        return found;
    }

    private static Properties resourceProperties(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = OfflineEngineTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(in);
        }
        return properties;
    }

    /** The cached file has the size and CRC-32 of the jar entry it was extracted from. */
    private static void assertSameBytes(Path file, String resource) throws IOException {
        URL url = OfflineEngineTest.class.getClassLoader().getResource(resource);
        assertThat(url).as(resource).isNotNull();
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        JarEntry entry = connection.getJarEntry();
        assertThat(Files.size(file)).as(file.toString()).isEqualTo(entry.getSize());
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                crc.update(buffer, 0, read);
            }
        }
        assertThat(crc.getValue()).as(file.toString()).isEqualTo(entry.getCrc());
        connection.getJarFile().close();
    }
}
