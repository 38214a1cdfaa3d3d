package org.transferable.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.data.LabelledImages;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.LayerSpec;

class PrefixCacheTest {
    private static final InputShape SHAPE = InputShape.image(1, 2, 2);
    private static final List<LayerSpec> PREFIX = List.of(ConvolutionLayer.of("conv1", 4, 1));
    private static final long SIZE = 240;

    private static float[] value() {
        return new float[(int) SIZE / Float.BYTES];
    }

    private static PrefixCache<float[]> cache(long budget) {
        return new PrefixCache<>(budget, v -> (long) v.length * Float.BYTES);
    }

    private static LabelledImages images() {
        return LabelledImages.of(SHAPE, new byte[8], new int[] {0, 1}, List.of("a", "b"));
    }

    private static PrefixCache.Key key(LabelledImages images, String digest) {
        return PrefixCache.key(images, SHAPE, PREFIX, digest, "kernels");
    }

    @Test
    void new_negativeBudget() {
        assertThatThrownBy(() -> cache(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix cache budget must not be negative, got -1 bytes");
    }

    @Test
    void get_findsByImagesIdentityPrefixDigestAndKernels() {
        PrefixCache<float[]> cache = cache(1000);
        LabelledImages images = images();
        float[] stored = value();
        cache.put(key(images, "d1"), stored);
        assertThat(cache.get(key(images, "d1"))).containsSame(stored);
        assertThat(cache.get(key(images(), "d1"))).isEmpty();
        assertThat(cache.get(key(images, "d2"))).isEmpty();
        assertThat(cache.get(PrefixCache.key(images, SHAPE, PREFIX, "d1", "other kernels"))).isEmpty();
        assertThat(cache.get(PrefixCache.key(images, SHAPE, List.of(), "d1", "kernels"))).isEmpty();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(4);
    }

    @Test
    void put_evictsLeastRecentlyUsedToStayWithinBudget() {
        PrefixCache<float[]> cache = cache(2 * SIZE);
        LabelledImages images = images();
        cache.put(key(images, "first"), value());
        cache.put(key(images, "second"), value());
        cache.get(key(images, "first"));
        cache.put(key(images, "third"), value());
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(2 * SIZE);
        assertThat(cache.get(key(images, "second"))).isEmpty();
        assertThat(cache.get(key(images, "first"))).isPresent();
        assertThat(cache.get(key(images, "third"))).isPresent();
    }

    @Test
    void put_sameKeyReplacesWithoutCountingTwice() {
        PrefixCache<float[]> cache = cache(1000);
        LabelledImages images = images();
        cache.put(key(images, "d"), value());
        cache.put(key(images, "d"), value());
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(SIZE);
    }

    @Test
    void put_largerThanBudgetIsNotStored() {
        PrefixCache<float[]> cache = cache(SIZE - 1);
        assertThat(cache.put(key(images(), "d"), value())).isFalse();
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void size_dropsEntriesWhoseImagesWereCollected() throws InterruptedException {
        PrefixCache<float[]> cache = cache(1000);
        cache.put(key(images(), "d"), value());
        for (int i = 0; i < 50 && cache.size() > 0; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void budget_propertyMustBeANonNegativeNumber() {
        assertThat(PrefixCache.budget("12345")).isEqualTo(12345L);
        assertThat(PrefixCache.budget(" 0 ")).isZero();
        assertThat(PrefixCache.budget(null)).isEqualTo(Runtime.getRuntime().maxMemory() / 4);
        assertThatThrownBy(() -> PrefixCache.budget("2g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property transferable.prefixCache.maxBytes must be a number of bytes >= 0, got '2g'");
        assertThatThrownBy(() -> PrefixCache.budget("-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property transferable.prefixCache.maxBytes must be a number of bytes >= 0, got '-5'");
    }
}
