package org.transferable.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.transferable.data.ClassSplit;
import org.transferable.data.SplitTasks;
import org.transferable.data.Task;
import org.transferable.dl4j.Dl4jEngine;
import org.transferable.engine.Engine;
import org.transferable.engine.EngineCheck;
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
import org.transferable.spec.Pooling;
import org.transferable.testkit.FashionMnistFixture;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.Tensor;

/**
 * The layer kinds beyond ReLU and max pooling (leaky ReLU, tanh, sigmoid and identity activations, average pooling)
 * on both backends: the same weights give the same activations at every layer, a short training lowers the loss,
 * the gradients agree with the double-precision reference, and the spec's JSON round-trips.
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
