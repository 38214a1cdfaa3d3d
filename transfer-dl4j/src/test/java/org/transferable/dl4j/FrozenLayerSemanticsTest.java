package org.transferable.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.network.LayerPolicy;
import org.transferable.network.Network;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.TransferPlan;

/**
 * What freezing means inside the DL4J backend: no updater state for frozen layers, dropout off between frozen
 * layers but on at the boundary, and batch normalisation frozen to its running statistics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrozenLayerSemanticsTest {
    private final Dl4jBackend backend = new Dl4jBackend();
    private final TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(3);
    private Task taskA;
    private Task taskB;

    @BeforeAll
    void data() {
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9)).apply(FashionMnistFixture.load());
        taskA = new Task("A", split.a().train().perClass(60, 1), split.a().test().perClass(20, 1));
        taskB = new Task("B", split.b().train().perClass(60, 1), split.b().test().perClass(20, 1));
    }

    private Dl4jNetwork transferAndFit(NetworkSpec spec, int n, LayerPolicy policy) {
        Network source = backend.train(spec, taskA, config);
        Network prepared = backend.transfer(source, new TransferPlan("A", n, policy, "B"), taskB, 11);
        return (Dl4jNetwork) backend.fit(prepared, taskB, config, TrainingListener.NONE);
    }

    @Test
    void fit_frozenLayersHaveNoUpdaterState() {
        NetworkSpec spec = NetworkSpec.builder("mlp", InputShape.image(1, 28, 28))
                .dense("fc1", 16).dense("fc2", 8).output("out");
        Dl4jNetwork trained = transferAndFit(spec, 2, LayerPolicy.FROZEN);
        MultiLayerNetwork model = trained.model();
        long frozenParams = model.getLayer(0).numParams() + model.getLayer(1).numParams();
        long trainableParams = model.numParams() - frozenParams;
        // classical momentum keeps one velocity per trainable parameter and none for frozen ones
        assertThat(model.getUpdater().getStateViewArray().length()).isEqualTo(trainableParams);
        Dl4jNetwork fineTuned = transferAndFit(spec, 2, LayerPolicy.FINE_TUNED);
        assertThat(fineTuned.model().getUpdater().getStateViewArray().length()).isEqualTo(model.numParams());
    }

    @Test
    void fit_dropoutIsOffBetweenFrozenLayersAndOnAtTheBoundary() {
        NetworkSpec spec = NetworkSpec.builder("dropout", InputShape.image(1, 28, 28))
                .dense("fc1", 32, 0.5).dense("fc2", 32, 0.5).output("out");
        MultiLayerNetwork frozen = transferAndFit(spec, 2, LayerPolicy.FROZEN).model();
        MultiLayerNetwork free = transferAndFit(spec, 2, LayerPolicy.FINE_TUNED).model();
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, 784);

        // Activations [input, fc1, fc2, out]. Stop at fc2 (DL4J layer 1) when comparing it, because the next
        // layer's dropout works in place on its input array.
        // fc1's output dropout is applied by fc2, which is frozen and runs in inference mode -> off
        assertThat(frozen.feedForwardToLayer(1, x, true).get(2)).isEqualTo(frozen.feedForwardToLayer(1, x, false).get(2));
        // fc2's output dropout is applied by the trainable output layer -> on
        assertThat(frozen.feedForward(x, true).get(3)).isNotEqualTo(frozen.feedForward(x, false).get(3));
        // without freezing, fc2 applies fc1's output dropout in training
        assertThat(free.feedForwardToLayer(1, x, true).get(2)).isNotEqualTo(free.feedForwardToLayer(1, x, false).get(2));
    }

    @Test
    void fit_frozenBatchNormKeepsRunningStatisticsFineTunedUpdatesThem() {
        NetworkSpec spec = new NetworkSpec("bn", InputShape.image(1, 28, 28), List.of(
                ConvolutionLayer.of("conv1", 4, 5).withBatchNorm(true).withPooling(Pooling.max(2, 2)),
                org.transferable.spec.DenseLayer.of("fc2", 16),
                new org.transferable.spec.OutputLayer("out")));
        Network source = backend.train(spec, taskA, config);
        var sourceLayer = source.weights().layer(1);
        assertThat(sourceLayer.tensors()).extracting(t -> t.name())
                .containsExactlyInAnyOrder("weight", "bias", "gamma", "beta", "mean", "variance");

        Network frozen = backend.fit(backend.transfer(source, TransferPlan.parse("A1B"), taskB, 11), taskB, config,
                TrainingListener.NONE);
        assertThat(frozen.weights().layer(1)).isEqualTo(sourceLayer);

        Network fineTuned = backend.fit(backend.transfer(source, TransferPlan.parse("A1B+"), taskB, 11), taskB, config,
                TrainingListener.NONE);
        assertThat(fineTuned.weights().layer(1).tensor("mean")).isNotEqualTo(sourceLayer.tensor("mean"));
        assertThat(fineTuned.weights().layer(1).tensor("variance")).isNotEqualTo(sourceLayer.tensor("variance"));
    }
}
