package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.jna.Platform;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@link DjlEngine#configure}: offline and thread settings where the user set none, the user's where set. */
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
