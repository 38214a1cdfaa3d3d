package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.transferable.data.ClassSplit;
import org.transferable.data.ImageFolder;
import org.transferable.data.LabelledImages;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.dl4j.Dl4jImport;
import org.transferable.imports.TorchImport;
import org.transferable.json.Json;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.policy.FineTuning;
import org.transferable.spec.InputShape;
import org.transferable.study.CellResult;
import org.transferable.study.PolicyStudy;
import org.transferable.study.PolicyStudyPlan;
import org.transferable.study.PolicyStudyResult;
import org.transferable.study.Study;
import org.transferable.study.StudyPlan;
import org.transferable.study.StudyProgress;
import org.transferable.study.StudyResult;
import org.transferable.study.Treatment;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.train.TrainingConfig;
import org.transferable.transfer.Transfer;

/**
 * The whole path of a practitioner who has a network and a folder of images: Fashion-MNIST written out as PNG files in
 * {@code train/} and {@code test/} class folders and read back as an {@link ImageFolder} task; a network trained with
 * DL4J's own API on its half A and a network trained with PyTorch (the committed {@code torch/} fixture) imported
 * on both backends, each evaluating on the folder's images as in its own framework; each the source of a fine-tuned
 * transfer onto the folder's half B; and a tiny study with the DL4J network as its baseA, interrupted and resumed
 * with identical numbers. Lives here because this module's tests have both backends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportedSourceOnImageFolderTest {
    private static final InputShape INPUT = InputShape.image(1, 28, 28);
    private static final List<Integer> HALF_A = List.of(0, 1, 2, 3, 4);
    private static final List<Integer> HALF_B = List.of(5, 6, 7, 8, 9);
    private static final StudyProgress QUIET = new StudyProgress() {
    };

    @TempDir
    static Path dir;
    private Task folder;
    private SplitTasks halves;
    private Path dl4jZip;
    private double dl4jAccuracy;
    private JsonNode torchExpected;

    @BeforeAll
    void writeImageFolderAndTrainWithDl4j() throws IOException, URISyntaxException {
        torchExpected = Json.mapper().readTree(getClass().getResource("torch/expected.json"));
        Task fashion = FashionMnistFixture.load();
        Path root = dir.resolve("fashion-png");
        SplitTasks original = ClassSplit.of(HALF_A, HALF_B).apply(fashion);
        // test/: for classes 0-4 exactly the images PyTorch evaluated when it made the fixture, 100 of each other class
        write(original.a().test().head(torchExpected.get("images").asInt()), HALF_A, root.resolve("test"), 1000);
        write(original.b().test(), HALF_B, root.resolve("test"), 100);
        write(original.a().train(), HALF_A, root.resolve("train"), 200);
        write(original.b().train(), HALF_B, root.resolve("train"), 200);

        folder = ImageFolder.at(root).shape(INPUT).load();
        halves = ClassSplit.of(HALF_A, HALF_B).apply(folder);

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork trained = new MultiLayerNetwork(conf);
        trained.init();
        DataSet data = Dl4jDataSets.of(halves.a().train());
        data.shuffle(7);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (DataSet batch : data.batchBy(50)) {
                trained.fit(batch);
            }
        }
        dl4jAccuracy = Dl4jDataSets.accuracy(trained, halves.a().test());
        dl4jZip = dir.resolve("dl4j-model.zip");
        ModelSerializer.writeModel(trained, dl4jZip.toFile(), false);
    }

    /**
     * Writes the first {@code perClass} images of each class as lossless 8-bit grey PNG files,
     * {@code folder/<original class>-<name>/<i>.png}, numbered in file order so that the folder lists them in it.
     */
    private static void write(LabelledImages images, List<Integer> originalClasses, Path folder, int perClass)
            throws IOException {
        int[] written = new int[images.classCount()];
        for (int i = 0; i < images.size(); i++) {
            int label = images.label(i);
            if (written[label] == perClass) {
                continue;
            }
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 28 * 28; p++) {
                image.getRaster().setSample(p % 28, p / 28, 0, images.pixel(i, p));
            }
            Path classFolder = Files.createDirectories(folder.resolve(originalClasses.get(label) + "-"
                    + images.classNames().get(label).replace('/', '_')));
            ImageIO.write(image, "png", classFolder.resolve(String.format("%04d.png", written[label]++)).toFile());
        }
    }


    private Path fixture(String name) throws URISyntaxException {
        return Path.of(getClass().getResource("torch/" + name).toURI());
    }

    private static TrainingConfig config() {
        return TrainingConfig.defaults().withEpochs(2).withBatchSize(32).withSeed(5);
    }

    @Test
    void imageFolder_ofFashionMnistPngs_isTheTaskItWasWrittenFrom() {
        assertThat(folder.name()).isEqualTo("fashion-png");
        assertThat(folder.classNames()).containsExactly("0-T-shirt_top", "1-Trouser", "2-Pullover", "3-Dress",
                "4-Coat", "5-Sandal", "6-Shirt", "7-Sneaker", "8-Bag", "9-Ankle boot");
        assertThat(halves.a().train().classCounts()).containsOnly(200);
        assertThat(halves.a().test().size()).isEqualTo(torchExpected.get("images").asInt());
        assertThat(halves.b().test().classCounts()).containsOnly(100);
    }

    @Test
    void dl4jNetwork_importedOnBothBackends_evaluatesAsInDl4jOnTheFolderAndTransfersOntoItsHalfB()
            throws IOException {
        for (Backend backend : List.of(Backends.load("djl"), Backends.load("dl4j"))) {
            Network imported = Dl4jImport.load(dl4jZip, INPUT, "A", halves.a().classNames(), backend);

            double accuracy = imported.evaluate(halves.a().test()).accuracy();
            System.out.printf("DL4J network on the image folder, %s: accuracy %.4f, DL4J's own %.4f%n",
                    backend.name(), accuracy, dl4jAccuracy);
            assertThat(accuracy).as("accuracy on %s", backend.name()).isCloseTo(dl4jAccuracy, within(0.002));
            Network anbPlus = Transfer.from(imported).copy(2).fineTune().train(halves.b(), config());
            assertThat(anbPlus.provenance().origin()).isEqualTo("A2B+");
            assertThat(anbPlus.evaluate(halves.b().test()).accuracy()).as("A2B+ on %s", backend.name())
                    .isGreaterThan(0.7);
        }
        assertThat(dl4jAccuracy).isGreaterThan(0.7);
    }

    @Test
    void torchNetwork_importedOnBothBackends_evaluatesAsInPyTorchOnTheFolderAndTransfersOntoItsHalfB()
            throws IOException, URISyntaxException {
        double pytorch = torchExpected.get("accuracy").asDouble();
        for (Backend backend : List.of(Backends.load("djl"), Backends.load("dl4j"))) {
            Network imported = TorchImport.load(fixture("model.safetensors"), fixture("model.json"), "A",
                    halves.a().classNames(), backend);

            double accuracy = imported.evaluate(halves.a().test()).accuracy();
            System.out.printf("PyTorch network on the image folder, %s: accuracy %.4f, PyTorch's own %.4f%n",
                    backend.name(), accuracy, pytorch);
            assertThat(accuracy).as("accuracy on %s", backend.name()).isCloseTo(pytorch, within(0.005));
            Network anbPlus = Transfer.from(imported).copy(2).fineTune().train(halves.b(), config());
            assertThat(anbPlus.evaluate(halves.b().test()).accuracy()).as("A2B+ on %s", backend.name())
                    .isGreaterThan(0.7);
        }
    }

    private StudyPlan plan(Network baseA) {
        return StudyPlan.of("imported", folder.name(), List.of(ClassSplit.of(HALF_A, HALF_B)), baseA.spec(), config())
                .withTreatments(Treatment.BASE_A, Treatment.BASE_B, Treatment.TRANSFER, Treatment.TRANSFER_FINE_TUNED)
                .withNValues(List.of(1, 2));
    }

    private static Map<String, Double> accuracies(StudyResult result) {
        Map<String, Double> byCell = new TreeMap<>();
        for (CellResult cell : result.cells()) {
            byCell.put(cell.id(), cell.accuracy());
        }
        return byCell;
    }

    @Test
    void study_withImportedBaseA_evaluatesAndCopiesItAndResumesAfterAKillWithIdenticalNumbers() throws IOException {
        Backend backend = Backends.load("djl");
        Network imported = Dl4jImport.load(dl4jZip, INPUT, "A", halves.a().classNames(), backend);
        Path out = dir.resolve("study");

        StudyResult full = Study.open(plan(imported), out).withBaseA(0, imported).run(folder, backend,
                QUIET);

        assertThat(full.complete()).isTrue();
        assertThat(full.cells()).hasSize(6);
        CellResult baseA = full.cells().stream().filter(c -> c.id().equals("split0-baseA")).findFirst().orElseThrow();
        assertThat(baseA.accuracy()).isCloseTo(imported.evaluate(halves.a().test()).accuracy(), within(1e-9));
        assertThat(baseA.provenance().origin()).startsWith("imported from DL4J " + dl4jZip.toAbsolutePath());
        Map<String, Double> before = accuracies(full);
        System.out.println("study from the imported baseA: " + before);

        // A kill before split0-AnB-2 and split0-AnB+-2 were written and before the results: resumed with the base given
        // again, then (after losing a cell once more) without it, from the copy the study saved.
        for (String id : List.of("split0-AnB-2", "split0-AnB+-2")) {
            Files.delete(out.resolve("cells").resolve(id + ".json"));
        }
        Files.delete(out.resolve("results.csv"));
        StudyResult resumed = Study.open(plan(imported), out).withBaseA(0, imported).run(folder, backend,
                QUIET);
        Files.delete(out.resolve("cells").resolve("split0-AnB+-1.json"));
        StudyResult again = Study.open(plan(imported), out).run(folder, backend, QUIET);

        assertThat(accuracies(resumed)).isEqualTo(before);
        assertThat(accuracies(again)).isEqualTo(before);
        assertThat(resumed.toCsv()).isEqualTo(full.toCsv());
        assertThat(Files.readString(out.resolve("results.csv"))).isEqualTo(full.toCsv());
    }

    @Test
    void study_givenAnotherBaseAThanItsSavedOne_isRefusedBeforeTraining() throws IOException {
        Backend backend = Backends.load("djl");
        Network imported = Dl4jImport.load(dl4jZip, INPUT, "A", halves.a().classNames(), backend);
        Path out = dir.resolve("refused");
        StudyPlan plan = plan(imported).withTreatments(Treatment.BASE_A);
        Study.open(plan, out).withBaseA(0, imported).run(folder, backend, QUIET);
        Network other = backend.initialise(imported.spec(), halves.a(), 11);

        assertThatThrownBy(() -> Study.open(plan, out).withBaseA(0, other).run(folder, backend, QUIET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(out + "/bases/split0-baseA holds another network than the given baseA of split 0 (their "
                        + "weights differ): the study was started with another baseA; give that one, or use a new "
                        + "output directory");
    }

    @Test
    void withBaseA_networkThatDoesNotFitThePlan_isRefusedNamingWhat() throws IOException, URISyntaxException {
        Backend backend = Backends.load("djl");
        Network imported = Dl4jImport.load(dl4jZip, INPUT, "A", halves.a().classNames(), backend);
        Network torch = TorchImport.load(fixture("model.safetensors"), fixture("model.json"), "A",
                halves.a().classNames(), backend);
        Network renamed = Dl4jImport.load(dl4jZip, INPUT, "A", List.of("a", "b", "c", "d", "e"), backend);
        Study study = Study.open(plan(imported), dir.resolve("misfits"));

        assertThatThrownBy(() -> study.withBaseA(1, imported))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split must be in [0, 0], got 1");
        assertThatThrownBy(() -> study.withBaseA(0, torch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the given baseA of split 0 has spec " + torch.spec() + ", the plan's spec is "
                        + imported.spec());
        assertThatThrownBy(() -> study.withBaseA(0, renamed).run(folder, backend, QUIET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the given baseA of split 0 has classes [a, b, c, d, e], half A of split 0 of data set "
                        + "fashion-png has [0-T-shirt_top, 1-Trouser, 2-Pullover, 3-Dress, 4-Coat]");
        assertThat(dir.resolve("misfits").resolve("cells")).doesNotExist();
    }

    @Test
    void policyStudy_withImportedBaseA_copiesEveryPolicyFromIt() throws IOException, URISyntaxException {
        Backend backend = Backends.load("djl");
        Network torch = TorchImport.load(fixture("model.safetensors"), fixture("model.json"), "A",
                halves.a().classNames(), backend);
        Map<String, FineTuning> policies = new LinkedHashMap<>();
        policies.put("AnB", FineTuning.frozen());
        policies.put("AnB+", FineTuning.fineTuned());
        PolicyStudyPlan plan = new PolicyStudyPlan("policies", folder.name(), List.of(ClassSplit.of(HALF_A, HALF_B)),
                torch.spec(), TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(5), policies,
                List.of(2), List.of(0.25), 200, 100);
        Path out = dir.resolve("policies");

        PolicyStudyResult result = PolicyStudy.open(plan, out).withBaseA(0, torch).run(folder, backend);

        assertThat(result.cells()).extracting(c -> c.provenance().origin()).contains("A2B", "A2B+");
        Network saved = backend.load(out.resolve("bases").resolve("split0-baseA"));
        assertThat(saved.provenance().origin()).startsWith("imported from PyTorch ");
        assertThat(saved.weights().digest(4)).isEqualTo(torch.weights().digest(4));
    }
}
