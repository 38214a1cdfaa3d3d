package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.jna.Platform;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineSettings}: offline, thread, OpenMP and allocator settings where the user set none, the user's where
 * set.
 */
class EngineSettingsTest {

    @Test
    void configure_nothingSet_offlineAndOneIntraOpThreadPerProcessor() {
        Properties properties = new Properties();

        EngineSettings.configure(properties, 16);

        assertThat(properties).containsEntry("ai.djl.offline", "true")
                .containsEntry("ai.djl.pytorch.num_threads", "16")
                .containsEntry("ai.djl.pytorch.num_interop_threads", "1")
                .hasSize(3);
    }

    @Test
    void configure_userSettings_areKept() {
        Properties properties = new Properties();
        properties.setProperty("ai.djl.offline", "false");
        properties.setProperty("ai.djl.pytorch.num_threads", "1");
        properties.setProperty("ai.djl.pytorch.num_interop_threads", "4");

        EngineSettings.configure(properties, 16);

        assertThat(properties).containsEntry("ai.djl.offline", "false")
                .containsEntry("ai.djl.pytorch.num_threads", "1")
                .containsEntry("ai.djl.pytorch.num_interop_threads", "4");
    }

    @Test
    void openMpWaiting_nothingChosenOnLinux_spinsBriefly() {
        assertThat(EngineSettings.openMpWaiting(Map.of(), null, true, false))
                .contains(Map.entry("GOMP_SPINCOUNT", "1000"));
        assertThat(EngineSettings.openMpWaiting(Map.of(), " spin ", true, false))
                .contains(Map.entry("GOMP_SPINCOUNT", "1000"));
    }

    @Test
    void openMpWaiting_spinElsewhere_leavesTheRuntimeDefault() {
        assertThat(EngineSettings.openMpWaiting(Map.of(), null, false, false)).isEmpty();
        assertThat(EngineSettings.openMpWaiting(Map.of(), "spin", false, false)).isEmpty();
    }

    @Test
    void openMpWaiting_passive_sleepsAtOnce() {
        assertThat(EngineSettings.openMpWaiting(Map.of(), "passive", true, false))
                .contains(Map.entry("OMP_WAIT_POLICY", "PASSIVE"));
        assertThat(EngineSettings.openMpWaiting(Map.of(), " passive ", false, false))
                .contains(Map.entry("OMP_WAIT_POLICY", "PASSIVE"));
    }

    @Test
    void openMpWaiting_environmentNamesAPolicyOrWindows_changesNothing() {
        assertThat(EngineSettings.openMpWaiting(Map.of("OMP_WAIT_POLICY", "ACTIVE"), null, true, false)).isEmpty();
        assertThat(EngineSettings.openMpWaiting(Map.of("GOMP_SPINCOUNT", "0"), "spin", true, false)).isEmpty();
        assertThat(EngineSettings.openMpWaiting(Map.of(), null, false, true)).isEmpty();
    }

    @Test
    void openMpWaiting_unknownChoice_namesThePropertyAndTheAllowedValues() {
        assertThatThrownBy(() -> EngineSettings.openMpWaiting(Map.of(), "active", true, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property transferable.djl.openMpWaiting must be spin or passive, got 'active'");
    }

    @Test
    void configureMalloc_linuxWithGlibc_keepsFreedMemoryInTheHeap() {
        assumeThat(Platform.isLinux()).isTrue();
        assertThat(EngineSettings.configureMalloc(Map.of(), true))
                .containsExactly("M_MMAP_THRESHOLD", "M_TRIM_THRESHOLD", "M_TOP_PAD");
    }

    @Test
    void configureMalloc_userSetAGlibcVariable_changesNothing() {
        assertThat(EngineSettings.configureMalloc(Map.of("MALLOC_TRIM_THRESHOLD_", "0"), true)).isEmpty();
        assertThat(EngineSettings.configureMalloc(Map.of(), false)).isEmpty();
    }
}
