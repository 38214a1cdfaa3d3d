package org.transferable.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.data.LabelledImages;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.LayerSpec;

/** {@link PrefixCache}: keys by identity and content, a weight bound in bytes, entries that die with their images. */
class PrefixCacheTest {
    private static final InputShape SHAPE = InputShape.image(1, 2, 2);
    private static final List<LayerSpec> PREFIX = List.of(ConvolutionLayer.of("conv1", 4, 1));
    /** Two examples of 127 values plus their labels: exactly 1 KiB. */
    private static final int EXAMPLE = 127;
    private static final long SIZE = 1024;

    private static LabelledImages images() {
        return LabelledImages.of(SHAPE, new byte[8], new int[] {0, 1}, List.of("a", "b"));
    }

    private static CachedOutputs value(LabelledImages images) {
        return new CachedOutputs(new float[2 * EXAMPLE], images, EXAMPLE);
    }

    private static PrefixCache.Key key(PrefixCache cache, LabelledImages images, String digest) {
        return cache.key(images, SHAPE, PREFIX, digest, "kernels");
    }

    @Test
    void new_negativeBudget() {
        assertThatThrownBy(() -> new PrefixCache(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix cache budget must not be negative, got -1 bytes");
    }

    @Test
    void get_findsByImagesIdentityPrefixDigestAndKernels() {
        PrefixCache cache = new PrefixCache(10 * SIZE);
        LabelledImages images = images();
        CachedOutputs stored = value(images);
        assertThat(stored.bytes()).isEqualTo(SIZE);
        assertThat(cache.put(key(cache, images, "d1"), stored)).isTrue();

        assertThat(cache.get(key(cache, images, "d1"))).containsSame(stored);
        assertThat(cache.get(key(cache, images(), "d1"))).isEmpty();
        assertThat(cache.get(key(cache, images, "d2"))).isEmpty();
        assertThat(cache.get(cache.key(images, SHAPE, PREFIX, "d1", "other kernels"))).isEmpty();
        assertThat(cache.get(cache.key(images, SHAPE, List.of(), "d1", "kernels"))).isEmpty();
        assertThat(cache.stats()).isEqualTo(new PrefixCacheStats(1, 4, 1, SIZE, 10 * SIZE));
    }

    @Test
    void put_evictsToStayWithinBudget() {
        PrefixCache cache = new PrefixCache(2 * SIZE);
        LabelledImages images = images();
        for (String digest : List.of("first", "second", "third", "fourth")) {
            cache.put(key(cache, images, digest), value(images));
        }

        assertThat(cache.stats().entries()).isEqualTo(2);
        assertThat(cache.stats().bytes()).isEqualTo(2 * SIZE);
    }

    @Test
    void put_sameKeyReplacesWithoutCountingTwice() {
        PrefixCache cache = new PrefixCache(10 * SIZE);
        LabelledImages images = images();
        cache.put(key(cache, images, "d"), value(images));
        cache.put(key(cache, images, "d"), value(images));

        assertThat(cache.stats().entries()).isEqualTo(1);
        assertThat(cache.stats().bytes()).isEqualTo(SIZE);
    }

    @Test
    void put_largerThanBudgetIsNotStored() {
        PrefixCache cache = new PrefixCache(SIZE - 1);
        LabelledImages images = images();

        assertThat(cache.put(key(cache, images, "d"), value(images))).isFalse();
        assertThat(cache.stats().entries()).isZero();
    }

    @Test
    void stats_dropsEntriesWhoseImagesWereCollected() throws InterruptedException {
        PrefixCache cache = new PrefixCache(10 * SIZE);
        LabelledImages images = images();
        cache.put(key(cache, images, "d"), value(images));
        images = null;
        for (int i = 0; i < 50 && cache.stats().entries() > 0; i++) {
            System.gc();
            Thread.sleep(10);
        }

        assertThat(cache.stats().entries()).isZero();
        assertThat(cache.stats().bytes()).isZero();
    }

    @Test
    void budget_propertyMustBeANonNegativeNumber() {
        assertThat(PrefixCache.budget("12345")).isEqualTo(12345L);
        assertThat(PrefixCache.budget(" 0 ")).isZero();
        assertThat(PrefixCache.budget(null)).isEqualTo(Runtime.getRuntime().maxMemory() / 4);
        assertThatThrownBy(() -> PrefixCache.budget("2g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property transferable.prefixCache.maxBytes must be a number of bytes >= 0, "
                        + "got '2g'");
        assertThatThrownBy(() -> PrefixCache.budget("-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property transferable.prefixCache.maxBytes must be a number of bytes >= 0, "
                        + "got '-5'");
    }
}
