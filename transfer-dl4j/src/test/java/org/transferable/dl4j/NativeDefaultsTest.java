package org.transferable.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

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
}
