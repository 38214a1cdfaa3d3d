package org.transferable.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferable.spec.Activation;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.NetworkWeights;
import org.transferable.weights.Tensor;

/**
 * The numerical self-check a backend runs when its engine loads, before it trains anything: a tiny fixed problem
 * (three convolutions with ReLU, two with max pooling, a dense layer and the output, on six random images) computed
 * forward and backward by the engine, {@value #RUNS} times, and compared with {@link ReferenceNetwork}, a plain-Java
 * double-precision implementation. The engine passes when every run gives the first run's loss, probabilities and
 * gradients bit for bit, every value is finite, and each agrees with the reference within float rounding
 * ({@link #TOLERANCE} of the largest value of its tensor).
 *
 * <p>Why: a kernel library can be wrong on one processor and right on the next. On an AMD EPYC (Zen 5) with AVX-512,
 * the oneDNN convolutions in PyTorch 2.7.1 compute wrong input gradients, some of them NaN, whenever a convolution's
 * output channels are not a multiple of the vector width (16 with AVX-512, 8 with AVX2), and wrong outputs whenever
 * its input channels are more than 16 and not a multiple of 16; training then silently diverges or differs from run
 * to run. The problem below has convolutions of 1 to 4, 4 to 20 and 20 to 6 channels so that every such tail is
 * exercised.
 *
 * <p>A backend gives {@link #select} its configurations, the engine's default first, each with the code that
 * switches to it. The first that passes is used; when it is not the first, a WARN says what was wrong and what the
 * backend switched to. When none passes, {@link EngineCheckException} says what disagreed in each and how to
 * override. The system property {@value #PROPERTY}{@code =false} skips the check and keeps the first
 * configuration (at the user's risk; a WARN says so).
 */
public final class EngineCheck {
    /** System property: {@code false} skips the check. */
    public static final String PROPERTY = "transferable.selfCheck";
    /** Allowed deviation from the reference, relative to the largest absolute value of the tensor compared. */
    public static final double TOLERANCE = 1e-3;
    private static final double ABSOLUTE = 1e-6;
    private static final Logger LOG = LoggerFactory.getLogger(EngineCheck.class);
    private static final int BATCH = 6;
    private static final int CLASSES = 3;
    /**
     * How often the problem is computed per configuration; every run must equal the first bit for bit. A faulty
     * kernel can be right by chance in one run (the oneDNN fault was, in up to half the runs in some processes), so
     * one or two runs are not enough; each run of the problem takes about a millisecond.
     */
    static final int RUNS = 24;

    private EngineCheck() {
    }

    /**
     * The fixed problem.
     *
     * @param spec the network, on 1x10x10: conv 4 and conv 20 (3x3, padding 1, max pool 2), conv 6 (3x3, padding 1),
     *     dense 7, output 3
     * @param weights its weights (seeded, non-zero biases)
     * @param images {@value #BATCH} images in [0, 1], row-major, one after another
     * @param labels their classes
     */
    public record Problem(NetworkSpec spec, NetworkWeights weights, float[] images, int[] labels) {
        /** Copies the arrays. */
        public Problem {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(weights, "weights");
            images = images.clone();
            labels = labels.clone();
        }

        @Override
        public float[] images() {
            return images.clone();
        }

        @Override
        public int[] labels() {
            return labels.clone();
        }

        /**
         * @param values weights for the problem's network (its own, or NaN to poison an engine's buffers)
         * @return a request for the whole network, every layer trained, dropout seed 0
         */
        public ModelRequest request(NetworkWeights values) {
            return new ModelRequest(spec, CLASSES, 1, values.layers(),
                    Collections.nCopies(spec.layerCount(), LayerTraining.trained(0.0)), 0L);
        }
    }

    /**
     * What an engine computed for the problem, from the network in training mode (the problem has no dropout and no
     * batch normalisation, so training and inference mode agree).
     *
     * @param loss mean softmax cross-entropy
     * @param probabilities the softmax outputs, [images, classes] row by row
     * @param gradients d loss / d tensor for every tensor, in the neutral layout
     */
    public record Outcome(double loss, float[] probabilities, NetworkWeights gradients) {
        /** Copies the probabilities. */
        public Outcome {
            probabilities = probabilities.clone();
            Objects.requireNonNull(gradients, "gradients");
        }

        @Override
        public float[] probabilities() {
            return probabilities.clone();
        }
    }

    /**
     * Computes the problem on the engine as it is configured now.
     */
    @FunctionalInterface
    public interface Probe {
        /**
         * @param problem the problem
         * @return what the engine computed
         */
        Outcome run(Problem problem);
    }

