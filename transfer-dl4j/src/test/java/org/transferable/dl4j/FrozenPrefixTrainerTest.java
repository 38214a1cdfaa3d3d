package org.transferable.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.ArrayList;
import java.util.List;
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
 * Training a frozen transfer on cached prefix outputs gives exactly what training the full network gives: the same
 * parameters, bit for bit, and the same losses, epoch by epoch. The plain path is a backend whose cache budget is 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrozenPrefixTrainerTest {
    /** conv, conv, dense with dropout on its output, dense, output: n = 1, 2 cache convolutions, n = 3 also freezes a dense layer. */
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
        baseA = new Dl4jBackend(0).train(SPEC, taskA, CONFIG.withEpochs(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void fit_cachedPrefixGivesBitIdenticalWeightsAndLosses(int n) {
        Dl4jBackend cached = new Dl4jBackend(Long.MAX_VALUE);
        Dl4jBackend plain = new Dl4jBackend(0);
        Network prepared = Transfer.from(baseA).copy(n).freeze().prepare(taskB, 5);
        EpochLosses cachedLosses = new EpochLosses();
        EpochLosses plainLosses = new EpochLosses();

        Network viaCache = cached.fit(prepared, taskB, CONFIG, cachedLosses);
        Network viaFullNetwork = plain.fit(prepared, taskB, CONFIG, plainLosses);

        assertThat(viaCache.weights()).isEqualTo(viaFullNetwork.weights());
        assertThat(cachedLosses.values).hasSize(2).isEqualTo(plainLosses.values);
        assertThat(viaCache.evaluate(taskB.test())).isEqualTo(viaFullNetwork.evaluate(taskB.test()));
        assertThat(plain.prefixCache().size()).isZero();
        // With oneDNN the convolutions were cached; DL4J's built-in im2col convolution is not batch-invariant, so
        // without oneDNN nothing can be cached exactly and both backends trained the full network.
        assertThat(cached.prefixCache().size()).isEqualTo(OneDnnHelpers.available() ? 1 : 0);
    }

    @Test
    void train_cachesConvolutionsButNotAFrozenDenseLayer() {
        assumeThat(OneDnnHelpers.available()).as("oneDNN helpers (batch-invariant convolutions)").isTrue();
        FrozenPrefixTrainer.Outcome outcome = trainPrepared(3, new PrefixCache<>(Long.MAX_VALUE, PrefixFeatures::bytes));
        // OpenBLAS rounds a matrix product's rows differently for different batch sizes, so fc3 stays in the head.
        assertThat(outcome.cachedLayers()).isEqualTo(2);
        assertThat(outcome.reason()).isEqualTo("trained layers 3..5 on newly cached outputs of frozen layers 1..2");
    }

    @Test
    void train_overBudgetFallsBackToTheFullNetworkAndSaysWhy() {
        assumeThat(OneDnnHelpers.available()).as("oneDNN helpers (batch-invariant convolutions)").isTrue();
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
        Network tiny = new Dl4jBackend(1000).fit(prepared, taskB, CONFIG, TrainingListener.NONE);
        Network cached = new Dl4jBackend(Long.MAX_VALUE).fit(prepared, taskB, CONFIG, TrainingListener.NONE);
        assertThat(tiny.weights()).isEqualTo(cached.weights());
    }

    @Test
    void fit_reusedOutputsGiveWhatTheImagesGive() {
        assumeThat(OneDnnHelpers.available()).as("oneDNN helpers (batch-invariant convolutions)").isTrue();
        Dl4jBackend backend = new Dl4jBackend(Long.MAX_VALUE);
        Network prepared = Transfer.from(baseA).copy(2).freeze().prepare(taskB, 5);
        backend.fit(prepared, taskB, CONFIG, TrainingListener.NONE);
        Network reused = backend.fit(prepared, taskB, CONFIG.withSeed(12), TrainingListener.NONE);
        Network plain = new Dl4jBackend(0).fit(prepared, taskB, CONFIG.withSeed(12), TrainingListener.NONE);
        assertThat(backend.prefixCache().hits()).isEqualTo(1);
        assertThat(reused.weights()).isEqualTo(plain.weights());
    }

    @Test
    void train_anEntryForFewerFrozenLayersIsNotReused() {
        assumeThat(OneDnnHelpers.available()).as("oneDNN helpers (batch-invariant convolutions)").isTrue();
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
        Dl4jBackend backend = new Dl4jBackend(Long.MAX_VALUE);
        assumeThat(OneDnnHelpers.available()).as("oneDNN helpers (batch-invariant convolutions)").isTrue();
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

    private FrozenPrefixTrainer.Outcome trainPrepared(int n, PrefixCache<PrefixFeatures> cache) {
        Network prepared = Transfer.from(baseA).copy(n).freeze().prepare(taskB, 5);
        ModelFactory.Built built = ModelFactory.build(SPEC, 3, n, CONFIG, CONFIG.seed());
        built.network().setParams(((Dl4jNetwork) prepared).model().params().dup());
        return FrozenPrefixTrainer.train(built, SPEC, n, taskB.train(), CONFIG, TrainingListener.NONE, cache);
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
