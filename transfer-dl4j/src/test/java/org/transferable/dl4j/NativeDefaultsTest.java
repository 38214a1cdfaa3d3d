package org.transferable.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NativeDefaultsTest {
    @Test
    void needsPlainNatives_onlyOnLinuxX86WithoutAvx2() {
        assertThat(NativeDefaults.needsPlainNatives("Linux", "amd64", "fpu sse sse2 avx")).isTrue();
        assertThat(NativeDefaults.needsPlainNatives("Linux", "amd64", "fpu sse avx avx2 fma")).isFalse();
        assertThat(NativeDefaults.needsPlainNatives("Linux", "amd64", "avx2")).isFalse();
        assertThat(NativeDefaults.needsPlainNatives("Linux", "amd64", "avx512f avx2_like")).isTrue();
        assertThat(NativeDefaults.needsPlainNatives("Mac OS X", "x86_64", "")).isFalse();
        assertThat(NativeDefaults.needsPlainNatives("Linux", "aarch64", "")).isFalse();
    }

    @Test
    void apply_leavesDl4jsHelperSwitchAlone() {
        NativeDefaults.apply();
        assertThat(System.getProperty(OneDnnHelpers.HELPERS_DISABLE)).isNull();
    }

    @Test
    void apply_noPolicyInTheEnvironment_setsPassiveWaitingBeforeNd4jLoads() throws Exception {
        assumeThat(System.getProperty("os.name")).doesNotStartWith("Windows");
        assertThat(probe(null)).isEqualTo("OMP_WAIT_POLICY=PASSIVE");
    }

    @Test
    void apply_userPolicy_isKept() throws Exception {
        assertThat(probe("ACTIVE")).isEqualTo("OMP_WAIT_POLICY=ACTIVE");
    }

    @Test
    void preferPassiveWaiting_policyAlreadySet_doesNothing() {
        assertThat(NativeDefaults.preferPassiveWaiting(Map.of("OMP_WAIT_POLICY", "ACTIVE"))).isFalse();
    }

    /** Runs {@link NativeDefaultsProbe} in a fresh JVM with the given policy (null: none) and returns its line. */
    private static String probe(String policy) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NativeDefaultsProbe.class.getName());
        builder.environment().remove("OMP_WAIT_POLICY");
        if (policy != null) {
            builder.environment().put("OMP_WAIT_POLICY", policy);
        }
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(line -> line.startsWith("OMP_WAIT_POLICY=")).findFirst().orElse(output);
    }
}
