package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.ClassSplit;
import org.transferable.data.LabelledImages;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.imports.TorchImport;
import org.transferable.json.Json;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.similarity.FeatureMatrix;
import org.transferable.spec.Activation;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.OutputLayer;
import org.transferable.spec.Pooling;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.train.TrainingConfig;
import org.transferable.transfer.Transfer;

/**
 * A network trained with PyTorch itself ({@code torch/make_fixture.py}, Debian's torch 1.13: an
 * {@code nn.Sequential} of two convolution blocks, one with batch normalisation, a dense layer with dropout and an
 * output layer), imported from its {@code state_dict} ({@link TorchImport}) and run on both backends: on exactly the
 * images PyTorch evaluated (the first 500 test images of classes 0-4 in file order) it has PyTorch's accuracy within
 * 0.5 points, the same predictions but for at most 2 images, and PyTorch's softmax probabilities within 1e-4; and
 * it is the source of a fine-tuned transfer. A second, smaller network from the same script ({@code same-*}: an
 * even kernel with {@code padding='same'}, {@code padding='valid'}, dropout after each convolution block) is held to
 * the same agreement. Lives here because this module's tests have both backends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportFromTorchTest {
    /** Accuracy points the imported network may differ from PyTorch's by: float rounding may flip close calls. */
    private static final double TOLERANCE = 0.005;

    @TempDir
    Path dir;
    private Path stateDict;
    private Path modules;
    private JsonNode expected;
    private SplitTasks tasks;
    private LabelledImages pytorchImages;

    @BeforeAll
    void readFixture() throws IOException, URISyntaxException {
        stateDict = Path.of(getClass().getResource("torch/model.safetensors").toURI());
        modules = Path.of(getClass().getResource("torch/model.json").toURI());
        expected = Json.mapper().readTree(getClass().getResource("torch/expected.json"));
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9))
                .apply(FashionMnistFixture.load());
        pytorchImages = split.a().test().head(expected.get("images").asInt());
        tasks = new SplitTasks(new Task("A", split.a().train().perClass(200, 1), pytorchImages),
                new Task("B", split.b().train().perClass(200, 1), split.b().test().perClass(100, 1)));
    }

    @Test
    void load_stateDict_evaluatesAsInPyTorchOnBothBackendsAndTransfers() throws IOException {
        double pytorch = expected.get("accuracy").asDouble();
        for (Backend backend : List.of(Backends.load("djl"), Backends.load("dl4j"))) {
            Network imported = TorchImport.load(stateDict, modules, "A", tasks.a().classNames(), backend);

            double accuracy = imported.evaluate(pytorchImages).accuracy();
            assertThat(imported.spec().layerCount()).isEqualTo(4);
            assertThat(accuracy).as("accuracy on %s", backend.name()).isCloseTo(pytorch, within(TOLERANCE));
            FeatureMatrix probabilities = imported.activations(pytorchImages, 4);
            int disagreements = 0;
            for (int i = 0; i < pytorchImages.size(); i++) {
                disagreements += argMax(probabilities, i) == expected.get("predictions").get(i).asInt() ? 0 : 1;
            }
            assertThat(disagreements).as("predictions unlike PyTorch's on %s", backend.name()).isLessThanOrEqualTo(2);
            double largest = 0;
            for (int i = 0; i < expected.get("probabilities").size(); i++) {
                for (int c = 0; c < 5; c++) {
                    double torch = expected.get("probabilities").get(i).get(c).asDouble();
                    largest = Math.max(largest, Math.abs(probabilities.get(i, c) - torch));
                    assertThat((double) probabilities.get(i, c)).as("image %d class %d on %s", i, c, backend.name())
                            .isCloseTo(torch, within(1e-4));
                }
            }
            System.out.printf("PyTorch import on %s: accuracy %.4f (PyTorch's %.4f), %d predictions unlike "
                    + "PyTorch's, probabilities within %.2g%n", backend.name(), accuracy, pytorch, disagreements,
                    largest);
            assertThat(imported.provenance().origin()).isEqualTo("imported from PyTorch " + stateDict.toAbsolutePath()
                    + " (torch 1.13.0a0)");
            Network anbPlus = Transfer.from(imported).copy(2).fineTune()
                    .train(tasks.b(), TrainingConfig.defaults().withEpochs(2).withBatchSize(32));
            assertThat(anbPlus.evaluate(tasks.b().test()).accuracy()).isGreaterThan(0.6);
            assertThat(anbPlus.provenance().origin()).isEqualTo("A2B+");
        }
        assertThat(pytorch).isGreaterThan(0.8);
    }

    @Test
    void load_samePaddingAndDropoutAfterConvolutions_evaluatesAsInPyTorchOnBothBackends() throws IOException,
            URISyntaxException {
        // same-model.*: Conv2d(1, 6, 4, padding='same') (PyTorch pads 1 above and left, 2 below and right), ReLU,
        // MaxPool2d(2), Dropout(0.2), Conv2d(6, 8, 3, padding='valid'), Tanh, MaxPool2d(2), Dropout(0.1), Flatten,
        // Linear(288, 5)
        Path sameStateDict = Path.of(getClass().getResource("torch/same-model.safetensors").toURI());
        Path sameModules = Path.of(getClass().getResource("torch/same-model.json").toURI());
        JsonNode sameExpected = Json.mapper().readTree(getClass().getResource("torch/same-expected.json"));
        for (Backend backend : List.of(Backends.load("djl"), Backends.load("dl4j"))) {
            Network imported = TorchImport.load(sameStateDict, sameModules, "A", tasks.a().classNames(), backend);

            assertThat(imported.spec().layers()).containsExactly(
                    ConvolutionLayer.of("layer1", 6, 4).withSamePadding().withPooling(Pooling.max(2, 2))
                            .withDropout(0.2),
                    ConvolutionLayer.of("layer2", 8, 3).withActivation(Activation.TANH)
                            .withPooling(Pooling.max(2, 2)).withDropout(0.1),
                    new OutputLayer("layer3"));
            double accuracy = imported.evaluate(pytorchImages).accuracy();
            assertThat(accuracy).as("accuracy on %s", backend.name())
                    .isCloseTo(sameExpected.get("accuracy").asDouble(), within(TOLERANCE));
            FeatureMatrix probabilities = imported.activations(pytorchImages, 3);
            int disagreements = 0;
            for (int i = 0; i < pytorchImages.size(); i++) {
                disagreements += argMax(probabilities, i) == sameExpected.get("predictions").get(i).asInt() ? 0 : 1;
            }
            assertThat(disagreements).as("predictions unlike PyTorch's on %s", backend.name()).isLessThanOrEqualTo(2);
            double largest = 0;
            for (int i = 0; i < sameExpected.get("probabilities").size(); i++) {
                for (int c = 0; c < 5; c++) {
                    double torch = sameExpected.get("probabilities").get(i).get(c).asDouble();
                    largest = Math.max(largest, Math.abs(probabilities.get(i, c) - torch));
                    assertThat((double) probabilities.get(i, c)).as("image %d class %d on %s", i, c, backend.name())
                            .isCloseTo(torch, within(1e-4));
                }
            }
            System.out.printf("PyTorch same-padding import on %s: accuracy %.4f (PyTorch's %.4f), %d predictions "
                    + "unlike PyTorch's, probabilities within %.2g%n", backend.name(), accuracy,
                    sameExpected.get("accuracy").asDouble(), disagreements, largest);
        }
    }

    private static int argMax(FeatureMatrix rows, int row) {
        int best = 0;
        for (int c = 1; c < rows.cols(); c++) {
            best = rows.get(row, c) > rows.get(row, best) ? c : best;
        }
        return best;
    }

    @Test
    void load_leakyReluOfAnotherSlope_isRefusedNamingTheModule() throws IOException {
        Path changed = changed(list -> ((ObjectNode) list.get(1)).put("type", "LeakyReLU").put("negative_slope", 0.2));

        assertThatThrownBy(() -> TorchImport.load(stateDict, changed, "A", tasks.a().classNames(),
                Backends.load("dl4j")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("module 1 of the PyTorch network (LeakyReLU) cannot be imported: expected negative_slope "
                        + "0.01 (PyTorch's default, as the spec's leaky ReLU), got 0.2; supported: Conv2d (square "
                        + "kernel and stride, square padding or 'same' or 'valid', zeros padding, no dilation or "
                        + "groups, with bias) [+ BatchNorm2d] [+ activation] [+ MaxPool2d or AvgPool2d (square, no "
                        + "padding, floor mode)] [+ Dropout], once Flatten, Linear (with bias) [+ BatchNorm1d] "
                        + "[+ activation] [+ Dropout], and a Linear last [+ Softmax or LogSoftmax]; activations: "
                        + "ReLU, LeakyReLU (negative_slope 0.01), Tanh, Sigmoid, Identity (none is the identity)");
    }

    @Test
    void load_otherActivationsAndAveragePooling_mapToTheSpecAndAgreeOnBothBackends() throws IOException {
        Path changed = changed(list -> {
            ((ObjectNode) list.get(1)).put("type", "Tanh");
            ((ObjectNode) list.get(2)).put("type", "AvgPool2d").put("count_include_pad", true)
                    .putNull("divisor_override").remove("dilation");
            ((ObjectNode) list.get(5)).put("type", "LeakyReLU").put("negative_slope", 0.01);
            ((ObjectNode) list.get(9)).put("type", "Sigmoid");
        });

        Network onDjl = TorchImport.load(stateDict, changed, "A", tasks.a().classNames(), Backends.load("djl"));
        Network onDl4j = TorchImport.load(stateDict, changed, "A", tasks.a().classNames(), Backends.load("dl4j"));

        assertThat(onDjl.spec().layers()).containsExactly(
                new ConvolutionLayer("layer1", 8, 5, 1, 0, false, Pooling.average(2, 2), Activation.TANH),
                new ConvolutionLayer("layer2", 16, 3, 1, 1, true, Pooling.max(2, 2), Activation.LEAKY_RELU),
                new DenseLayer("layer3", 32, 0.25, false, Activation.SIGMOID),
                new OutputLayer("layer4"));
        assertThat(onDl4j.weights()).isEqualTo(onDjl.weights());
        var images = tasks.a().test().head(100);
        float[] a = onDjl.activations(images, 4).values();
        float[] b = onDl4j.activations(images, 4).values();
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).as("probability %d", i).isCloseTo(a[i], within(1e-4f));
        }
    }

    @Test
    void load_unknownModule_isRefusedAsHavingNoCounterpart() throws IOException {
        Path changed = changed(list -> ((ObjectNode) list.get(2)).put("type", "GELU"));

        assertThatThrownBy(() -> TorchImport.load(stateDict, changed, "A", tasks.a().classNames(),
                Backends.load("dl4j")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module 2 of the PyTorch network (GELU) cannot be imported: it has no "
                        + "counterpart in a NetworkSpec; supported: Conv2d");
    }

    @Test
    void load_batchNormAfterRelu_isRefusedSayingWhereItMustBe() throws IOException {
        Path changed = changed(list -> {
            list.insert(4, list.remove(5));
            ((ObjectNode) list.get(4)).put("name", "4");
            ((ObjectNode) list.get(5)).put("name", "5");
        });

        assertThatThrownBy(() -> TorchImport.load(stateDict, changed, "A", tasks.a().classNames(),
                Backends.load("dl4j")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module 5 of the PyTorch network (BatchNorm2d) cannot be imported: batch "
                        + "normalisation is supported only right after a Conv2d or Linear, before its ReLU");
    }

    @Test
    void load_linearOfTheWrongWidth_isRefusedNamingTensorAndShapes() throws IOException {
        // padding 2 on the first convolution: 16x7x7 = 784 values reach the Linear, whose weight is [32, 576]
        Path changed = changed(list -> ((ObjectNode) list.get(0)).putArray("padding").add(2).add(2));

        assertThatThrownBy(() -> TorchImport.load(stateDict, changed, "A", tasks.a().classNames(),
                Backends.load("dl4j")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("module 8 of the PyTorch network (Linear) on input 16x7x7 needs tensor 8.weight of shape "
                        + "[32, 784] but model.safetensors has [32, 576]");
    }

    @Test
    void load_tooFewClassNames_isRefused() {
        assertThatThrownBy(() -> TorchImport.load(stateDict, modules, "A", List.of("a", "b", "c"),
                Backends.load("dl4j")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the PyTorch network's last Linear (module 11) has 5 outputs but 3 class names were "
                        + "given [a, b, c]");
    }

    @Test
    void load_missingFile_isANoSuchFileException() {
        Path missing = dir.resolve("absent.safetensors");

        assertThatThrownBy(() -> TorchImport.load(missing, modules, "A", tasks.a().classNames(),
                Backends.load("dl4j")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no PyTorch state_dict file");
    }

    /** @return a copy of the fixture's description with its module list changed */
    private Path changed(Consumer<ArrayNode> change) throws IOException {
        ObjectNode root = (ObjectNode) Json.mapper().readTree(modules.toFile());
        change.accept((ArrayNode) root.get("modules"));
        Path file = Files.createTempFile(dir, "model", ".json");
        Files.writeString(file, root.toString());
        return file;
    }
}
