package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.network.LayerPolicy;
import org.transferable.network.Network;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.OutputLayer;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.TransferPlan;

/**
 * What freezing means inside the DJL backend, as in the DL4J backend's test of the same name: no solver state and
 * no gradient for frozen layers, dropout off between frozen layers but on at the boundary, and batch normalisation
 * frozen to its running statistics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrozenLayerSemanticsTest {
    private final DjlBackend backend = new DjlBackend();
    private final TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(3);
    private Task taskA;
    private Task taskB;

    @BeforeAll
    void data() {
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9)).apply(FashionMnistFixture.load());
        taskA = new Task("A", split.a().train().perClass(60, 1), split.a().test().perClass(20, 1));
        taskB = new Task("B", split.b().train().perClass(60, 1), split.b().test().perClass(20, 1));
    }

    private Network prepare(NetworkSpec spec, int n, LayerPolicy policy) {
        Network source = backend.train(spec, taskA, config);
        return backend.transfer(source, new TransferPlan("A", n, policy, "B"), taskB, 11);
    }

    private static NetworkBlocks blocks(Network network) {
        return NetworkBlocks.build(LayerLayout.of(network.spec(), network.classNames().size()), network.weights(),
                network.frozenLayers(), new SplittableRandom(5));
    }

    @Test
    void fit_frozenLayersHaveNoSolverStateAndNoGradient() {
        NetworkSpec spec = NetworkSpec.builder("mlp", InputShape.image(1, 28, 28))
                .dense("fc1", 16).dense("fc2", 8).output("out");
        Network frozen = prepare(spec, 2, LayerPolicy.FROZEN);
        long outParams = frozen.weights().layer(3).parameterCount();
        try (NetworkBlocks blocks = blocks(frozen)) {
            SgdMomentum solver = Trainer.train(blocks, taskB.train(), config, TrainingListener.NONE);
            // classical momentum keeps one velocity per trainable value and none for frozen ones
            assertThat(solver.stateSize()).isEqualTo(outParams);
            assertThat(blocks.trainable()).extracting(b -> b.slot().name()).containsExactly("weight", "bias");
        }
        Network fineTuned = prepare(spec, 2, LayerPolicy.FINE_TUNED);
        try (NetworkBlocks blocks = blocks(fineTuned)) {
            SgdMomentum solver = Trainer.train(blocks, taskB.train(), config, TrainingListener.NONE);
            assertThat(solver.stateSize()).isEqualTo(fineTuned.weights().parameterCount());
        }
    }

    @Test
    void fit_dropoutIsOffBetweenFrozenLayersAndOnAtTheBoundary() {
        NetworkSpec spec = NetworkSpec.builder("dropout", InputShape.image(1, 28, 28))
                .dense("fc1", 32, 0.5).dense("fc2", 32, 0.5).output("out");
        Network prepared = prepare(spec, 2, LayerPolicy.FROZEN);
        Network free = backend.transfer(prepared, TransferPlan.parse("B2B+"), taskB, 11);
        try (NetworkBlocks frozen = blocks(prepared); NetworkBlocks fineTuned = blocks(free);
                NDManager manager = frozen.manager().newSubManager()) {
            float[] pixels = new float[16 * 784];
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextDouble();
            }
            NDArray x = manager.create(pixels, new Shape(16, 1, 28, 28));
            try (Autograd off = Autograd.off()) {
                // fc1's output dropout is applied at the start of fc2, which is frozen and runs in inference mode
                assertThat(frozen.forward(x, 2, true).toFloatArray()).isEqualTo(frozen.forward(x, 2, false).toFloatArray());
                // fc2's output dropout is applied at the start of the trainable output layer: on
                assertThat(frozen.forward(x, true).toFloatArray()).isNotEqualTo(frozen.forward(x, false).toFloatArray());
                // without freezing, fc2 applies fc1's output dropout in training
                assertThat(fineTuned.forward(x, 2, true).toFloatArray())
                        .isNotEqualTo(fineTuned.forward(x, 2, false).toFloatArray());
            }
        }
    }

    @Test
    void fit_frozenBatchNormKeepsRunningStatisticsFineTunedUpdatesThem() {
        NetworkSpec spec = new NetworkSpec("bn", InputShape.image(1, 28, 28), List.of(
                ConvolutionLayer.of("conv1", 4, 5).withBatchNorm(true).withPooling(Pooling.max(2, 2)),
                DenseLayer.of("fc2", 16),
                new OutputLayer("out")));
        Network source = backend.train(spec, taskA, config);
        var sourceLayer = source.weights().layer(1);
        assertThat(sourceLayer.tensors()).extracting(t -> t.name())
                .containsExactly("bias", "weight", "gamma", "beta", "mean", "variance");
        // the base's own training moved its running statistics away from their initial 0 and 1
        assertThat(sourceLayer.tensor("mean").get(0)).isNotZero();

        Network frozen = backend.fit(backend.transfer(source, TransferPlan.parse("A1B"), taskB, 11), taskB, config,
                TrainingListener.NONE);
        assertThat(frozen.weights().layer(1)).isEqualTo(sourceLayer);

        Network fineTuned = backend.fit(backend.transfer(source, TransferPlan.parse("A1B+"), taskB, 11), taskB, config,
                TrainingListener.NONE);
        assertThat(fineTuned.weights().layer(1).tensor("mean")).isNotEqualTo(sourceLayer.tensor("mean"));
        assertThat(fineTuned.weights().layer(1).tensor("variance")).isNotEqualTo(sourceLayer.tensor("variance"));
    }
}