    /**
     * A configuration of the engine.
     *
     * @param name in words, for logs and provenance, e.g. {@code oneDNN convolutions}
     * @param apply switches the engine to it
     */
    public record Candidate(String name, Runnable apply) {
        /** Checks for nulls. */
        public Candidate {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(apply, "apply");
        }
    }

    /**
     * What {@link #select} found.
     *
     * @param chosen the configuration in force
     * @param rejected for each configuration tried before it, its name and what was wrong
     * @param checked false when the check was skipped ({@value #PROPERTY}{@code =false})
     */
    public record Selection(Candidate chosen, List<String> rejected, boolean checked) {
        /** Copies the list. */
        public Selection {
            Objects.requireNonNull(chosen, "chosen");
            rejected = List.copyOf(rejected);
        }
    }

    /**
     * The configuration an engine runs in for the rest of the JVM's life, or why it has none: the result of its
     * check, kept by the engine (typically in a holder class that initialises on first use).
     *
     * @param configuration the chosen configuration's name, null when the check failed
     * @param failure why the check failed, null when it passed
     */
    public record Decision(String configuration, RuntimeException failure) {
        /**
         * Runs a check once.
         *
         * @param check chooses and switches to a configuration, returning its name; may throw
         * @return the configuration, or the exception it threw
         */
        public static Decision of(Supplier<String> check) {
            try {
                return new Decision(Objects.requireNonNull(check.get(), "configuration"), null);
            } catch (RuntimeException e) {
                return new Decision(null, e);
            }
        }

        /**
         * @return the configuration's name
         * @throws RuntimeException the check's failure, every time it is asked for
         */
        public String require() {
            if (failure != null) {
                throw failure;
            }
            return configuration;
        }
    }

    /**
     * The fixed problem with another activation on every hidden layer and average pooling after the first
     * convolution: the same weights, images and labels, for checking an engine's other layer kinds against the
     * reference network.
     *
     * @param activation the hidden layers' activation
     * @return the problem
     */
    public static Problem problem(Activation activation) {
        Problem base = problem();
        NetworkSpec spec = NetworkSpec.builder("kinds", InputShape.image(1, 10, 10))
                .layer(ConvolutionLayer.of("conv1", 4, 3).withPadding(1).withPooling(Pooling.average(2, 2))
                        .withActivation(activation))
                .layer(ConvolutionLayer.of("conv2", 20, 3).withPadding(1).withPooling(Pooling.max(2, 2))
                        .withActivation(activation))
                .layer(ConvolutionLayer.of("conv3", 6, 3).withPadding(1).withActivation(activation))
                .layer(DenseLayer.of("fc4", 7).withActivation(activation))
                .output("fc5");
        return new Problem(spec, base.weights(), base.images(), base.labels());
    }

    /**
     * A problem of the same size with {@link org.transferable.spec.PaddingMode#SAME} padding where it is asymmetric
     * (one more zero after than before): conv 4 (3x3, stride 2: 10 to 5, padded 0 before and 1 after), conv 20
     * (4x4, stride 1: 5 to 5, padded 1 and 2, then max pool 2 with stride 1 to 4), conv 6 (3x3, stride 2: 4 to 2,
     * padded 0 and 1), dense 7, output 3, on {@value #BATCH} random images of 1x10x10, for checking an engine's
     * same padding against the reference network.
     *
     * @return the problem, the same in every call
     */
    public static Problem samePaddingProblem() {
        NetworkSpec spec = NetworkSpec.builder("same-padding", InputShape.image(1, 10, 10))
                .layer(new ConvolutionLayer("conv1", 4, 3, 2, 0, false, Pooling.none()).withSamePadding())
                .layer(ConvolutionLayer.of("conv2", 20, 4).withSamePadding().withPooling(Pooling.max(2, 1)))
                .layer(new ConvolutionLayer("conv3", 6, 3, 2, 0, false, Pooling.none()).withSamePadding())
                .dense("fc4", 7)
                .output("fc5");
        SplittableRandom random = new SplittableRandom(20141109L);
        List<LayerWeights> layers = new ArrayList<>();
        layers.add(convolution("conv1", 4, 1, 3, random));
        layers.add(convolution("conv2", 20, 4, 4, random));
        layers.add(convolution("conv3", 6, 20, 3, random));
        layers.add(dense("fc4", 6 * 2 * 2, 7, random));
        layers.add(dense("fc5", 7, 3, random));
        float[] images = images(random);
        return new Problem(spec, new NetworkWeights(layers), images, new int[] {2, 1, 0, 0, 1, 2});
    }

