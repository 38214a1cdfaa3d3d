package org.transferable.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.engine.Engine;
import org.transferable.engine.EngineCheck;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.plan.TransferPlan;
import org.transferable.policy.FineTuning;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.train.Evaluation;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingDivergedException;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.Transfer;
import org.transferable.weights.NetworkWeights;

/**
 * The contract every backend honours through the public API, on real training with real Fashion-MNIST images. A
 * backend module extends this class, says which engine, and runs it unchanged.
 *
 * <p>Task A is Fashion-MNIST classes 0-4 (5 classes), task B classes 7-9 (3 classes); a small 4-layer network
 * (conv, conv, dense, output) keeps every test to seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContractTest {
    /** Training images per class of the slice the tests train on. */
    protected static final int TRAIN_PER_CLASS = 200;
    /** Test images per class. */
    protected static final int TEST_PER_CLASS = 100;

    /** A 4-layer network: two convolutions with pooling, one dense layer, the output. */
    protected static final NetworkSpec SPEC = NetworkSpec.builder("contract", InputShape.image(1, 28, 28))
            .conv("conv1", 6, 5, Pooling.max(2, 2))
            .conv("conv2", 12, 5, Pooling.max(2, 2))
            .dense("fc3", 32)
            .output("fc4");

    /** One epoch of the paper's solver. */
    protected static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(
            7);

    private Backend backend;
    private Task taskA;
    private Task taskB;
    private Network baseA;
    private NetworkWeights baseAWeights;

    /** @return the engine under test */
    protected abstract Engine engine();

    @BeforeAll
    void trainBase() {
        backend = Backend.of(engine());
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(7, 8, 9)).apply(FashionMnistFixture.load());
        taskA = slice(split.a());
        taskB = slice(split.b());
        baseA = backend.train(SPEC, taskA, CONFIG);
        baseAWeights = baseA.weights();
    }

    private static Task slice(Task task) {
        return new Task(task.name(), task.train().perClass(TRAIN_PER_CLASS, 1), task.test().perClass(TEST_PER_CLASS,
                1));
    }

    @Test
    void backends_findsBackendByName() {
        assertThat(Backends.available()).contains(backend.name());
        assertThat(Backends.load(backend.name()).name()).isEqualTo(backend.name());
    }

    @Test
    void backends_unknownNameListsAvailable() {
        assertThatThrownBy(() -> Backends.load("no-such-engine"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no backend named 'no-such-engine' on the class path; available: " + Backends.available());
    }

    @Test
    void train_raisesAccuracyFarAboveChance() {
        Evaluation evaluation = baseA.evaluate(taskA.test());
        // 5 classes: chance is 0.20. One epoch over 1,000 images must reach at least 3x chance.
        assertThat(evaluation.accuracy()).isGreaterThanOrEqualTo(0.60);
        assertThat(evaluation.images()).isEqualTo(5 * TEST_PER_CLASS);
        assertThat(evaluation.loss()).isLessThan(Math.log(5));
    }

    @Test
    void prepare_copiesLayersUpToNExactlyAndInitialisesTheRest() {
        Network target = Transfer.from(baseA).copy(2).freeze().prepare(taskB, 99);
        NetworkWeights weights = target.weights();
        assertThat(weights.layer(1)).isEqualTo(baseAWeights.layer(1));
        assertThat(weights.layer(2)).isEqualTo(baseAWeights.layer(2));
        assertThat(weights.layer(3).tensor("weight")).isNotEqualTo(baseAWeights.layer(3).tensor("weight"));
        assertThat(target.frozenLayers()).isEqualTo(2);
        assertThat(target.provenance().origin()).isEqualTo("A2B");
        assertThat(target.provenance().training()).isEmpty();
    }

    @Test
    void prepare_outputLayerHasTargetClassCount() {
        Network target = Transfer.from(baseA).copy(3).fineTune().prepare(taskB, 99);
        assertThat(baseA.weights().layer(4).tensor("bias").shape()).containsExactly(5);
        assertThat(target.weights().layer(4).tensor("bias").shape()).containsExactly(3);
        assertThat(target.weights().layer(4).tensor("weight").shape()).containsExactly(32, 3);
        assertThat(target.classNames()).containsExactly("Sneaker", "Bag", "Ankle boot");
        assertThat(target.evaluate(taskB.test()).images()).isEqualTo(3 * TEST_PER_CLASS);
    }

    @Test
    void train_freezeKeepsCopiedLayersBitIdenticalAndTrainsTheRest() {
        Network prepared = Transfer.from(baseA).copy(2).freeze().prepare(taskB, CONFIG.seed());
        Network trained = Transfer.from(baseA).copy(2).freeze().train(taskB, CONFIG);
        NetworkWeights after = trained.weights();
        assertThat(after.layer(1)).isEqualTo(baseAWeights.layer(1));
        assertThat(after.layer(2)).isEqualTo(baseAWeights.layer(2));
        assertThat(after.layer(3).tensor("weight")).isNotEqualTo(prepared.weights().layer(3).tensor("weight"));
        assertThat(after.layer(4).tensor("weight")).isNotEqualTo(prepared.weights().layer(4).tensor("weight"));
        assertThat(trained.provenance().training()).containsExactly(CONFIG);
    }

    @Test
    void train_freezeIgnoresWeightDecayOnFrozenLayers() {
        TrainingConfig heavyDecay = CONFIG.withWeightDecay(0.5);
        Network trained = Transfer.from(baseA).copy(3).freeze().train(taskB, heavyDecay);
        assertThat(trained.weights().layer(3)).isEqualTo(baseAWeights.layer(3));
    }

    @Test
    void train_fineTuneChangesCopiedLayers() {
        Network trained = Transfer.from(baseA).copy(2).fineTune().train(taskB, CONFIG);
        NetworkWeights after = trained.weights();
        assertThat(after.layer(1).tensor("weight")).isNotEqualTo(baseAWeights.layer(1).tensor("weight"));
        assertThat(after.layer(2).tensor("weight")).isNotEqualTo(baseAWeights.layer(2).tensor("weight"));
        assertThat(trained.frozenLayers()).isZero();
        assertThat(trained.provenance().origin()).isEqualTo("A2B+");
    }

    @Test
    void train_leavesSourceNetworkUnchanged() {
        Transfer.from(baseA).copy(1).fineTune().train(taskB, CONFIG);
        Transfer.from(baseA).copy(3).freeze().train(taskB, CONFIG);
        assertThat(baseA.weights()).isEqualTo(baseAWeights);
    }

    @Test
    void fit_leavesItsArgumentUnchanged() {
        Network prepared = Transfer.from(baseA).copy(1).fineTune().prepare(taskB, 5);
        NetworkWeights before = prepared.weights();
        backend.fit(prepared, taskB, CONFIG, TrainingListener.NONE);
        assertThat(prepared.weights()).isEqualTo(before);
    }

    @Test
    void train_sameSeedGivesIdenticalParameters() {
        Network first = Transfer.from(baseA).copy(1).fineTune().train(taskB, CONFIG);
        Network second = Transfer.from(baseA).copy(1).fineTune().train(taskB, CONFIG);
        Network otherSeed = Transfer.from(baseA).copy(1).fineTune().train(taskB, CONFIG.withSeed(8));
        assertThat(second.weights()).isEqualTo(first.weights());
        assertThat(otherSeed.weights()).isNotEqualTo(first.weights());
    }

    @Test
    void train_sameSeedTenTimesInARowGivesIdenticalFiniteParametersAfterOtherTrainings() {
        // other trainings first, in this JVM: a frozen transfer (cache path) and a base on other data
        Transfer.from(baseA).copy(2).freeze().train(taskB, CONFIG.withSeed(3));
        backend.train(SPEC, taskB, CONFIG.withSeed(4));
        NetworkWeights reference = backend.train(SPEC, taskA, CONFIG).weights();
        assertThat(reference).isEqualTo(baseAWeights);
        for (int run = 1; run <= 10; run++) {
            NetworkWeights again = backend.train(SPEC, taskA, CONFIG).weights();
            assertThat(again).as("run %d of 10", run).isEqualTo(reference);
        }
        assertThat(allFinite(reference)).isTrue();
    }

    @Test
    void train_twoAtOnceOnTwoThreadsGiveTheSerialParameters() throws Exception {
        NetworkWeights fineTuned = Transfer.from(baseA).copy(1).fineTune().train(taskB, CONFIG).weights();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 3; round++) {
                var base = pool.submit(() -> backend.train(SPEC, taskA, CONFIG).weights());
                var transfer = pool.submit(() -> Transfer.from(baseA).copy(1).fineTune().train(taskB, CONFIG)
                        .weights());
                assertThat(base.get()).as("base, round %d", round).isEqualTo(baseAWeights);
                assertThat(transfer.get()).as("transfer, round %d", round).isEqualTo(fineTuned);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean allFinite(NetworkWeights weights) {
        for (var layer : weights.layers()) {
            for (var tensor : layer.tensors()) {
                for (int i = 0; i < tensor.size(); i++) {
                    if (!Float.isFinite(tensor.get(i))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void engine_passesTheNumericalSelfCheckInTheConfigurationItRuns() {
        EngineCheck.Selection selection = EngineCheck.select(backend.name(),
                List.of(new EngineCheck.Candidate("as loaded", () -> { })), EngineCheck.probe(engine()));

        assertThat(selection.rejected()).isEmpty();
        assertThat(backend.engineVersion()).isEqualTo(engine().version());
    }

    @Test
    void fit_divergingTrainingStopsNamingTheNetworkEpochAndStep() {
        // each step multiplies every weight by about 1 - 10 x 1 = -9: float overflows within a few steps
        TrainingConfig exploding = CONFIG.withLearningRate(10).withMomentum(0).withWeightDecay(1).withEpochs(3);
        Network prepared = Transfer.from(baseA).copy(1).fineTune().prepare(taskB, 5);

        assertThatThrownBy(() -> backend.fit(prepared, taskB, exploding, TrainingListener.NONE))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("training network contract (A1B+ on task B) diverged at epoch ")
                .hasMessageContaining(" of 19: ")
                .hasMessageEndingWith(
                ". Try a lower learning rate (this run used 10.0), a smaller batch (32), and check "
                        + "that the images hold finite values");
    }

    @Test
    void copy_zeroIsRejectedWithRangeAndLayerNames() {
        assertThatThrownBy(() -> Transfer.from(baseA).copy(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("copy count must be in [1, 3] for a network with 4 layers [conv1, conv2, fc3, fc4], got 0");
    }

    @Test
    void copy_allLayersIsRejectedWithRangeAndLayerNames() {
        assertThatThrownBy(() -> Transfer.from(baseA).copy(4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("copy count must be in [1, 3] for a network with 4 layers [conv1, conv2, fc3, fc4], got 4");
    }

    @Test
    void transfer_planOutOfRangeIsRejectedByTheBackendToo() {
        TransferPlan plan = new TransferPlan("A", 9, FineTuning.frozen(), "B");
        assertThatThrownBy(() -> backend.transfer(baseA, plan, taskB, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("copy count must be in [1, 3] for a network with 4 layers [conv1, conv2, fc3, fc4], got 9");
    }

    @Test
    void of_bindsParsedPlanAndRefusesWrongSource() {
        Transfer transfer = Transfer.of(TransferPlan.parse("A2B+"), baseA);
        assertThat(transfer).isEqualTo(Transfer.from(baseA).copy(2).fineTune());
        assertThat(transfer.plan(taskB).toString()).isEqualTo("A2B+");
        assertThatThrownBy(() -> Transfer.of(TransferPlan.parse("B2B"), baseA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plan B2B copies from task B but the network was trained on task A");
    }

    @Test
    void fit_classCountMismatchIsRejected() {
        assertThatThrownBy(() -> backend.fit(baseA, taskB, CONFIG, TrainingListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network classifies 5 classes [T-shirt/top, Trouser, Pullover, Dress, Coat] but task B "
                        + "has 3 [Sneaker, Bag, Ankle boot]");
    }

    @Test
    void initialise_wrongImageShapeIsRejected() {
        NetworkSpec wide = NetworkSpec.builder("wide", InputShape.image(3, 32, 32)).dense("fc1", 8).output("out");
        assertThatThrownBy(() -> backend.initialise(wide, taskA, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task A has images of 1x28x28 but network wide expects 3x32x32");
    }

    @Test
    void saveAndLoad_roundTripsWeightsProvenanceAndPredictions(@TempDir Path dir) throws Exception {
        Network frozen = Transfer.from(baseA).copy(2).freeze().train(taskB, CONFIG);
        frozen.save(dir.resolve("net"));
        Network loaded = backend.load(dir.resolve("net"));
        assertThat(loaded.weights()).isEqualTo(frozen.weights());
        assertThat(loaded.provenance()).isEqualTo(frozen.provenance());
        assertThat(loaded.frozenLayers()).isEqualTo(2);
        assertThat(loaded.evaluate(taskB.test())).isEqualTo(frozen.evaluate(taskB.test()));
        Network trainedAgain = backend.fit(loaded, taskB, CONFIG, TrainingListener.NONE);
        assertThat(trainedAgain.weights().layer(1)).isEqualTo(baseAWeights.layer(1));
    }

    @Test
    void provenance_recordsBackendSpecAndMachine() {
        var provenance = baseA.provenance();
        assertThat(provenance.backend()).isEqualTo(backend.name());
        assertThat(provenance.spec()).isEqualTo(SPEC);
        assertThat(provenance.task()).isEqualTo("A");
        assertThat(provenance.origin()).isEqualTo("scratch");
        assertThat(provenance.engineVersion()).isEqualTo(backend.engineVersion());
        assertThat(provenance.java()).contains(System.getProperty("java.version"));
        assertThat(provenance.os()).contains(System.getProperty("os.arch"));
        assertThat(provenance.libraryVersion()).startsWith("transferable ");
    }
}
