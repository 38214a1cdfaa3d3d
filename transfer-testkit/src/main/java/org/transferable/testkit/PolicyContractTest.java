package org.transferable.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.engine.Engine;
import org.transferable.network.Backend;
import org.transferable.network.Network;
import org.transferable.policy.FineTuning;
import org.transferable.policy.FrozenBatchNorm;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.Transfer;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.Tensor;

/**
 * What each fine-tuning policy means on every engine, checked so that a policy that is not applied fails: a rate
 * multiple of 0 is frozen bit for bit, and a multiple scales the first update; under gradual unfreezing a layer
 * changes only from its phase on, and resetting the solver between phases changes the result; a very large L2-SP
 * alpha keeps the copied weights near the source and alpha 0 is plain fine-tuning; BitFit changes only biases;
 * batch-norm running statistics of frozen layers change only in the modes that allow it; frozen layers computed once
 * give the same network under a multi-phase policy. A backend module extends this class and says which engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PolicyContractTest {
    /** conv, conv, dense, dense, output. */
    private static final NetworkSpec SPEC = NetworkSpec.builder("policies", InputShape.image(1, 28, 28))
            .conv("conv1", 6, 5, Pooling.max(2, 2))
            .conv("conv2", 12, 5, Pooling.max(2, 2))
            .dense("fc3", 32)
            .dense("fc4", 16)
            .output("fc5");
    /** The same with batch normalisation after both convolutions. */
    private static final NetworkSpec BATCH_NORM = NetworkSpec.builder("policies-bn", InputShape.image(1, 28, 28))
            .layer(ConvolutionLayer.of("conv1", 6, 5).withPooling(Pooling.max(2, 2)).withBatchNorm(true))
            .layer(ConvolutionLayer.of("conv2", 12, 5).withPooling(Pooling.max(2, 2)).withBatchNorm(true))
            .dense("fc3", 32)
            .output("fc4");
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(3).withBatchSize(32).withSeed(5);

    private Task taskA;
    private Task taskB;
    private Network baseA;
    private Network baseBatchNorm;

    /** @return the engine under test */
    protected abstract Engine engine();

    private Backend backend() {
        return Backend.of(engine(), 0);
    }

    @BeforeAll
    void trainBases() {
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(7, 8, 9)).apply(FashionMnistFixture.load());
        taskA = new Task("A", split.a().train().perClass(60, 1), split.a().test().perClass(20, 1));
        taskB = new Task("B", split.b().train().perClass(60, 1), split.b().test().perClass(20, 1));
        baseA = backend().train(SPEC, taskA, CONFIG.withEpochs(1));
        baseBatchNorm = backend().train(BATCH_NORM, taskA, CONFIG.withEpochs(1));
    }

    private Network train(Network source, String policy, TrainingConfig config) {
        return Transfer.from(source).copy(2).policy(FineTuning.parse(policy)).train(taskB, config);
    }

    @Test
    void multipleZero_isBitIdenticalToFrozen() {
        Network zero = train(baseA, "copied=x0,new", CONFIG);
        Network frozen = Transfer.from(baseA).copy(2).freeze().train(taskB, CONFIG);

        assertThat(zero.weights()).isEqualTo(frozen.weights());
        assertThat(zero.weights().layer(1)).isEqualTo(baseA.weights().layer(1));
        assertThat(zero.provenance().origin()).isEqualTo("A2B[copied=x0,new]");
    }

    @Test
    void multiple_scalesTheFirstUpdateOfItsLayers() {
        TrainingConfig oneStep = CONFIG.withEpochs(1).withBatchSize(taskB.train().size());
        Network full = train(baseA, "all", oneStep);
        Network quarter = train(baseA, "copied=x0.25,new", oneStep);

        for (int layer = 1; layer <= 2; layer++) {
            assertScaled(baseA.weights().layer(layer), full.weights().layer(layer), quarter.weights().layer(layer),
                    0.25);
        }
        assertThat(quarter.weights().layer(3)).isEqualTo(full.weights().layer(3));
    }

    /** Checks {@code scaled - start = multiple * (full - start)}, tensor by tensor, to float rounding. */
    private static void assertScaled(LayerWeights start, LayerWeights full, LayerWeights scaled, double multiple) {
        for (Tensor s : start.tensors()) {
            Tensor f = full.tensor(s.name());
            Tensor q = scaled.tensor(s.name());
            double largest = 0;
            for (int i = 0; i < s.size(); i++) {
                largest = Math.max(largest, Math.abs(f.get(i) - s.get(i)));
            }
            assertThat(largest).as("%s/%s moved", start.layer(), s.name()).isGreaterThan(0.0);
            for (int i = 0; i < s.size(); i++) {
                assertThat((double) q.get(i) - s.get(i)).as("%s/%s[%d]", start.layer(), s.name(), i)
                        .isCloseTo(multiple * (f.get(i) - s.get(i)), within(1e-6 + 1e-3 * largest));
            }
        }
    }

    @Test
    void gradualUnfreezing_changesALayerOnlyFromItsPhaseOn() {
        Network twoPhases = train(baseA, "1:new>n..", CONFIG.withEpochs(2));
        Network threePhases = train(baseA, "1:new>1:n..>all", CONFIG);

        assertThat(twoPhases.weights().layer(1)).isEqualTo(baseA.weights().layer(1));
        assertThat(twoPhases.weights().layer(2)).isNotEqualTo(baseA.weights().layer(2));
        assertThat(threePhases.weights().layer(1)).isNotEqualTo(baseA.weights().layer(1));
        assertThat(threePhases.provenance().training().get(0).epochs()).isEqualTo(3);
        assertThat(threePhases.provenance().outcomes().get(0).curve()).hasSize(3);
    }

    @Test
    void gradualUnfreezing_firstPhaseIsTheFrozenTransfersFirstEpoch() {
        Network probe = train(baseA, "1:new>all", CONFIG.withEpochs(2));
        Network frozenOneEpoch = Transfer.from(baseA).copy(2).freeze().train(taskB, CONFIG.withEpochs(1));

        assertThat(probe.provenance().outcomes().get(0).curve().get(0).trainingLoss())
                .isEqualTo(frozenOneEpoch.provenance().outcomes().get(0).curve().get(0).trainingLoss());
    }

    @Test
    void resetSolver_betweenPhasesChangesTheResult() {
        Network carried = train(baseA, "1:new>all", CONFIG);
        Network reset = train(baseA, "1:new>all;reset", CONFIG);

        assertThat(reset.weights().layer(1)).isNotEqualTo(carried.weights().layer(1));
    }

    @Test
    void l2Sp_largeAlphaKeepsTheCopiedWeightsNearTheSource() {
        TrainingConfig config = CONFIG.withWeightDecay(0);
        double plain = distance(train(baseA, "all", config).weights(), 2);
        double anchored = distance(train(baseA, "all;l2sp(10,0)", config).weights(), 2);

        assertThat(plain).isGreaterThan(0.0);
        assertThat(anchored).as("L2-SP alpha 10 vs plain fine-tuning").isLessThan(0.25 * plain);
    }

    @Test
    void l2Sp_alphaAndBetaZero_isPlainFineTuningWithoutDecay() {
        TrainingConfig config = CONFIG.withWeightDecay(0);

        assertThat(train(baseA, "all;l2sp(0,0)", config).weights())
                .isEqualTo(train(baseA, "all", config).weights());
    }

    /** @return the Euclidean distance of layers 1..n's weights (not biases) from baseA's */
    private double distance(NetworkWeights weights, int n) {
        double sum = 0;
        for (int layer = 1; layer <= n; layer++) {
            Tensor w = weights.layer(layer).tensor("weight");
            Tensor w0 = baseA.weights().layer(layer).tensor("weight");
            for (int i = 0; i < w.size(); i++) {
                sum += Math.pow(w.get(i) - w0.get(i), 2);
            }
        }
        return Math.sqrt(sum);
    }

    @Test
    void bitFit_changesOnlyTheCopiedLayersBiases() {
        Network bitFit = Transfer.from(baseA).copy(2).policy(FineTuning.bitFit()).train(taskB, CONFIG);

        for (int layer = 1; layer <= 2; layer++) {
            assertThat(bitFit.weights().layer(layer).tensor("weight"))
                    .isEqualTo(baseA.weights().layer(layer).tensor("weight"));
            assertThat(bitFit.weights().layer(layer).tensor("bias"))
                    .isNotEqualTo(baseA.weights().layer(layer).tensor("bias"));
        }
    }

    @Test
    void anyLayersFrozen_keepsExactlyThose() {
        Network network = train(baseA, "1,3..", CONFIG);

        assertThat(network.weights().layer(1)).isNotEqualTo(baseA.weights().layer(1));
        assertThat(network.weights().layer(2)).isEqualTo(baseA.weights().layer(2));
        assertThat(network.frozenLayers()).isZero();
    }

    @Test
    void batchNorm_runningStatisticsOfFrozenLayersChangeOnlyWhereTheModeAllowsIt() {
        Network running = Transfer.from(baseBatchNorm).copy(2).freeze().train(taskB, CONFIG);
        Network batch = Transfer.from(baseBatchNorm).copy(2)
                .policy(FineTuning.frozen().withBatchNorm(FrozenBatchNorm.BATCH)).train(taskB, CONFIG);
        Network trained = Transfer.from(baseBatchNorm).copy(2)
                .policy(FineTuning.frozen().withBatchNorm(FrozenBatchNorm.TRAINED)).train(taskB, CONFIG);

        for (int layer = 1; layer <= 2; layer++) {
            LayerWeights source = baseBatchNorm.weights().layer(layer);
            assertThat(running.weights().layer(layer)).isEqualTo(source);
            for (String statistic : List.of("mean", "variance")) {
                assertThat(batch.weights().layer(layer).tensor(statistic)).isNotEqualTo(source.tensor(statistic));
                assertThat(trained.weights().layer(layer).tensor(statistic)).isNotEqualTo(source.tensor(statistic));
            }
            for (String parameter : List.of("weight", "bias", "gamma", "beta")) {
                assertThat(batch.weights().layer(layer).tensor(parameter)).isEqualTo(source.tensor(parameter));
            }
            assertThat(trained.weights().layer(layer).tensor("weight")).isEqualTo(source.tensor("weight"));
            assertThat(trained.weights().layer(layer).tensor("gamma")).isNotEqualTo(source.tensor("gamma"));
            assertThat(trained.weights().layer(layer).tensor("beta")).isNotEqualTo(source.tensor("beta"));
        }
    }

    @Test
    void fit_multiPhasePolicyWithFrozenPrefixCachedGivesTheSameNetwork() {
        Network prepared = Transfer.from(baseA).copy(2).policy(FineTuning.parse("1:new>n..")).prepare(taskB, 5);

        Network cached = Backend.of(engine(), Long.MAX_VALUE).fit(prepared, taskB, CONFIG, TrainingListener.NONE);
        Network images = backend().fit(prepared, taskB, CONFIG, TrainingListener.NONE);

        assertThat(prepared.frozenLayers()).isEqualTo(1);
        assertThat(cached.weights()).isEqualTo(images.weights());
    }

    @Test
    void policy_freshLayerNeverTrained_failsAtTheCall() {
        assertThatThrownBy(() -> Transfer.from(baseA).copy(2).policy(FineTuning.parse("copied")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy copied never trains layer 3 (fc3) at n = 2, which is freshly "
                        + "initialised");
    }

    @Test
    void train_phasesTakingEveryEpoch_failsBeforeTraining() {
        assertThatThrownBy(() -> train(baseA, "3:new>all", CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy 3:new>all runs 3 epochs before its last phase, which leaves none of "
                        + "the configuration's 3 (epochs must be at least 4)");
    }
}
