package org.transferable.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.engine.Batch;
import org.transferable.engine.Engine;
import org.transferable.engine.EngineModel;
import org.transferable.engine.LayerTraining;
import org.transferable.engine.ModelRequest;
import org.transferable.engine.SolverStep;
import org.transferable.network.Backend;
import org.transferable.network.Network;
import org.transferable.plan.TransferPlan;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.OutputLayer;
import org.transferable.spec.Pooling;
import org.transferable.train.CachedPrefix;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.Transfer;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.NetworkWeights;

/**
 * What freezing means on every engine, and what computing frozen layers once must not change: frozen layers get no
 * gradient and no update; dropout is off between frozen layers and on at the boundary; batch normalisation in a
 * frozen layer keeps its running statistics; a frozen transfer trained on cached outputs of its frozen layers gives
 * the weights and losses of one trained from the images, bit for bit, whatever ran before; networks with dropout and
 * batch normalisation train identically on two threads at once. A backend module extends this class and says which
 * engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FrozenLayersContractTest {
    /** conv, conv, dense with dropout on its output, dense, output: n = 1, 2 freeze convolutions, n = 3 also fc3. */
    private static final NetworkSpec SPEC = NetworkSpec.builder("cached", InputShape.image(1, 28, 28))
            .conv("conv1", 6, 5, Pooling.max(2, 2))
            .conv("conv2", 12, 5, Pooling.max(2, 2))
            .dense("fc3", 32, 0.5)
            .dense("fc4", 16)
            .output("fc5");
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(2).withBatchSize(32).withSeed(11);

    private Task taskA;
    private Task taskB;
    private Network baseA;

    /** @return the engine under test */
    protected abstract Engine engine();

    private Backend plain() {
        return Backend.of(engine(), 0);
    }

    private Backend cached() {
        return Backend.of(engine(), Long.MAX_VALUE);
    }

    @BeforeAll
    void trainBase() {
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(7, 8, 9)).apply(FashionMnistFixture.load());
        taskA = new Task("A", split.a().train().perClass(100, 1), split.a().test().perClass(50, 1));
        taskB = new Task("B", split.b().train().perClass(100, 1), split.b().test().perClass(50, 1));
        baseA = plain().train(SPEC, taskA, CONFIG.withEpochs(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void fit_cachedPrefixGivesBitIdenticalWeightsAndLosses(int n) {
        Backend cached = cached();
        Network prepared = Transfer.from(baseA).copy(n).freeze().prepare(taskB, 5);
        Recorder viaCacheEvents = new Recorder();
        Recorder viaImagesEvents = new Recorder();

        Network viaCache = cached.fit(prepared, taskB, CONFIG, viaCacheEvents);
        Network viaImages = plain().fit(prepared, taskB, CONFIG, viaImagesEvents);

        assertThat(viaCache.weights()).isEqualTo(viaImages.weights());
        assertThat(viaCache.weights()).isNotEqualTo(prepared.weights());
        assertThat(viaCacheEvents.losses).hasSize(2).isEqualTo(viaImagesEvents.losses);
        assertThat(viaCache.evaluate(taskB.test())).isEqualTo(viaImages.evaluate(taskB.test()));
        assertThat(viaImagesEvents.prefixes).containsExactly(
                new CachedPrefix(0, false, "the prefix cache is off (budget 0)"));
        assertThat(viaCacheEvents.prefixes).singleElement().satisfies(p -> assertThat(p.reused()).isFalse());
    }

    /**
     * The reference network's shape (conv 32, conv 64, fc 256, fc 128): matrix products large enough for the engine
     * to split them across threads, where a head trained with other settings than the whole network would round
     * differently.
     */
    @Test
    void fit_wideHeadCachedGivesBitIdenticalWeights() {
        NetworkSpec wide = NetworkSpec.builder("wide", InputShape.image(1, 28, 28))
                .conv("conv1", 32, 5, Pooling.max(2, 2))
                .conv("conv2", 64, 5, Pooling.max(2, 2))
                .dense("fc3", 256)
                .dense("fc4", 128)
                .output("fc5");
        Network base = plain().initialise(wide, taskA, 3);
        Network prepared = Transfer.from(base).copy(2).freeze().prepare(taskB, 5);
        Backend cached = cached();
        TrainingConfig config = CONFIG.withBatchSize(64).withEpochs(1);

        Network viaCache = cached.fit(prepared, taskB, config, TrainingListener.NONE);
        Network viaImages = plain().fit(prepared, taskB, config, TrainingListener.NONE);

        assertThat(viaCache.weights()).isEqualTo(viaImages.weights());
    }

    /**
     * Dropout on convolutions' outputs (and same padding): with n frozen layers the dropout of layer n is applied by
     * layer n + 1, the first trained one, whether it reads the images through the frozen layers or their cached
     * outputs; the masks are the same, and so are the weights.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void fit_convolutionDropoutAtTheBoundary_cachedPrefixGivesBitIdenticalWeights(int n) {
        NetworkSpec spec = NetworkSpec.builder("conv-dropout", InputShape.image(1, 28, 28))
                .layer(ConvolutionLayer.of("conv1", 6, 5).withPooling(Pooling.max(2, 2)).withDropout(0.25))
                .layer(ConvolutionLayer.of("conv2", 12, 4).withSamePadding().withPooling(Pooling.max(2, 2))
                        .withDropout(0.5))
                .dense("fc3", 32)
                .output("fc4");
        Network base = plain().initialise(spec, taskA, 3);
        Network prepared = Transfer.from(base).copy(n).freeze().prepare(taskB, 5);
        Recorder viaCacheEvents = new Recorder();

        Network viaCache = cached().fit(prepared, taskB, CONFIG, viaCacheEvents);
        Network viaImages = plain().fit(prepared, taskB, CONFIG, TrainingListener.NONE);
        Network otherSeed = plain().fit(prepared, taskB, CONFIG.withSeed(12), TrainingListener.NONE);

        assertThat(viaCacheEvents.prefixes).singleElement().satisfies(p -> assertThat(p.layers()).isEqualTo(n));
        assertThat(viaCache.weights()).isEqualTo(viaImages.weights());
        assertThat(viaCache.weights()).isNotEqualTo(prepared.weights()).isNotEqualTo(otherSeed.weights());
    }

    @Test
    void fit_overBudgetTrainsFromTheImagesSaysWhyAndGivesTheSameNetwork() {
        Network prepared = Transfer.from(baseA).copy(2).freeze().prepare(taskB, 5);
        Recorder events = new Recorder();
        Backend tiny = Backend.of(engine(), 1000);

        Network overBudget = tiny.fit(prepared, taskB, CONFIG, events);
        Network viaCache = cached().fit(prepared, taskB, CONFIG, TrainingListener.NONE);

        assertThat(overBudget.weights()).isEqualTo(viaCache.weights());
        assertThat(events.prefixes).singleElement().satisfies(p -> assertThat(p.reason()).endsWith(
                ", over the prefix cache's budget of 0.0 MiB (system property transferable.prefixCache.maxBytes)"));
        assertThat(tiny.prefixCacheStats().entries()).isZero();
    }

    @Test
    void fit_reusedOutputsGiveWhatTheImagesGive() {
        Backend backend = cached();
        Network prepared = Transfer.from(baseA).copy(2).freeze().prepare(taskB, 5);
        backend.fit(prepared, taskB, CONFIG, TrainingListener.NONE);
        Recorder events = new Recorder();

        Network reused = backend.fit(prepared, taskB, CONFIG.withSeed(12), events);
        Network fromImages = plain().fit(prepared, taskB, CONFIG.withSeed(12), TrainingListener.NONE);

        assertThat(events.prefixes).singleElement().satisfies(p -> assertThat(p.reused()).isTrue());
        assertThat(backend.prefixCacheStats().hits()).isEqualTo(1);
        assertThat(reused.weights()).isEqualTo(fromImages.weights());
    }

    @Test
    void fit_anEntryForFewerFrozenLayersIsNotReused() {
        Backend backend = cached();
        backend.fit(Transfer.from(baseA).copy(1).freeze().prepare(taskB, 5), taskB, CONFIG, TrainingListener.NONE);
        Recorder events = new Recorder();

        backend.fit(Transfer.from(baseA).copy(2).freeze().prepare(taskB, 5), taskB, CONFIG, events);

        // the probe runs again, as it would with an empty cache: the result does not depend on which cells ran before
        assertThat(events.prefixes).singleElement().satisfies(p -> assertThat(p.reused()).isFalse());
        assertThat(backend.prefixCacheStats().hits()).isZero();
    }

    @Test
    void fit_reusesABaseNetworksCachedOutputsAcrossCells() {
        Backend backend = cached();
        Transfer a2b = Transfer.from(baseA).copy(2).freeze();
        backend.fit(a2b.prepare(taskB, 1), taskB, CONFIG, TrainingListener.NONE);
        backend.fit(a2b.prepare(taskB, 2), taskB, CONFIG.withSeed(12), TrainingListener.NONE);
        assertThat(backend.prefixCacheStats().hits()).isEqualTo(1);
        long entries = backend.prefixCacheStats().entries();

        Task otherImages = new Task("B", taskB.train().perClass(60, 2), taskB.test());
        backend.fit(a2b.prepare(otherImages, 1), otherImages, CONFIG, TrainingListener.NONE);

        assertThat(backend.prefixCacheStats().hits()).isEqualTo(1);
        assertThat(backend.prefixCacheStats().entries()).isEqualTo(entries + 1);
    }

    @Test
    void fit_fineTunedTransferIsNotCached() {
        Backend backend = cached();
        Recorder events = new Recorder();

        backend.fit(Transfer.from(baseA).copy(2).fineTune().prepare(taskB, 1), taskB, CONFIG, events);

        assertThat(backend.prefixCacheStats().entries()).isZero();
        assertThat(backend.prefixCacheStats().misses()).isZero();
        assertThat(events.prefixes).isEmpty();
    }

    @Test
    void step_frozenLayersGetNoGradientAndNoUpdate() {
        Network prepared = Transfer.from(baseA).copy(2).freeze().prepare(taskB, 5);
        try (EngineModel model = engine().build(request(prepared, 2, 0))) {
            EngineModel.Gradients gradients = model.gradients(batch(taskB, 16, 784));
            assertThat(gradients.layers().get(0).tensors()).isEmpty();
            assertThat(gradients.layers().get(1).tensors()).isEmpty();
            assertThat(gradients.layers().get(2).tensors()).extracting(t -> t.name()).containsExactly("weight", "bias");
            model.step(batch(taskB, 16, 784), new SolverStep(0.1, 0.9));
            List<LayerWeights> after = model.weights();
            assertThat(after.get(0)).isEqualTo(prepared.weights().layer(1));
            assertThat(after.get(1)).isEqualTo(prepared.weights().layer(2));
            assertThat(after.get(2)).isNotEqualTo(prepared.weights().layer(3));
        }
    }

    @Test
    void step_dropoutIsOffBetweenFrozenLayersAndOnWhereATrainedLayerTakesIt() {
        NetworkSpec spec = NetworkSpec.builder("dropout", InputShape.image(1, 28, 28))
                .dense("fc1", 32, 0.5).dense("fc2", 32).output("out");
        Network source = plain().initialise(spec, taskB, 4);
        Batch batch = batch(taskB, 16, 784);
        // fc1's dropout feeds fc2: with fc2 frozen (inference mode) it is off, so two training-mode passes agree
        try (EngineModel frozen = engine().build(request(source, 2, 6))) {
            assertThat(frozen.gradients(batch).loss()).isEqualTo(frozen.gradients(batch).loss());
            assertThat(frozen.forwardAsInStep(batch, 2)).isEqualTo(frozen.forward(batch, 2));
        }
        // with fc2 trained it is on: new masks in every pass
        try (EngineModel trained = engine().build(request(source, 1, 6))) {
            assertThat(trained.gradients(batch).loss()).isNotEqualTo(trained.gradients(batch).loss());
        }
    }

    @Test
    void fit_frozenBatchNormKeepsRunningStatisticsFineTunedUpdatesThem() {
        NetworkSpec spec = new NetworkSpec("bn", InputShape.image(1, 28, 28), List.of(
                ConvolutionLayer.of("conv1", 4, 5).withBatchNorm(true).withPooling(Pooling.max(2, 2)),
                DenseLayer.of("fc2", 16),
                new OutputLayer("out")));
        Backend backend = plain();
        TrainingConfig config = CONFIG.withEpochs(1);
        Network source = backend.train(spec, taskA, config);
        LayerWeights sourceLayer = source.weights().layer(1);
        assertThat(sourceLayer.tensors()).extracting(t -> t.name())
                .containsExactly("bias", "weight", "gamma", "beta", "mean", "variance");
        // the base's own training moved its running statistics away from their initial 0 and 1
        assertThat(sourceLayer.tensor("mean").get(0)).isNotZero();

        Network frozen = backend.fit(backend.transfer(source, TransferPlan.parse("A1B"), taskB, 11), taskB, config,
                TrainingListener.NONE);
        Network fineTuned = backend.fit(backend.transfer(source, TransferPlan.parse("A1B+"), taskB, 11), taskB, config,
                TrainingListener.NONE);

        assertThat(frozen.weights().layer(1)).isEqualTo(sourceLayer);
        assertThat(fineTuned.weights().layer(1).tensor("mean")).isNotEqualTo(sourceLayer.tensor("mean"));
        assertThat(fineTuned.weights().layer(1).tensor("variance")).isNotEqualTo(sourceLayer.tensor("variance"));
    }

    @Test
    void fit_dropoutAndBatchNormGiveIdenticalWeightsOnTwoThreadsAtOnce() throws Exception {
        NetworkSpec noisy = new NetworkSpec("noisy", InputShape.image(1, 28, 28), List.of(
                ConvolutionLayer.of("conv1", 4, 5).withBatchNorm(true).withPooling(Pooling.max(2, 2)),
                DenseLayer.of("fc2", 32).withDropout(0.5).withBatchNorm(true),
                DenseLayer.of("fc3", 16).withDropout(0.3),
                new OutputLayer("out")));
        Backend backend = plain();
        TrainingConfig config = CONFIG.withEpochs(1).withSeed(21);
        Network initial = backend.initialise(noisy, taskA, 9);
        NetworkWeights serial = backend.fit(initial, taskA, config, TrainingListener.NONE).weights();
        NetworkWeights otherSeed = backend.fit(initial, taskA, config.withSeed(22), TrainingListener.NONE).weights();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<NetworkWeights>> parallel = List.of(
                    pool.submit(() -> backend.fit(initial, taskA, config, TrainingListener.NONE).weights()),
                    pool.submit(() -> backend.fit(initial, taskA, config, TrainingListener.NONE).weights()));
            for (Future<NetworkWeights> future : parallel) {
                assertThat(future.get()).isEqualTo(serial);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(otherSeed).isNotEqualTo(serial);
    }

    /** A request for a network's layers with layers 1..frozen frozen (the rest with weight decay 0.5). */
    private static ModelRequest request(Network network, int frozen, long seed) {
        int layers = network.spec().layerCount();
        List<LayerTraining> modes = new ArrayList<>();
        for (int n = 1; n <= layers; n++) {
            modes.add(n <= frozen ? LayerTraining.FROZEN : LayerTraining.trained(0.5));
        }
        return new ModelRequest(network.spec(), network.classNames().size(), 1, network.weights().layers(), modes,
                seed);
    }

    /** The first {@code count} training images of a task as a batch of inputs of the given size. */
    private static Batch batch(Task task, int count, int size) {
        float[] inputs = new float[count * size];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            task.train().copyImage(i, inputs, i * size);
            labels[i] = task.train().label(i);
        }
        return new Batch(inputs, labels);
    }

    /** Records epoch losses and the cache's reports. */
    private static final class Recorder implements TrainingListener {
        final List<Double> losses = new ArrayList<>();
        final List<CachedPrefix> prefixes = new ArrayList<>();

        @Override
        public void onEpoch(int epoch, double meanLoss) {
            losses.add(meanLoss);
        }

        @Override
        public void onCachedPrefix(CachedPrefix prefix) {
            prefixes.add(prefix);
        }
    }
}
