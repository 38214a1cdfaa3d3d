package org.transferable.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.network.Backend;
import org.transferable.network.Network;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.train.TrainingConfig;
import org.transferable.transfer.Transfer;

/** What the DL4J engine adds for DL4J users: {@code model.zip} next to the neutral files, and the network as DL4J's. */
class Dl4jEngineTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder("zip", InputShape.image(1, 28, 28))
            .conv("conv1", 4, 5, Pooling.max(2, 2))
            .dense("fc2", 16, 0.5)
            .output("out");

    @TempDir
    Path dir;

    @Test
    void save_writesAModelZipThatDl4jRestoresWithTheSameOutputsAndFrozenLayers() throws Exception {
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2), List.of(3, 4)).apply(FashionMnistFixture.load());
        Task a = new Task("A", split.a().train().perClass(30, 1), split.a().test().perClass(10, 1));
        Task b = new Task("B", split.b().train().perClass(30, 1), split.b().test().perClass(10, 1));
        Backend backend = Backend.of(new Dl4jEngine(), 0);
        Network base = backend.train(SPEC, a, TrainingConfig.defaults().withEpochs(1).withBatchSize(16));
        Network frozen = Transfer.from(base).copy(1).freeze().train(b, TrainingConfig.defaults().withEpochs(1));

        frozen.save(dir);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(dir.resolve(Dl4jEngine.MODEL_FILE)
                .toFile(), false);

        assertThat(restored.getLayerWiseConfigurations().getConf(0).getLayer()).isInstanceOf(FrozenLayer.class);
        assertThat(restored.getLayerWiseConfigurations().getConf(2).getLayer()).isNotInstanceOf(FrozenLayer.class);
        float[] pixels = new float[10 * 784];
        for (int i = 0; i < 10; i++) {
            b.test().copyImage(i, pixels, i * 784);
        }
        INDArray input = Nd4j.create(pixels, new long[] {10, 1, 28, 28}, 'c');
        INDArray expected = Dl4jEngine.toMultiLayerNetwork(frozen).output(input, false);
        assertThat(restored.output(input, false)).isEqualTo(expected);
        assertThat(backend.load(dir).weights()).isEqualTo(frozen.weights());
    }
}
