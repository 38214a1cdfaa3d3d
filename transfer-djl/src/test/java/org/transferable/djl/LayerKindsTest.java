package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.transferable.data.ClassSplit;
import org.transferable.data.LabelledImages;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.dl4j.Dl4jEngine;
import org.transferable.engine.Batch;
import org.transferable.engine.Engine;
import org.transferable.engine.EngineCheck;
import org.transferable.engine.EngineModel;
import org.transferable.engine.LayerTraining;
import org.transferable.engine.ModelRequest;
import org.transferable.engine.ReferenceNetwork;
import org.transferable.json.Json;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.similarity.FeatureMatrix;
import org.transferable.spec.Activation;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.PaddingMode;
import org.transferable.spec.Pooling;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.Tensor;

/**
 * The layer kinds beyond ReLU and max pooling (leaky ReLU, tanh, sigmoid and identity activations, average pooling,
 * same padding, dropout on a convolution's output) on both backends: the same weights give the same activations at
 * every layer, a short training lowers the loss, the gradients agree with the double-precision reference, dropout
 * drops in training and not in inference, and the spec's JSON round-trips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LayerKindsTest {
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(13);

    private final Backend djl = Backends.load("djl");
    private final Backend dl4j = Backends.load("dl4j");
    private Task task;

    @BeforeAll
    void task() {
        SplitTasks split = ClassSplit.of(List.of(0, 1, 2, 3, 4), List.of(7, 8, 9)).apply(FashionMnistFixture.load());
        task = new Task("A", split.a().train().perClass(100, 1), split.a().test().perClass(40, 1));
    }

    /**
     * Every layout with the activation on every hidden layer: a convolution with batch norm and average pooling, one
     * with max pooling, one with average pooling of overlapping windows, a dense layer with batch norm and dropout,
     * a plain dense layer.
     */
    private static NetworkSpec spec(Activation activation) {
        return NetworkSpec.builder("kinds-" + activation, InputShape.image(1, 28, 28))
                .layer(ConvolutionLayer.of("conv1", 6, 5).withBatchNorm(true).withPooling(Pooling.average(2, 2))
                        .withActivation(activation))
                .layer(ConvolutionLayer.of("conv2", 12, 3).withPooling(Pooling.max(2, 2)).withActivation(activation))
                .layer(ConvolutionLayer.of("conv3", 8, 3).withPadding(1).withPooling(Pooling.average(3, 1))
                        .withActivation(activation))
                .layer(DenseLayer.of("fc4", 32).withBatchNorm(true).withDropout(0.25).withActivation(activation))
                .layer(DenseLayer.of("fc5", 16).withActivation(activation))
                .output("fc6");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activations_sameWeightsOnBothBackends_agreeAtEveryLayerWithin1e4OfTheLayersMax(Activation activation,
            @TempDir Path dir) throws Exception {
        NetworkSpec spec = spec(activation);
        Network onDjl = djl.train(spec, task, CONFIG);
        onDjl.save(dir);
        Network onDl4j = dl4j.load(dir);
        var images = task.test().head(100);

        assertThat(onDl4j.weights()).isEqualTo(onDjl.weights());
        float worstOfAll = 0f;
        for (int n = 1; n <= spec.layerCount(); n++) {
            float[] a = onDjl.activations(images, n).values();
            FeatureMatrix dl4jValues = onDl4j.activations(images, n);
            float[] b = dl4jValues.values();
            assertThat(b).hasSameSizeAs(a);
            float max = 0f;
            float worst = 0f;
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i]));
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            assertThat(max).as("%s: layer %d max", activation, n).isGreaterThan(0f);
            assertThat(worst / max).as("%s: layer %d, largest difference relative to the layer's max", activation, n)
                    .isLessThan(1e-4f);
            worstOfAll = Math.max(worstOfAll, worst / max);
        }
        System.out.printf("%s on djl and dl4j: largest difference %.2g of the layer's max%n", activation, worstOfAll);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void fit_shortTrainingOnEitherBackend_lowersTheLoss(Activation activation) {
        // three hidden layers: five stacked sigmoids learn too slowly for a short test (their gradients vanish)
        NetworkSpec spec = NetworkSpec.builder("fit-" + activation, InputShape.image(1, 28, 28))
                .layer(ConvolutionLayer.of("conv1", 6, 5).withBatchNorm(true).withPooling(Pooling.average(2, 2))
                        .withActivation(activation))
                .layer(ConvolutionLayer.of("conv2", 12, 3).withPooling(Pooling.max(2, 2)).withActivation(activation))
                .layer(DenseLayer.of("fc3", 32).withBatchNorm(true).withDropout(0.25).withActivation(activation))
                .output("fc4");
        for (Backend backend : List.of(djl, dl4j)) {
            Network initial = backend.initialise(spec, task, 5);
            double before = initial.evaluate(task.test()).loss();

            Network trained = backend.fit(initial, task, CONFIG.withEpochs(3).withLearningRate(0.05),
                    TrainingListener.NONE);

            double after = trained.evaluate(task.test()).loss();
            System.out.printf("%s on %s: test loss %.4f before 3 epochs, %.4f after%n", activation, backend.name(),
                    before, after);
            // below the loss of predicting the class frequencies (ln 5 on a balanced task): it learned the images
            assertThat(after).as("%s on %s", activation, backend.name()).isLessThan(before)
                    .isLessThan(Math.log(5) - 0.2);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradients_eitherEngine_agreeWithTheReferenceWithinItsTolerance(Activation activation) {
        EngineCheck.Problem problem = problem(activation);
        ReferenceNetwork.Pass reference = new ReferenceNetwork(problem.request(problem.weights()))
                .run(problem.images(), problem.labels());

        for (Engine engine : List.<Engine>of(new DjlEngine(), new Dl4jEngine())) {
            engine.version();
            EngineCheck.Outcome outcome = EngineCheck.probe(engine).run(problem);
            String what = activation + " on " + engine.name();
            double worst = 0;
            assertThat(outcome.loss()).as("%s: loss", what)
                    .isCloseTo(reference.loss(), within(1e-5));
            assertClose(what + ": probabilities", outcome.probabilities(), reference.probabilities());
            for (int n = 1; n <= problem.spec().layerCount(); n++) {
                LayerWeights expected = reference.gradients().get(n - 1);
                for (Tensor tensor : expected.tensors()) {
                    float[] actual = outcome.gradients().layer(n).tensor(tensor.name()).values();
                    float[] values = tensor.values();
                    double[] doubles = new double[values.length];
                    for (int i = 0; i < values.length; i++) {
                        doubles[i] = values[i];
                    }
                    worst = Math.max(worst, assertClose(what + ": gradient of " + expected.layer() + "/"
                            + tensor.name(), actual, doubles));
                }
            }
            System.out.printf("%s: gradients within %.2g of each tensor's largest reference value%n", what, worst);
        }
    }

    @Test
    void json_everyNewKind_roundTripsAndAnOldFileReadsAsRelu() {
        for (Activation activation : Activation.values()) {
            NetworkSpec spec = spec(activation);
            assertThat(Json.read(Json.write(spec), NetworkSpec.class)).isEqualTo(spec);
        }
        String old = Json.write(spec(Activation.RELU)).replaceAll(",\\s*\"activation\" : \"RELU\"", "");
        assertThat(old).doesNotContain("activation");
        assertThat(Json.read(old, NetworkSpec.class)).isEqualTo(spec(Activation.RELU));
    }

    /**
     * Same padding where it is asymmetric and where it is not, and dropout on convolutions' outputs: conv1 3x3 at
     * stride 2 (28 to 14, padded 0 before and 1 after), conv2 4x4 (14 to 14, padded 1 and 2, max pooled to 7), conv3
     * 2x2 at stride 2 (7 to 4, padded 0 and 1), conv4 5x5 on its 4x4 input (padded 2 and 2), a dense layer with
     * dropout; no batch normalisation, so that the reference network computes it too.
     */
    private static NetworkSpec samePadding() {
        return NetworkSpec.builder("same-padding", InputShape.image(1, 28, 28))
                .layer(new ConvolutionLayer("conv1", 6, 3, 2, 0, false, Pooling.none()).withSamePadding()
                        .withDropout(0.25))
                .layer(ConvolutionLayer.of("conv2", 12, 4).withSamePadding().withPooling(Pooling.max(2, 2))
                        .withDropout(0.2))
                .layer(new ConvolutionLayer("conv3", 8, 2, 2, 0, false, Pooling.none()).withSamePadding()
                        .withActivation(Activation.TANH))
                .layer(ConvolutionLayer.of("conv4", 8, 5).withSamePadding().withDropout(0.1))
                .layer(DenseLayer.of("fc5", 32).withDropout(0.25))
                .output("fc6");
    }

    @Test
    void samePaddingAndDropout_sameWeightsOnBothBackendsAndTheReference_agreeAtEveryLayer(@TempDir Path dir)
            throws Exception {
        NetworkSpec spec = samePadding();
        assertThat(spec.hiddenShapes()).containsExactly(InputShape.image(6, 14, 14), InputShape.image(12, 7, 7),
                InputShape.image(8, 4, 4), InputShape.image(8, 4, 4), InputShape.image(32, 1, 1));
        Network onDjl = djl.train(spec, task, CONFIG);
        onDjl.save(dir);
        Network onDl4j = dl4j.load(dir);
        LabelledImages images = task.test().head(100);
        float[] inputs = new float[images.size() * spec.input().size()];
        for (int i = 0; i < images.size(); i++) {
            images.copyImage(i, inputs, i * spec.input().size());
        }
        ReferenceNetwork reference = new ReferenceNetwork(new ModelRequest(spec, task.classCount(), 1,
                onDjl.weights().layers(), Collections.nCopies(spec.layerCount(), LayerTraining.FROZEN), 0));

        assertThat(onDl4j.weights()).isEqualTo(onDjl.weights());
        double worstOfAll = 0;
        for (int n = 1; n <= spec.layerCount(); n++) {
            float[] a = onDjl.activations(images, n).values();
            float[] b = onDl4j.activations(images, n).values();
            double[] r = reference.forward(inputs, images.size(), n);
            assertThat(a).hasSameSizeAs(r);
            assertThat(b).hasSameSizeAs(r);
            double max = 0;
            double worst = 0;
            for (int i = 0; i < r.length; i++) {
                max = Math.max(max, Math.abs(r[i]));
                worst = Math.max(worst, Math.max(Math.abs(a[i] - r[i]), Math.abs(b[i] - r[i])));
            }
            assertThat(max).as("layer %d max", n).isGreaterThan(0);
            assertThat(worst / max).as("layer %d, largest difference from the reference relative to its max", n)
                    .isLessThan(1e-4);
            worstOfAll = Math.max(worstOfAll, worst / max);
        }
        System.out.printf("same padding and dropout, djl and dl4j against the reference: largest difference %.2g "
                + "of the layer's max%n", worstOfAll);
    }

    @Test
    void fit_samePaddingAndConvolutionDropout_lowersTheLossOnEitherBackend() {
        for (Backend backend : List.of(djl, dl4j)) {
            Network initial = backend.initialise(samePadding(), task, 5);
            double before = initial.evaluate(task.test()).loss();

            Network trained = backend.fit(initial, task, CONFIG.withEpochs(3).withLearningRate(0.05),
                    TrainingListener.NONE);

            double after = trained.evaluate(task.test()).loss();
            System.out.printf("same padding and dropout on %s: test loss %.4f before 3 epochs, %.4f after%n",
                    backend.name(), before, after);
            assertThat(after).as(backend.name()).isLessThan(before).isLessThan(Math.log(5) - 0.2);
        }
    }

    @Test
    void gradients_asymmetricSamePadding_eachEngineAndLayoutAgreesWithTheReference() {
        EngineCheck.Problem problem = EngineCheck.samePaddingProblem();
        ReferenceNetwork.Pass reference = new ReferenceNetwork(problem.request(problem.weights()))
                .run(problem.images(), problem.labels());
        List<String> names = new ArrayList<>();
        List<EngineCheck.Outcome> outcomes = new ArrayList<>();
        for (Engine engine : List.<Engine>of(new DjlEngine(), new Dl4jEngine())) {
            engine.version();
            names.add(engine.name());
            outcomes.add(EngineCheck.probe(engine).run(problem));
        }
        for (boolean channelsLast : new boolean[] {false, true}) {
            try (DjlModel model = new DjlModel(problem.request(problem.weights()), DjlEngine.filterMultiple(),
                    channelsLast)) {
                EngineModel.Gradients gradients = model.gradients(new Batch(problem.images(), problem.labels()));
                names.add("djl, " + (channelsLast ? "channels-last" : "default layout"));
                outcomes.add(new EngineCheck.Outcome(gradients.loss(), gradients.probabilities(),
                        new NetworkWeights(gradients.layers())));
            }
        }

        for (int e = 0; e < outcomes.size(); e++) {
            EngineCheck.Outcome outcome = outcomes.get(e);
            String what = "same padding on " + names.get(e);
            assertThat(outcome.loss()).as("%s: loss", what).isCloseTo(reference.loss(), within(1e-5));
            double worst = assertClose(what + ": probabilities", outcome.probabilities(), reference.probabilities());
            for (int n = 1; n <= problem.spec().layerCount(); n++) {
                LayerWeights expected = reference.gradients().get(n - 1);
                for (Tensor tensor : expected.tensors()) {
                    worst = Math.max(worst, assertClose(what + ": gradient of " + expected.layer() + "/"
                            + tensor.name(), outcome.gradients().layer(n).tensor(tensor.name()).values(),
                            doubles(tensor.values())));
                }
            }
            System.out.printf("%s: probabilities and gradients within %.2g of each tensor's largest reference "
                    + "value%n", what, worst);
        }
    }

    /**
     * A convolution whose every output is 1 (zero weights, bias 1, identity), with dropout p on its output, then the
     * output layer; one image. In training mode the output layer's weight gradient is {@code x_i * dz} in row i,
     * where x is the dropped convolution output and dz the training-mode probabilities minus the one-hot label (the
     * bias gradient): a row is zero exactly where a value was dropped, and {@code dz / (1 - p)} where it was kept.
     * With {@code first = 2} the model is the head on the convolution's cached outputs (all 1), which applies that
     * dropout at its input.
     */
    @ParameterizedTest(name = "from layer {0}, {1}")
    @CsvSource({"1, djl", "2, djl", "1, djl channels-last", "2, djl channels-last", "1, dl4j", "2, dl4j",
        "1, reference", "2, reference"})
    void dropout_convolutionOutputInTraining_dropsAboutPAndScalesTheRest(int first, String engine) {
        double p = 0.3;
        NetworkSpec spec = NetworkSpec.builder("dropout", InputShape.image(1, 28, 28))
                .layer(ConvolutionLayer.of("conv1", 8, 3).withSamePadding().withActivation(Activation.IDENTITY)
                        .withDropout(p))
                .output("out");
        int values = 8 * 28 * 28;
        float[] outputWeights = new float[values * 2];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < outputWeights.length; i++) {
            outputWeights[i] = (float) (random.nextGaussian() * 0.02);
        }
        List<LayerWeights> weights = new ArrayList<>(List.of(
                new LayerWeights("conv1", List.of(new Tensor("bias", List.of(8), filled(8, 1f)),
                        new Tensor("weight", List.of(8, 1, 3, 3), new float[72]))),
                new LayerWeights("out", List.of(new Tensor("weight", List.of(values, 2), outputWeights),
                        new Tensor("bias", List.of(2), new float[2])))));
        ModelRequest request = new ModelRequest(spec, 2, first, weights.subList(first - 1, 2),
                Collections.nCopies(3 - first, LayerTraining.trained(0.0)), 11);
        Batch batch = new Batch(first == 1 ? new float[28 * 28] : filled(values, 1f), new int[] {0});

        float[] eval;
        LayerWeights output;
        if (engine.equals("reference")) {
            ReferenceNetwork network = new ReferenceNetwork(request);
            eval = floats(network.forward(batch.inputs(), 1, 2));
            output = network.run(batch.inputs(), batch.labels()).gradients().get(2 - first);
        } else {
            Engine chosen = engine.equals("dl4j") ? new Dl4jEngine() : new DjlEngine();
            chosen.version();
            try (EngineModel model = engine.equals("dl4j") ? chosen.build(request)
                    : new DjlModel(request, DjlEngine.filterMultiple(), engine.endsWith("channels-last"))) {
                eval = model.forward(batch, 2);
                output = model.gradients(batch).layers().get(2 - first);
            }
        }
        float[] gradient = output.tensor("weight").values();
        // the bias gradient is dz itself, the training-mode probabilities minus the one-hot label
        float[] dz = output.tensor("bias").values();

        // inference: no dropout, every convolution output is 1, so the logits are the output weights' column sums
        double[] logits = new double[2];
        for (int i = 0; i < values; i++) {
            logits[0] += outputWeights[i * 2];
            logits[1] += outputWeights[i * 2 + 1];
        }
        double expected = 1 / (1 + Math.exp(logits[1] - logits[0]));
        assertThat((double) eval[0]).as("inference probability").isCloseTo(expected, within(1e-4));
        assertThat(Math.abs(dz[0] + 1 - eval[0])).as("training differs from inference").isGreaterThan(1e-3f);
        double[] kept = {dz[0] / (1 - p), dz[1] / (1 - p)};
        int dropped = 0;
        for (int i = 0; i < values; i++) {
            boolean zero = gradient[i * 2] == 0f && gradient[i * 2 + 1] == 0f;
            dropped += zero ? 1 : 0;
            for (int o = 0; o < 2 && !zero; o++) {
                assertThat((double) gradient[i * 2 + o]).as("%s: gradient [%d, %d]", engine, i, o)
                        .isCloseTo(kept[o], within(1e-5));
            }
        }
        double fraction = dropped / (double) values;
        System.out.printf("conv dropout %.2f from layer %d on %s: %.4f of %d values dropped%n", p, first, engine,
                fraction, values);
        assertThat(fraction).as("%s: fraction dropped", engine).isCloseTo(p, within(0.03));
    }

    private static float[] filled(int size, float value) {
        float[] out = new float[size];
        Arrays.fill(out, value);
        return out;
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Test
    void json_samePaddingAndConvolutionDropout_roundTrip() {
        NetworkSpec spec = samePadding();

        assertThat(Json.read(Json.write(spec), NetworkSpec.class)).isEqualTo(spec);
        assertThat(((ConvolutionLayer) spec.layer(1)).paddingMode()).isEqualTo(PaddingMode.SAME);
    }

    private static EngineCheck.Problem problem(Activation activation) {
        return EngineCheck.problem(activation);
    }

    /**
     * As the engine self-check compares: each value within 1e-6 + 1e-3 of the reference's largest magnitude.
     *
     * @return the largest error relative to that magnitude
     */
    private static double assertClose(String what, float[] actual, double[] reference) {
        assertThat(actual).as(what).hasSize(reference.length);
        double scale = 0;
        for (double r : reference) {
            scale = Math.max(scale, Math.abs(r));
        }
        double allowed = 1e-6 + EngineCheck.TOLERANCE * scale;
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            assertThat((double) actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(reference[i], within(allowed));
            worst = Math.max(worst, Math.abs(actual[i] - reference[i]) / Math.max(scale, 1e-30));
        }
        return worst;
    }
}
