package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.backend.PrefixCache;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.network.Network;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.Transfer;

/**
 * Training a frozen transfer on cached prefix outputs gives exactly what training from the images gives: the same
 * parameters, bit for bit, and the same losses, epoch by epoch. The plain path is a backend whose cache budget is 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrozenPrefixTrainerTest {
    /** conv, conv, dense with dropout on its output, dense, output: n = 1, 2 freeze convolutions, n = 3 also fc3. */
    static final NetworkSpec SPEC = NetworkSpec.builder("cached", InputShape.image(1, 28, 28))
            .conv("conv1", 6, 5, Pooling.max(2, 2))
            .conv("conv2", 12, 5, Pooling.max(2, 2))
            .dense("fc3", 32, 0.5)
            .dense("fc4", 16)
            .output("fc5");
    static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(2).withBatchSize(32).withSeed(11);

    private Task taskA;
    private Task taskB;
    private Network baseA;

    @BeforeAll
    void trainBase() {
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(7, 8, 9)).apply(FashionMnistFixture.load());
        taskA = new Task("A", split.a().train().perClass(100, 1), split.a().test().perClass(50, 1));
        taskB = new Task("B", split.b().train().perClass(100, 1), split.b().test().perClass(50, 1));
        baseA = new DjlBackend(0).train(SPEC, taskA, CONFIG.withEpochs(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void fit_cachedPrefixGivesBitIdenticalWeightsAndLosses(int n) {
        DjlBackend cached = new DjlBackend(Long.MAX_VALUE);
        DjlBackend plain = new DjlBackend(0);
        Network prepared = Transfer.from(baseA).copy(n).freeze().prepare(taskB, 5);
        EpochLosses cachedLosses = new EpochLosses();
        EpochLosses plainLosses = new EpochLosses();

        Network viaCache = cached.fit(prepared, taskB, CONFIG, cachedLosses);
        Network viaImages = plain.fit(prepared, taskB, CONFIG, plainLosses);

        assertThat(viaCache.weights()).isEqualTo(viaImages.weights());
        assertThat(viaCache.weights()).isNotEqualTo(prepared.weights());
        assertThat(cachedLosses.values).hasSize(2).isEqualTo(plainLosses.values);
        assertThat(viaCache.evaluate(taskB.test())).isEqualTo(viaImages.evaluate(taskB.test()));
        assertThat(plain.prefixCache().size()).isZero();
        assertThat(cached.prefixCache().size()).isEqualTo(1);
    }

    /**
     * The reference network's shape (conv 32, conv 64, fc 256, fc 128): matrix products large enough for the engine
     * to split them across threads, where a head trained with other settings than the full network (e.g. on fewer
     * threads) would round differently.
     */
    @Test
    void fit_wideHeadCachedGivesBitIdenticalWeights() {
        NetworkSpec wide = NetworkSpec.builder("wide", InputShape.image(1, 28, 28))
                .conv("conv1", 32, 5, Pooling.max(2, 2))
                .conv("conv2", 64, 5, Pooling.max(2, 2))
                .dense("fc3", 256)
                .dense("fc4", 128)
                .output("fc5");
        Network base = new DjlBackend(0).initialise(wide, taskA, 3);
        Network prepared = Transfer.from(base).copy(2).freeze().prepare(taskB, 5);
        DjlBackend cached = new DjlBackend(Long.MAX_VALUE);

        Network viaCache = cached.fit(prepared, taskB, CONFIG.withBatchSize(64), TrainingListener.NONE);
        Network viaImages = new DjlBackend(0).fit(prepared, taskB, CONFIG.withBatchSize(64), TrainingListener.NONE);

        assertThat(cached.prefixCache().size()).isEqualTo(1);
        assertThat(viaCache.weights()).isEqualTo(viaImages.weights());
    }

    @Test
    void train_cachesEveryBatchInvariantFrozenLayer() {
        FrozenPrefixTrainer.Outcome outcome = trainPrepared(3, new PrefixCache<>(Long.MAX_VALUE, PrefixFeatures::bytes));
        assertThat(outcome.cachedLayers()).isEqualTo(EXPECTED_CACHED_OF_3);
        assertThat(outcome.reused()).isFalse();
        assertThat(outcome.reason()).isEqualTo("trained layers " + (EXPECTED_CACHED_OF_3 + 1)
                + "..5 on newly cached outputs of frozen layers 1.." + EXPECTED_CACHED_OF_3);
    }

    @Test
    void train_overBudgetTrainsFromTheImagesAndSaysWhy() {
        PrefixCache<PrefixFeatures> tiny = new PrefixCache<>(1000, PrefixFeatures::bytes);
        FrozenPrefixTrainer.Outcome outcome = trainPrepared(2, tiny);
        assertThat(outcome.cachedLayers()).isZero();
        assertThat(outcome.reason()).isEqualTo("the outputs of frozen layers 1..2 would take 0.2 MiB, over the prefix "
                + "cache's budget of 0.0 MiB (system property transferable.prefixCache.maxBytes)");
        assertThat(tiny.size()).isZero();
    }

    @Test
    void fit_overBudgetGivesTheSameNetworkAsTheCache() {
        Network prepared = Transfer.from(baseA).copy(2).freeze().prepare(taskB, 5);
        Network tiny = new DjlBackend(1000).fit(prepared, taskB, CONFIG, TrainingListener.NONE);
        Network cached = new DjlBackend(Long.MAX_VALUE).fit(prepared, taskB, CONFIG, TrainingListener.NONE);
        assertThat(tiny.weights()).isEqualTo(cached.weights());
    }

    @Test
    void fit_reusedOutputsGiveWhatTheImagesGive() {
        DjlBackend backend = new DjlBackend(Long.MAX_VALUE);
        Network prepared = Transfer.from(baseA).copy(2).freeze().prepare(taskB, 5);
        backend.fit(prepared, taskB, CONFIG, TrainingListener.NONE);
        Network reused = backend.fit(prepared, taskB, CONFIG.withSeed(12), TrainingListener.NONE);
        Network plain = new DjlBackend(0).fit(prepared, taskB, CONFIG.withSeed(12), TrainingListener.NONE);
        assertThat(backend.prefixCache().hits()).isEqualTo(1);
        assertThat(reused.weights()).isEqualTo(plain.weights());
    }

    @Test
    void train_anEntryForFewerFrozenLayersIsNotReused() {
        PrefixCache<PrefixFeatures> cache = new PrefixCache<>(Long.MAX_VALUE, PrefixFeatures::bytes);
        trainPrepared(1, cache);
        FrozenPrefixTrainer.Outcome outcome = trainPrepared(2, cache);
        // the probe runs again and finds both convolutions, as it would with an empty cache: the result does not
        // depend on which cells ran before
        assertThat(outcome.cachedLayers()).isEqualTo(2);
        assertThat(outcome.reused()).isFalse();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void fit_reusesABaseNetworksCachedOutputsAcrossCells() {
        DjlBackend backend = new DjlBackend(Long.MAX_VALUE);
        Transfer a2b = Transfer.from(baseA).copy(2).freeze();
        backend.fit(a2b.prepare(taskB, 1), taskB, CONFIG, TrainingListener.NONE);
        backend.fit(a2b.prepare(taskB, 2), taskB, CONFIG.withSeed(12), TrainingListener.NONE);
        assertThat(backend.prefixCache().hits()).isEqualTo(1);
        assertThat(backend.prefixCache().size()).isEqualTo(1);

        backend.fit(Transfer.from(baseA).copy(1).freeze().prepare(taskB, 1), taskB, CONFIG, TrainingListener.NONE);
        Task otherImages = new Task("B", taskB.train().perClass(60, 2), taskB.test());
        backend.fit(a2b.prepare(otherImages, 1), otherImages, CONFIG, TrainingListener.NONE);
        assertThat(backend.prefixCache().hits()).isEqualTo(1);
        assertThat(backend.prefixCache().size()).isEqualTo(3);
    }

    @Test
    void fit_fineTunedTransferIsNotCached() {
        DjlBackend backend = new DjlBackend(Long.MAX_VALUE);
        backend.fit(Transfer.from(baseA).copy(2).fineTune().prepare(taskB, 1), taskB, CONFIG, TrainingListener.NONE);
        assertThat(backend.prefixCache().size()).isZero();
        assertThat(backend.prefixCache().misses()).isZero();
    }

    /** How many of 3 frozen layers (conv, conv, dense) PyTorch computes batch-invariantly on this CPU. */
    private static final int EXPECTED_CACHED_OF_3 = 3;

    private FrozenPrefixTrainer.Outcome trainPrepared(int n, PrefixCache<PrefixFeatures> cache) {
        Network prepared = Transfer.from(baseA).copy(n).freeze().prepare(taskB, 5);
        try (NetworkBlocks blocks = NetworkBlocks.build(LayerLayout.of(SPEC, 3), prepared.weights(), n,
                new SplittableRandom(CONFIG.seed()).split())) {
            return FrozenPrefixTrainer.train(blocks, SPEC, prepared.weights(), n, taskB.train(), CONFIG,
                    TrainingListener.NONE, cache, "test");
        }
    }

    /** Records each epoch's mean loss. */
    static final class EpochLosses implements TrainingListener {
        final List<Double> values = new ArrayList<>();

        @Override
        public void onEpoch(int epoch, double meanLoss) {
            values.add(meanLoss);
        }
    }
}
