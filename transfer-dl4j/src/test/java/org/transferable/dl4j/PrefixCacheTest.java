package org.transferable.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.data.LabelledImages;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;

class PrefixCacheTest {
    private static final InputShape SHAPE = InputShape.image(1, 2, 2);
    private static final List<org.transferable.spec.LayerSpec> PREFIX = List.of(ConvolutionLayer.of("conv1", 4, 1));

    /** 10 examples of 4 floats and 2 classes: 240 bytes. */
    private static PrefixFeatures features() {
        return new PrefixFeatures(Nd4j.create(DataType.FLOAT, 10, 4), Nd4j.create(DataType.FLOAT, 10, 2), new long[] {4});
    }

    private static LabelledImages images() {
        return LabelledImages.of(SHAPE, new byte[8], new int[] {0, 1}, List.of("a", "b"));
    }

    @Test
    void new_negativeBudget() {
        assertThatThrownBy(() -> new PrefixCache(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix cache budget must not be negative, got -1 bytes");
    }

    @Test
    void get_findsByImagesIdentityPrefixAndDigest() {
        PrefixCache cache = new PrefixCache(1000);
        LabelledImages images = images();
        PrefixFeatures stored = features();
        cache.put(PrefixCache.key(images, SHAPE, PREFIX, "d1", true), stored);
        assertThat(cache.get(PrefixCache.key(images, SHAPE, PREFIX, "d1", true))).containsSame(stored);
        assertThat(cache.get(PrefixCache.key(images(), SHAPE, PREFIX, "d1", true))).isEmpty();
        assertThat(cache.get(PrefixCache.key(images, SHAPE, PREFIX, "d2", true))).isEmpty();
        assertThat(cache.get(PrefixCache.key(images, SHAPE, PREFIX, "d1", false))).isEmpty();
        assertThat(cache.get(PrefixCache.key(images, SHAPE, List.of(), "d1", true))).isEmpty();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(4);
    }

    @Test
    void put_evictsLeastRecentlyUsedToStayWithinBudget() {
        PrefixCache cache = new PrefixCache(2 * features().bytes());
        LabelledImages images = images();
        cache.put(PrefixCache.key(images, SHAPE, PREFIX, "first", true), features());
        cache.put(PrefixCache.key(images, SHAPE, PREFIX, "second", true), features());
        cache.get(PrefixCache.key(images, SHAPE, PREFIX, "first", true));
        cache.put(PrefixCache.key(images, SHAPE, PREFIX, "third", true), features());
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(2 * features().bytes());
        assertThat(cache.get(PrefixCache.key(images, SHAPE, PREFIX, "second", true))).isEmpty();
        assertThat(cache.get(PrefixCache.key(images, SHAPE, PREFIX, "first", true))).isPresent();
        assertThat(cache.get(PrefixCache.key(images, SHAPE, PREFIX, "third", true))).isPresent();
    }

    @Test
    void put_largerThanBudgetIsNotStored() {
        PrefixCache cache = new PrefixCache(features().bytes() - 1);
        assertThat(cache.put(PrefixCache.key(images(), SHAPE, PREFIX, "d", true), features())).isFalse();
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void size_dropsEntriesWhoseImagesWereCollected() throws InterruptedException {
        PrefixCache cache = new PrefixCache(1000);
        cache.put(PrefixCache.key(images(), SHAPE, PREFIX, "d", true), features());
        for (int i = 0; i < 50 && cache.size() > 0; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void budget_propertyMustBeANonNegativeNumber() {
        assertThat(Dl4jBackend.prefixCacheBudget("12345")).isEqualTo(12345L);
        assertThat(Dl4jBackend.prefixCacheBudget(null)).isEqualTo(Runtime.getRuntime().maxMemory() / 4);
        assertThatThrownBy(() -> Dl4jBackend.prefixCacheBudget("2g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property transferable.prefixCache.maxBytes must be a number of bytes >= 0, got '2g'");
        assertThatThrownBy(() -> Dl4jBackend.prefixCacheBudget("-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property transferable.prefixCache.maxBytes must be a number of bytes >= 0, got '-5'");
    }
}
