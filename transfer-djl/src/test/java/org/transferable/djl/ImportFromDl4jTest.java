package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
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
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.transferable.data.ClassSplit;
import org.transferable.data.LabelledImages;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.dl4j.Dl4jImport;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.spec.InputShape;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.train.TrainingConfig;
import org.transferable.transfer.Transfer;

/**
 * A network built and trained with DL4J's own API ({@code MultiLayerNetwork.fit}, Adam), saved with its
 * {@code ModelSerializer}, imported ({@link Dl4jImport}) and run on both backends: the same accuracy as DL4J's own
 * {@code output()} on the same images, and the source of a fine-tuned transfer. Lives here because this module's
 * tests have both backends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportFromDl4jTest {
    private static final InputShape INPUT = InputShape.image(1, 28, 28);

    @TempDir
    Path dir;
    private SplitTasks tasks;
    private MultiLayerNetwork trained;
    private double dl4jAccuracy;

    @BeforeAll
    void trainWithDl4j() {
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9))
                .apply(FashionMnistFixture.load());
        tasks = new SplitTasks(new Task("A", split.a().train().perClass(200, 1), split.a().test().perClass(100, 1)),
                new Task("B", split.b().train().perClass(200, 1), split.b().test().perClass(100, 1)));
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
        trained = new MultiLayerNetwork(conf);
        trained.init();
        DataSet data = Dl4jDataSets.of(tasks.a().train());
        for (int epoch = 0; epoch < 3; epoch++) {
            for (DataSet batch : data.batchBy(50)) {
                trained.fit(batch);
            }
        }
        dl4jAccuracy = Dl4jDataSets.accuracy(trained, tasks.a().test());
    }


    @Test
    void load_savedModel_evaluatesAsInDl4jOnBothBackendsAndTransfers() throws IOException {
        Path zip = dir.resolve("model.zip");
        ModelSerializer.writeModel(trained, zip.toFile(), false);

        for (Backend backend : List.of(Backends.load("djl"), Backends.load("dl4j"))) {
            Network imported = Dl4jImport.load(zip, INPUT, "A", tasks.a().classNames(), backend);

            assertThat(imported.spec().layerCount()).isEqualTo(3);
            assertThat(imported.evaluate(tasks.a().test()).accuracy()).as("accuracy on %s", backend.name())
                    .isCloseTo(dl4jAccuracy, org.assertj.core.api.Assertions.within(0.002));
            assertThat(imported.provenance().origin()).isEqualTo("imported from DL4J " + zip.toAbsolutePath()
                    + " (deeplearning4j 1.0.0-M2.1)");
            Network anbPlus = Transfer.from(imported).copy(2).fineTune()
                    .train(tasks.b(), TrainingConfig.defaults().withEpochs(2).withBatchSize(32));
            assertThat(anbPlus.evaluate(tasks.b().test()).accuracy()).isGreaterThan(0.6);
            assertThat(anbPlus.provenance().origin()).isEqualTo("A2B+");
        }
        assertThat(dl4jAccuracy).isGreaterThan(0.7);
    }

    @Test
    void from_unsupportedLayer_isRefusedNamingItsIndexAndKind() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(16).activation(Activation.RELU).build())
                .layer(new LSTM.Builder().nIn(16).nOut(8).name("memory").build())
                .layer(new OutputLayer.Builder().nIn(8).nOut(5).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();

        assertThatThrownBy(() -> Dl4jImport.from(network, InputShape.image(1, 28, 28), "A", tasks.a().classNames(),
                Backends.load("dl4j"), "memory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("layer 1 of the DL4J network (LSTM 'memory') cannot be imported: it has no "
                        + "counterpart in a NetworkSpec; supported: ConvolutionLayer");
    }

    @Test
    void from_eluConvolution_isRefusedNamingTheActivation() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.ELU).build())
                .layer(new OutputLayer.Builder().nOut(5).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();

        assertThatThrownBy(() -> Dl4jImport.from(network, INPUT, "A", tasks.a().classNames(), Backends.load("dl4j"),
                "memory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 0 of the DL4J network (ConvolutionLayer 'layer0') cannot be imported: its "
                        + "activation must be ReLU, LeakyReLU (alpha 0.01), tanh, sigmoid or identity, or identity "
                        + "followed by BatchNormalization and an ActivationLayer with one of them; got elu(alpha=1.0); "
                        + "supported: ConvolutionLayer (square, Truncate or Same, an activation, or identity + "
                        + "BatchNormalization + ActivationLayer) [+ max or average SubsamplingLayer], DenseLayer (an "
                        + "activation, or identity + BatchNormalization + ActivationLayer), each optionally with plain "
                        + "Dropout on the next layer's input, and a softmax OutputLayer last; activations: ReLU, "
                        + "LeakyReLU (alpha 0.01), tanh, sigmoid, identity");
    }

    @Test
    void from_leakyReluOfAnotherAlpha_isRefused() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(16).activation(new ActivationLReLU(0.2)).build())
                .layer(new OutputLayer.Builder().nIn(16).nOut(5).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();

        assertThatThrownBy(() -> Dl4jImport.from(network, INPUT, "A", tasks.a().classNames(), Backends.load("dl4j"),
                "memory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("layer 0 of the DL4J network (DenseLayer 'layer0') cannot be imported: its "
                        + "activation must be ReLU, LeakyReLU (alpha 0.01), tanh, sigmoid or identity");
    }

    private static MultiLayerNetwork sameModePooling(int kernel) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(6).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(4).activation(Activation.RELU)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(kernel, kernel)
                        .stride(2, 2).convolutionMode(ConvolutionMode.Same).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    @Test
    void from_sameModeMaxPoolingThatTilesItsInput_predictsAsDl4jOnBothBackends() {
        MultiLayerNetwork network = sameModePooling(2);    // 2x2 windows at stride 2 tile the 24x24 input: no padding
        LabelledImages images = tasks.a().test().head(50);
        float[] expected = network.output(Dl4jDataSets.of(images).getFeatures(), false).ravel().toFloatVector();

        for (Backend backend : List.of(Backends.load("djl"), Backends.load("dl4j"))) {
            Network imported = Dl4jImport.from(network, INPUT, "A", tasks.a().classNames(), backend, "memory");

            assertThat(imported.spec().layer(1)).isEqualTo(new org.transferable.spec.ConvolutionLayer("layer1", 4, 5,
                    1, 0, false, org.transferable.spec.Pooling.max(2, 2), org.transferable.spec.Activation.RELU));
            float[] actual = imported.activations(images, 2).values();
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("%s: probability %d", backend.name(), i)
                        .isCloseTo(expected[i], within(1e-4f));
            }
        }
    }

    @Test
    void from_sameModeMaxPoolingThatPads_isRefusedNamingItsInput() {
        MultiLayerNetwork network = sameModePooling(3);    // 3x3 windows at stride 2 on 24: Same pads a row and column

        assertThatThrownBy(() -> Dl4jImport.from(network, INPUT, "A", tasks.a().classNames(), Backends.load("dl4j"),
                "memory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("layer 1 of the DL4J network (SubsamplingLayer 'layer1') cannot be imported: "
                        + "expected square max or average pooling that pads nothing: no padding, in Truncate or "
                        + "Strict mode, or in Same mode where its windows tile its 24x24 input exactly");
    }

    @Test
    void from_otherActivationsAndAveragePooling_predictAsDl4jOnBothBackends() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(6).activation(Activation.TANH)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).build())
                .layer(new ActivationLayer.Builder().activation(Activation.LEAKYRELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(3, 3).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new DenseLayer.Builder().nOut(24).activation(Activation.SIGMOID).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        for (DataSet batch : Dl4jDataSets.of(tasks.a().train()).batchBy(50)) {
            network.fit(batch);
        }
        LabelledImages images = tasks.a().test().head(100);
        float[] expected = network.output(Dl4jDataSets.of(images).getFeatures(), false).ravel().toFloatVector();

        for (Backend backend : List.of(Backends.load("djl"), Backends.load("dl4j"))) {
            Network imported = Dl4jImport.from(network, INPUT, "A", tasks.a().classNames(), backend, "memory");

            assertThat(imported.spec().layers()).containsExactly(
                    new org.transferable.spec.ConvolutionLayer("layer1", 6, 5, 1, 0, false,
                            org.transferable.spec.Pooling.average(2, 2), org.transferable.spec.Activation.TANH),
                    new org.transferable.spec.ConvolutionLayer("layer2", 8, 3, 1, 0, true,
                            org.transferable.spec.Pooling.average(3, 2), org.transferable.spec.Activation.LEAKY_RELU),
                    new org.transferable.spec.DenseLayer("layer3", 24, 0.0, false,
                            org.transferable.spec.Activation.SIGMOID),
                    new org.transferable.spec.DenseLayer("layer4", 16, 0.0, false,
                            org.transferable.spec.Activation.IDENTITY),
                    new org.transferable.spec.OutputLayer("layer5"));
            float[] actual = imported.activations(images, 5).values();
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("%s: probability %d", backend.name(), i)
                        .isCloseTo(expected[i], within(1e-4f));
            }
        }
    }
    @Test
    void from_samePaddingAndDropoutAfterConvolutions_predictAsDl4jOnBothBackends() {
        // conv1: 3x3 at stride 2 in Same mode, 28 to 14 padded 0 above and 1 below; its pooled output has dropout
        // (on conv2's input); conv2: 4x4 in Same mode, 7 to 7 padded 1 and 2, with batch normalisation, its output
        // dropout on the dense layer's input
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(6).activation(Activation.RELU)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(4, 4).nOut(8).activation(Activation.IDENTITY).dropOut(0.75)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).dropOut(0.8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(5).dropOut(0.9)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        for (DataSet batch : Dl4jDataSets.of(tasks.a().train()).batchBy(50)) {
            network.fit(batch);
        }
        LabelledImages images = tasks.a().test().head(100);
        float[] expected = network.output(Dl4jDataSets.of(images).getFeatures(), false).ravel().toFloatVector();

        for (Backend backend : List.of(Backends.load("djl"), Backends.load("dl4j"))) {
            Network imported = Dl4jImport.from(network, INPUT, "A", tasks.a().classNames(), backend, "memory");

            assertThat(imported.spec().layers()).containsExactly(
                    new org.transferable.spec.ConvolutionLayer("layer1", 6, 3, 2, 0, false,
                            org.transferable.spec.Pooling.max(2, 2)).withSamePadding().withDropout(0.25),
                    org.transferable.spec.ConvolutionLayer.of("layer2", 8, 4).withSamePadding().withBatchNorm(true)
                            .withActivation(org.transferable.spec.Activation.TANH).withDropout(0.2),
                    org.transferable.spec.DenseLayer.of("layer3", 16).withDropout(0.1),
                    new org.transferable.spec.OutputLayer("layer4"));
            assertThat(imported.spec().hiddenShapes()).containsExactly(InputShape.image(6, 7, 7),
                    InputShape.image(8, 7, 7), InputShape.image(16, 1, 1));
            float[] actual = imported.activations(images, 4).values();
            assertThat(actual).hasSameSizeAs(expected);
            float worst = 0f;
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("%s: probability %d", backend.name(), i)
                        .isCloseTo(expected[i], within(1e-4f));
                worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
            }
            System.out.printf("same padding and dropout imported from DL4J, on %s: probabilities within %.2g of "
                    + "DL4J's%n", backend.name(), worst);
        }
    }

    @Test
    void from_dropoutInsideAConvolutionBlock_isRefusedNamingTheLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .dropOut(0.5).name("pool").build())
                .layer(new OutputLayer.Builder().nOut(5).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();

        assertThatThrownBy(() -> Dl4jImport.from(network, INPUT, "A", tasks.a().classNames(), Backends.load("dl4j"),
                "memory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("layer 1 of the DL4J network (SubsamplingLayer 'pool') cannot be imported: "
                        + "dropout on its input is supported only on the first layer after a convolution (and its "
                        + "batch normalisation and pooling) or a dense layer (and its batch normalisation), as that "
                        + "layer's output dropout; supported: ");
    }
}
