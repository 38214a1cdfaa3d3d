package org.transferable.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.LabelledImages;
import org.transferable.data.Task;
import org.transferable.engine.ReferenceEngine;
import org.transferable.plan.TransferPlan;
import org.transferable.policy.FineTuning;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.train.CachedPrefix;
import org.transferable.train.LearningRateSchedule;
import org.transferable.train.StoppingRule;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingDivergedException;
import org.transferable.train.TrainingListener;
import org.transferable.train.TrainingOutcome;

/**
 * The training template on the plain-Java {@link ReferenceEngine}: real training on small synthetic images whose
 * class is where a bright square sits. The contract suite in the test kit checks the same template on every native
 * engine; these tests check what needs no native engine (the guards, the cache's decision, the files).
 */
class BackendTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder("tiny", InputShape.image(1, 8, 8))
            .conv("conv1", 3, 3, Pooling.max(2, 2))
            .dense("fc2", 8, 0.25)
            .output("out");
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(2).withBatchSize(8).withSeed(3)
            .withLearningRate(0.05);

    @TempDir
    Path dir;

    private final Task task = new Task("A", squares(90, 1), squares(30, 2));

    @Test
    void train_learnsTheSquaresFarAboveChance() {
        Backend backend = Backend.of(new ReferenceEngine(), 0);
        Network trained = backend.fit(backend.initialise(SPEC, task, 1), task, CONFIG.withEpochs(6),
                TrainingListener.NONE);

        assertThat(trained.evaluate(task.test()).accuracy()).isGreaterThan(0.8);
        assertThat(trained.provenance().backend()).isEqualTo(ReferenceEngine.NAME);
    }

    @Test
    void fit_frozenLayersComputedOnceGiveTheWholeNetworksWeightsBitForBit() {
        Backend plain = Backend.of(new ReferenceEngine(), 0);
        Backend cached = Backend.of(new ReferenceEngine(), Long.MAX_VALUE);
        Network base = plain.fit(plain.initialise(SPEC, task, 1), task, CONFIG, TrainingListener.NONE);
        Network prepared = cached.transfer(base, new TransferPlan("A", 1, FineTuning.frozen(), "A"), task, 9);
        List<CachedPrefix> seen = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onCachedPrefix(CachedPrefix prefix) {
                seen.add(prefix);
            }
        };

        Network viaCache = cached.fit(prepared, task, CONFIG, listener);
        Network reused = cached.fit(prepared, task, CONFIG, listener);
        Network viaImages = plain.fit(prepared, task, CONFIG, TrainingListener.NONE);

        assertThat(viaCache.weights()).isEqualTo(viaImages.weights()).isEqualTo(reused.weights());
        assertThat(viaCache.weights().layer(1)).isEqualTo(base.weights().layer(1));
        assertThat(seen).containsExactly(
                new CachedPrefix(1, false, "trained layers 2..3 on newly cached outputs of frozen layers 1..1"),
                new CachedPrefix(1, true, "trained layers 2..3 on reused cached outputs of frozen layers 1..1"));
        assertThat(cached.prefixCacheStats().hits()).isEqualTo(1);
        assertThat(cached.prefixCacheStats().entries()).isEqualTo(1);
    }

    @Test
    void fit_overTheCacheBudgetTrainsFromTheImagesAndSaysWhy() {
        Backend tiny = Backend.of(new ReferenceEngine(), 1000);
        Network prepared = tiny.transfer(tiny.initialise(SPEC, task, 1),
                new TransferPlan("A", 1, FineTuning.frozen(), "A"), task, 9);
        List<CachedPrefix> seen = new ArrayList<>();

        tiny.fit(prepared, task, CONFIG, new TrainingListener() {
            @Override
            public void onCachedPrefix(CachedPrefix prefix) {
                seen.add(prefix);
            }
        });

        assertThat(seen).containsExactly(new CachedPrefix(0, false, "the outputs of frozen layers 1..1 would take "
                + "0.0 MiB, over the prefix cache's budget of 0.0 MiB (system property "
                + "transferable.prefixCache.maxBytes)"));
        assertThat(tiny.prefixCacheStats().entries()).isZero();
    }

    @Test
    void fit_divergingLossStopsNamingTheNetworkEpochAndStep() {
        Backend backend = Backend.of(new ReferenceEngine(), 0);
        Network initial = backend.initialise(SPEC, task, 1);
        // each step multiplies the weights by about 1 - 10 x 1 = -9: they leave float's range within 5 epochs
        TrainingConfig exploding = CONFIG.withEpochs(5).withLearningRate(10).withMomentum(0).withWeightDecay(1);

        assertThatThrownBy(() -> backend.fit(initial, task, exploding, TrainingListener.NONE))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("training network tiny (scratch on task A) diverged at epoch ")
                .hasMessageContaining(" of 12: ")
                .hasMessageEndingWith(
                ". Try a lower learning rate (this run used 10.0), a smaller batch (8), and check "
                        + "that the images hold finite values");
    }

    @Test
    void fit_sameSeedSameWeightsOtherSeedOtherWeights() {
        Backend backend = Backend.of(new ReferenceEngine(), 0);
        Network initial = backend.initialise(SPEC, task, 1);

        Network first = backend.fit(initial, task, CONFIG, TrainingListener.NONE);

        assertThat(backend.fit(initial, task, CONFIG, TrainingListener.NONE).weights()).isEqualTo(first.weights());
        assertThat(backend.fit(initial, task, CONFIG.withSeed(4), TrainingListener.NONE).weights())
                .isNotEqualTo(first.weights());
    }

    @Test
    void saveAndLoad_roundTripsWeightsAndProvenance() throws Exception {
        Backend backend = Backend.of(new ReferenceEngine(), 0);
        Network trained = backend.fit(backend.initialise(SPEC, task, 1), task, CONFIG, TrainingListener.NONE);

        trained.save(dir.resolve("net"));
        Network loaded = backend.load(dir.resolve("net"));

        assertThat(loaded.weights()).isEqualTo(trained.weights());
        assertThat(loaded.provenance()).isEqualTo(trained.provenance());
        assertThat(loaded.evaluate(task.test())).isEqualTo(trained.evaluate(task.test()));
    }

    @Test
    void load_directoryWithoutTheFiles_namesWhatIsMissing() {
        Backend backend = Backend.of(new ReferenceEngine(), 0);

        assertThatThrownBy(() -> backend.load(dir))
                .isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessage(dir + ": not a saved network: needs network.json and weights.safetensors; it has neither");
    }

    @Test
    void fit_stepDecayLowersTheRateAtTheScheduledEpochsAndChangesTheResult() {
        Backend backend = Backend.of(new ReferenceEngine(), 0);
        Network initial = backend.initialise(SPEC, task, 1);
        TrainingConfig decayed = CONFIG.withEpochs(4).withSchedule(LearningRateSchedule.stepDecay(0.1, 2));

        Network trained = backend.fit(initial, task, decayed, TrainingListener.NONE);

        TrainingOutcome outcome = trained.provenance().outcomes().get(0);
        assertThat(outcome.curve()).extracting(TrainingOutcome.Epoch::learningRate)
                .containsExactly(0.05, 0.05, 0.05 * 0.1, 0.05 * 0.1);
        assertThat(outcome.epochsRun()).isEqualTo(4);
        assertThat(trained.weights()).isNotEqualTo(
                backend.fit(initial, task, CONFIG.withEpochs(4), TrainingListener.NONE).weights());
    }

    @Test
    void fit_earlyStoppingStopsAfterThePatienceAndKeepsTheBestEpochsWeights() {
        Backend backend = Backend.of(new ReferenceEngine(), 0);
        Network initial = backend.initialise(SPEC, task, 1);
        TrainingConfig early = CONFIG.withEpochs(40).withStopping(StoppingRule.earlyStopping(0.2, 2));

        Network trained = backend.fit(initial, task, early, TrainingListener.NONE);

        TrainingOutcome outcome = trained.provenance().outcomes().get(0);
        assertThat(outcome.epochsRun()).isLessThan(40);
        assertThat(outcome.epochsRun() - outcome.keptEpoch()).isEqualTo(2);
        double best = outcome.curve().stream().mapToDouble(TrainingOutcome.Epoch::validationAccuracy).max()
                .orElseThrow();
        assertThat(outcome.keptValidationAccuracy()).isEqualTo(best);
        assertThat(outcome.curve().subList(0, outcome.keptEpoch() - 1))
                .allSatisfy(e -> assertThat(e.validationAccuracy()).isLessThan(best));
        LabelledImages validation = task.train().holdOut(0.2, 0).validation();
        assertThat(trained.evaluate(validation).accuracy()).isEqualTo(best);
    }

    @Test
    void fit_earlyStoppingWithoutRestoringKeepsTheLastEpoch() {
        Backend backend = Backend.of(new ReferenceEngine(), 0);
        TrainingConfig early = CONFIG.withEpochs(40)
                .withStopping(new StoppingRule.EarlyStopping(0.2, 2, false, 0));

        TrainingOutcome outcome = backend.fit(backend.initialise(SPEC, task, 1), task, early, TrainingListener.NONE)
                .provenance().outcomes().get(0);

        assertThat(outcome.keptEpoch()).isEqualTo(outcome.epochsRun());
    }

    @Test
    void fit_earlyStoppingOnCachedFrozenLayersGivesWhatTheImagesGive() {
        Backend plain = Backend.of(new ReferenceEngine(), 0);
        Backend cached = Backend.of(new ReferenceEngine(), Long.MAX_VALUE);
        Network base = plain.fit(plain.initialise(SPEC, task, 1), task, CONFIG, TrainingListener.NONE);
        Network prepared = cached.transfer(base, new TransferPlan("A", 1, FineTuning.frozen(), "A"), task, 9);
        TrainingConfig early = CONFIG.withEpochs(15).withStopping(StoppingRule.earlyStopping(0.2, 2));

        Network viaCache = cached.fit(prepared, task, early, TrainingListener.NONE);
        Network viaImages = plain.fit(prepared, task, early, TrainingListener.NONE);

        assertThat(viaCache.weights()).isEqualTo(viaImages.weights());
        assertThat(viaCache.provenance().outcomes()).isEqualTo(viaImages.provenance().outcomes());
        assertThat(cached.prefixCacheStats().entries()).isEqualTo(1);
    }

    /** 3 classes: a bright 3x3 square in the top left, top right or bottom middle of an 8x8 image with noise. */
    static LabelledImages squares(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * 64];
        int[] labels = new int[count];
        int[][] corners = {{0, 0}, {0, 5}, {5, 2}};
        for (int i = 0; i < count; i++) {
            labels[i] = i % 3;
            for (int p = 0; p < 64; p++) {
                pixels[i * 64 + p] = (byte) random.nextInt(60);
            }
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    pixels[i * 64 + (corners[labels[i]][0] + r) * 8 + corners[labels[i]][1] + c] = (byte) 230;
                }
            }
        }
        return LabelledImages.of(InputShape.image(1, 8, 8), pixels, labels, List.of("left", "right", "bottom"));
    }
}
