package org.transferable.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JFR profile: samples read from a real recording, and the tables made of them. */
class JfrProfileTest {
    @TempDir
    Path dir;

    @Test
    void read_recordingOfABusyLoop_attributesItsSamplesToTheLoop() throws Exception {
        Path file = dir.resolve("busy.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            spin(System.nanoTime() + 1_000_000_000L);
            recording.stop();
            recording.dump(file);
        }

        List<JfrProfile.Sample> samples = JfrProfile.read(file);

        assertThat(samples).isNotEmpty()
                .allSatisfy(sample -> assertThat(sample.caller()).startsWith("org.transferable."));
        assertThat(samples).anySatisfy(sample -> {
            assertThat(sample.caller()).isEqualTo(JfrProfileTest.class.getName() + ".spin");
            assertThat(sample.inNative()).isFalse();
        });
    }

    @Test
    void read_missingFile_namesIt() {
        Path missing = dir.resolve("none.jfr");

        assertThatThrownBy(() -> JfrProfile.read(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JFR recording " + missing.toAbsolutePath() + " does not exist");
    }

    @Test
    void report_samples_countsTopMethodsAndNativeCallsByCallerInDescendingOrder() {
        String conv = "ai.djl.pytorch.jni.PyTorchLibrary.torchNNConvNd";
        String pool = "org.transferable.djl.NetworkBlocks.lambda$maxPool$1";
        List<JfrProfile.Sample> samples = List.of(
                new JfrProfile.Sample(true, conv, "org.transferable.djl.DjlModel.step"),
                new JfrProfile.Sample(true, conv, "org.transferable.djl.DjlModel.step"),
                new JfrProfile.Sample(true, conv, pool),
                new JfrProfile.Sample(false, "org.transferable.network.ImageInputs.batch",
                        "org.transferable.network.ImageInputs.batch"));

        String report = JfrProfile.report("x.jfr", samples, 5);

        assertThat(report).startsWith("profile of x.jfr: 4 samples of threads running our code, 1 in Java, 3 inside "
                + "native calls\n(JFR samples at most 1 thread inside a native call and 5 in Java per period: "
                + "compare native rows with native rows)\n");
        assertThat(report).containsSubsequence(
                "on top of the stack                    samples   share\n",
                "PyTorchLibrary.torchNNConvNd (native)        3   75.0%\n",
                "ImageInputs.batch                            1   25.0%\n",
                "PyTorchLibrary.torchNNConvNd <- DjlModel.step                         2   66.7%\n",
                "PyTorchLibrary.torchNNConvNd <- NetworkBlocks.lambda$maxPool$1        1   33.3%\n");
    }

    @Test
    void shorten_lambdaOfAClass_dropsThePackageAndTheGeneratedSuffix() {
        assertThat(JfrProfile.shorten("org.transferable.djl.NetworkBlocks$$Lambda$92/0x00007fb74c093c38.apply"))
                .isEqualTo("NetworkBlocks$$Lambda.apply");
        assertThat(JfrProfile.shorten("Top.run")).isEqualTo("Top.run");
    }

    /** Busy until the deadline, without calls the JIT could make the top of the stack. */
    private static double spin(long deadline) {
        double x = 1;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 1.0000001 + 1e-9;
            }
        }
        return x;
    }
}