    /** @return the fixed problem, the same in every call */
    public static Problem problem() {
        NetworkSpec spec = NetworkSpec.builder("self-check", InputShape.image(1, 10, 10))
                .layer(ConvolutionLayer.of("conv1", 4, 3).withPadding(1).withPooling(Pooling.max(2, 2)))
                .layer(ConvolutionLayer.of("conv2", 20, 3).withPadding(1).withPooling(Pooling.max(2, 2)))
                .layer(ConvolutionLayer.of("conv3", 6, 3).withPadding(1))
                .dense("fc4", 7)
                .output("fc5");
        SplittableRandom random = new SplittableRandom(20141108L);
        List<LayerWeights> layers = new ArrayList<>();
        layers.add(convolution("conv1", 4, 1, 3, random));
        layers.add(convolution("conv2", 20, 4, 3, random));
        layers.add(convolution("conv3", 6, 20, 3, random));
        layers.add(dense("fc4", 6 * 2 * 2, 7, random));
        layers.add(dense("fc5", 7, 3, random));
        float[] images = images(random);
        return new Problem(spec, new NetworkWeights(layers), images, new int[] {0, 1, 2, 0, 1, 2});
    }

    /** @return a batch of 10x10 grey images of uniform random pixels */
    private static float[] images(SplittableRandom random) {
        float[] images = new float[BATCH * 100];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble();
        }
        return images;
    }

    private static LayerWeights convolution(String name, int out, int in, int kernel, SplittableRandom random) {
        return new LayerWeights(name, List.of(
                new Tensor("bias", List.of(out), gaussian(out, 0.1, random)),
                new Tensor("weight", List.of(out, in, kernel, kernel),
                        gaussian(out * in * kernel * kernel, Math.sqrt(2.0 / (in * kernel * kernel)), random))));
    }

    private static LayerWeights dense(String name, int in, int out, SplittableRandom random) {
        return new LayerWeights(name, List.of(
                new Tensor("weight", List.of(in, out), gaussian(in * out, Math.sqrt(2.0 / in), random)),
                new Tensor("bias", List.of(out), gaussian(out, 0.1, random))));
    }

    private static float[] gaussian(int size, double std, SplittableRandom random) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }

    /**
     * The probe of an engine: builds the problem's network with {@link Engine#build} and computes
     * {@link EngineModel#gradients} of the problem's batch, right after the same computation on NaN weights and
     * images in a model of its own. A kernel that reads memory it did not write in this call (a reused buffer, the
     * padding of a blocked layout) then reads NaN and fails, instead of passing by luck on values an identical call
     * left behind.
     *
     * @param engine the engine, in the configuration to check
     * @return the probe
     */
    public static Probe probe(Engine engine) {
        return problem -> {
            Batch batch = new Batch(problem.images(), problem.labels());
            float[] nanImages = problem.images();
            Arrays.fill(nanImages, Float.NaN);
            try (EngineModel poison = engine.build(problem.request(nan(problem.weights())))) {
                poison.gradients(new Batch(nanImages, problem.labels()));
            }
            try (EngineModel model = engine.build(problem.request(problem.weights()))) {
                EngineModel.Gradients gradients = model.gradients(batch);
                return new Outcome(gradients.loss(), gradients.probabilities(), new NetworkWeights(gradients.layers()));
            }
        };
    }

    private static NetworkWeights nan(NetworkWeights weights) {
        List<LayerWeights> layers = new ArrayList<>();
        for (LayerWeights layer : weights.layers()) {
            layers.add(new LayerWeights(layer.layer(), layer.tensors().stream().map(t -> {
                float[] values = new float[t.size()];
                Arrays.fill(values, Float.NaN);
                return new Tensor(t.name(), t.shape(), values);
            }).toList()));
        }
        return new NetworkWeights(layers);
    }

    /**
     * Chooses the first configuration that passes the check, switching the engine to each in turn.
     *
     * @param backend the backend's name, for messages
     * @param candidates the engine's configurations, its default first; at least one
     * @param probe computes the problem on the engine
     * @return the configuration in force, and what was wrong with those before it
     * @throws EngineCheckException when none passes
     */
    public static Selection select(String backend, List<Candidate> candidates, Probe probe) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("backend " + backend + " offers no engine configuration to check");
        }
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            Candidate first = candidates.get(0);
            first.apply().run();
            LOG.warn("{}: numerical self-check skipped ({}=false); using {} unchecked", backend, PROPERTY,
                    first.name());
            return new Selection(first, List.of(), false);
        }
        Problem problem = problem();
        ReferenceNetwork.Pass reference = new ReferenceNetwork(problem.request(problem.weights()))
                .run(problem.images(), problem.labels());
        List<String> failures = new ArrayList<>();
        for (Candidate candidate : candidates) {
            candidate.apply().run();
            Optional<String> wrong = Optional.empty();
            try {
                Outcome first = probe.run(problem);
                for (int run = 2; run <= RUNS && wrong.isEmpty(); run++) {
                    wrong = disagreement(first, probe.run(problem), reference);
                    if (wrong.isPresent() && run > 2) {
                        wrong = Optional.of(wrong.get() + ", in run " + run + " of " + RUNS);
                    }
                }
            } catch (RuntimeException e) {
                wrong = Optional.of("the engine failed: " + e);
            }
            if (wrong.isEmpty()) {
                if (!failures.isEmpty()) {
                    LOG.warn("{}: the numerical self-check found {}; switched to {}, which passes", backend,
                            String.join("; ", failures), candidate.name());
                } else {
                    LOG.debug("{}: numerical self-check passed with {}", backend, candidate.name());
                }
                return new Selection(candidate, failures, true);
            }
            failures.add(candidate.name() + " wrong (" + wrong.get() + ")");
        }
        throw new EngineCheckException("backend " + backend + " failed its numerical self-check in every "
                + "configuration it has: " + String.join("; ", failures) + ". Training on it here would give wrong "
                + "numbers. Use another backend, or set -D" + PROPERTY + "=false to use it anyway");
    }

    /**
     * Compares two runs of the problem with each other and with the reference.
     *
     * @return what is wrong, in words; empty when the engine passes
     */
    static Optional<String> disagreement(Outcome first, Outcome second, ReferenceNetwork.Pass reference) {
        if (!Double.isFinite(first.loss()) || !Double.isFinite(second.loss())) {
            return Optional.of("loss: " + first.loss() + " (then " + second.loss() + ")");
        }
        double lossScale = Math.max(1, Math.abs(reference.loss()));
        if (Math.abs(first.loss() - reference.loss()) > ABSOLUTE + TOLERANCE * lossScale) {
            return Optional.of(String.format(Locale.ROOT, "loss: %.6g, the reference %.6g", first.loss(),
                    reference.loss()));
        }
        Optional<String> probabilities = compare("probabilities", first.probabilities(), second.probabilities(),
                reference.probabilities());
        if (probabilities.isPresent()) {
            return probabilities;
        }
        for (int n = 1; n <= reference.gradients().size(); n++) {
            LayerWeights expected = reference.gradients().get(n - 1);
            for (Tensor tensor : expected.tensors()) {
                Optional<String> wrong = compare("gradient of " + expected.layer() + "/" + tensor.name(),
                        first.gradients().layer(n).tensor(tensor.name()).values(),
                        second.gradients().layer(n).tensor(tensor.name()).values(), doubles(tensor.values()));
                if (wrong.isPresent()) {
                    return wrong;
                }
            }
        }
        if (first.loss() != second.loss()) {
            return Optional.of("loss: two runs differ (" + first.loss() + " vs " + second.loss() + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> compare(String what, float[] first, float[] second, double[] reference) {
        if (first.length != reference.length || second.length != reference.length) {
            return Optional.of(what + ": " + first.length + " values, the reference has " + reference.length);
        }
        double scale = 0;
        for (double r : reference) {
            scale = Math.max(scale, Math.abs(r));
        }
        double allowed = ABSOLUTE + TOLERANCE * scale;
        for (int i = 0; i < reference.length; i++) {
            if (!Float.isFinite(first[i]) || !Float.isFinite(second[i])) {
                return Optional.of(what + ": non-finite value at index " + i + " (" + first[i] + ", then " + second[i]
                        + ")");
            }
            double error = Math.abs(first[i] - reference[i]);
            if (error > allowed) {
                return Optional.of(String.format(Locale.ROOT, "%s: %.3g away from the reference at index %d "
                        + "(%.6g vs %.6g; allowed %.2g)", what, error, i, first[i], reference[i], allowed));
            }
        }
        for (int i = 0; i < reference.length; i++) {
            if (Float.floatToIntBits(first[i]) != Float.floatToIntBits(second[i])) {
                return Optional.of(String.format(Locale.ROOT, "%s: two runs differ at index %d (%.9g vs %.9g)", what,
                        i, first[i], second[i]));
            }
        }
        return Optional.empty();
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
