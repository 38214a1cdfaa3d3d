package org.transferable.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.json.Json;
import org.transferable.network.LayerWeights;
import org.transferable.network.Network;
import org.transferable.network.NetworkWeights;
import org.transferable.network.Provenance;
import org.transferable.network.Tensor;
import org.transferable.network.WeightsFile;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.OutputLayer;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.Transfer;

/**
 * {@link NetworkStore}: a directory without {@code model.zip}, or saved by another backend, loads from
 * {@code weights.safetensors} and the spec, and behaves as the saved network; one with neither format is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkStoreTest {
    /** Batch norm (running mean and variance are parameters too) and dropout, as in the cross-backend test. */
    private static final NetworkSpec SPEC = new NetworkSpec("store", InputShape.image(1, 28, 28), List.of(
            ConvolutionLayer.of("conv1", 4, 5).withBatchNorm(true).withPooling(Pooling.max(2, 2)),
            ConvolutionLayer.of("conv2", 8, 5).withPooling(Pooling.max(2, 2)),
            DenseLayer.of("fc3", 16).withBatchNorm(true).withDropout(0.25),
            new OutputLayer("fc4")));
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(5);

    private final Dl4jBackend backend = new Dl4jBackend();
    private Task taskB;
    private Network frozen;
    private Network fineTuned;

    @BeforeAll
    void networks() {
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9)).apply(FashionMnistFixture.load());
        Task taskA = new Task("A", split.a().train().perClass(60, 1), split.a().test().perClass(20, 1));
        taskB = new Task("B", split.b().train().perClass(60, 1), split.b().test().perClass(20, 1));
        Network baseA = backend.train(SPEC, taskA, CONFIG);
        frozen = Transfer.from(baseA).copy(2).freeze().train(taskB, CONFIG);
        fineTuned = Transfer.from(baseA).copy(2).fineTune().train(taskB, CONFIG);
    }

    private static String needs(Path dir) {
        return dir + ": not a saved network: needs network.json and weights.safetensors (saved by any backend) or "
                + "network.json and model.zip (saved by dl4j); ";
    }

    /** Rewrites network.json as if another backend had saved the network. */
    private static void provenanceOf(String backendName, Network network, Path dir) throws IOException {
        Provenance p = network.provenance();
        Json.writeAtomically(dir.resolve(NetworkStore.META), new Provenance(p.spec(), p.task(), p.classNames(),
                p.origin(), p.frozenLayers(), p.initSeed(), p.training(), backendName, "another engine",
                p.libraryVersion(), p.java(), p.os(), p.created()));
    }

    @Test
    void load_withoutModelZip_buildsFromSafetensorsAndBehavesAsSaved(@TempDir Path dir) throws IOException {
        frozen.save(dir);
        Files.delete(dir.resolve(NetworkStore.MODEL));

        Network loaded = backend.load(dir);

        assertThat(loaded).isInstanceOf(Dl4jNetwork.class);
        assertThat(loaded.weights()).isEqualTo(frozen.weights());
        assertThat(loaded.provenance()).isEqualTo(frozen.provenance());
        assertThat(loaded.frozenLayers()).isEqualTo(2);
        assertThat(loaded.evaluate(taskB.test())).isEqualTo(frozen.evaluate(taskB.test()));
        Network trainedAgain = backend.fit(loaded, taskB, CONFIG.withSeed(6), TrainingListener.NONE);
        assertThat(trainedAgain.weights()).isEqualTo(backend.fit(frozen, taskB, CONFIG.withSeed(6),
                TrainingListener.NONE).weights());
        assertThat(trainedAgain.weights().layer(2)).isEqualTo(frozen.weights().layer(2));
    }

    @Test
    void load_provenanceOfAnotherBackend_readsSafetensorsNotModelZip(@TempDir Path dir) throws IOException {
        frozen.save(dir);
        WeightsFile.write(fineTuned.weights(), dir.resolve(WeightsFile.FILE_NAME));
        provenanceOf("djl", fineTuned, dir);

        Network loaded = backend.load(dir);

        assertThat(loaded.backend().name()).isEqualTo("dl4j");
        assertThat(loaded.provenance().backend()).isEqualTo("djl");
        assertThat(loaded.weights()).isEqualTo(fineTuned.weights());
        assertThat(loaded.frozenLayers()).isZero();
        assertThat(loaded.evaluate(taskB.test())).isEqualTo(fineTuned.evaluate(taskB.test()));
    }

    @Test
    void load_emptyDirectory_namesDirectoryAndTheFilesNeeded(@TempDir Path dir) {
        assertThatThrownBy(() -> backend.load(dir))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(needs(dir) + "it has none of them");
        assertThatThrownBy(() -> backend.load(dir.resolve("absent")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(needs(dir.resolve("absent")) + "it does not exist");
    }

    @Test
    void load_withoutNetworkJson_namesTheFilesItHas(@TempDir Path dir) throws IOException {
        frozen.save(dir);
        Files.delete(dir.resolve(NetworkStore.META));

        assertThatThrownBy(() -> backend.load(dir))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(needs(dir) + "it has only [weights.safetensors, model.zip]");
    }

    @Test
    void load_onlyModelZipOfAnotherBackend_isRefused(@TempDir Path dir) throws IOException {
        frozen.save(dir);
        Files.delete(dir.resolve(WeightsFile.FILE_NAME));
        provenanceOf("djl", frozen, dir);

        assertThatThrownBy(() -> backend.load(dir))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(needs(dir) + "it has only [network.json, model.zip], and network.json says backend djl "
                        + "saved it, so model.zip is not this backend's");
    }

    @Test
    void load_safetensorsWithAnotherOutputWidth_isRejectedNamingFileLayerAndShapes(@TempDir Path dir)
            throws IOException {
        frozen.save(dir);
        Files.delete(dir.resolve(NetworkStore.MODEL));
        List<LayerWeights> layers = new ArrayList<>(frozen.weights().layers());
        layers.set(3, new LayerWeights("fc4", List.of(new Tensor("weight", List.of(16, 3), new float[48]),
                new Tensor("bias", List.of(3), new float[3]))));
        WeightsFile.write(new NetworkWeights(layers), dir.resolve(WeightsFile.FILE_NAME));

        assertThatThrownBy(() -> backend.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve(WeightsFile.FILE_NAME) + " does not fit the network in network.json: layer fc4: "
                        + "tensor weight has shape [16, 3] but the network expects [16, 5]");
    }

    @Test
    void load_safetensorsOfOtherLayerNames_isRejectedNamingFileAndLayer(@TempDir Path dir) throws IOException {
        frozen.save(dir);
        Files.delete(dir.resolve(NetworkStore.MODEL));
        List<LayerWeights> layers = new ArrayList<>(frozen.weights().layers());
        layers.set(2, new LayerWeights("dense3", layers.get(2).tensors()));
        WeightsFile.write(new NetworkWeights(layers), dir.resolve(WeightsFile.FILE_NAME));

        assertThatThrownBy(() -> backend.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve(WeightsFile.FILE_NAME) + " does not fit the network in network.json: layer 3 "
                        + "of network store is fc3 but layer 3 of the weights is dense3");
    }
}
