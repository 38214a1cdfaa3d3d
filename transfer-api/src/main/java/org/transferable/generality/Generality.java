package org.transferable.generality;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleBiFunction;
import org.transferable.Checks;
import org.transferable.data.LabelledImages;
import org.transferable.network.Network;
import org.transferable.similarity.FeatureMatrix;
import org.transferable.similarity.HScore;
import org.transferable.similarity.Labels;
import org.transferable.similarity.LayerProfile;
import org.transferable.similarity.Leep;
import org.transferable.similarity.LogMe;
import org.transferable.similarity.MinibatchCka;
import org.transferable.similarity.Nce;

/**
 * Training-free generality profiles of a network's hidden layers n = 1..L-1 on a set of images, through the
 * network's own backend ({@link Network#activations}). Every {@link LayerProfile} it returns holds L-1 values
 * (layer n at index n - 1) and the wall time of the whole profile, forward passes included. No network is changed.
 *
 * <ul>
 *   <li>{@link #similarity}: minibatch CKA of layer n of one network and layer n of another (the paper's
 *   {@code baseA} and {@code baseB}), on the full flattened activations;</li>
 *   <li>{@link #labelCka}: minibatch CKA of layer n and the one-hot target labels, a per-layer class-separability
 *   score;</li>
 *   <li>{@link #logMe} and {@link #hScore}: transferability estimates of layer n's features for the target labels,
 *   on per-channel pooled features of convolution layers;</li>
 *   <li>{@link #leep} and {@link #nce}: single scores of the source's output-layer probabilities.</li>
 * </ul>
 *
 * <p>Minibatch CKA runs over batches of exactly {@link #ckaBatchSize()} images (256 by {@link #defaults()}, as
 * Nguyen et al. use for their wide and deep networks), in image order; the images after the last whole batch are
 * not used (5,000 images make 19 batches, 4,864 images). Immutable and thread-safe.
 *
 * @param ckaBatchSize images in every minibatch-CKA batch, at least 4
 */
public record Generality(int ckaBatchSize) {
    /** The minibatch-CKA batch size of {@link #defaults()}. */
    public static final int DEFAULT_CKA_BATCH_SIZE = 256;

    /**
     * Validates the batch size.
     *
     * @throws IllegalArgumentException "CKA batch size must be in [4, 2147483647], got 2"
     */
    public Generality {
        Checks.inRange("CKA batch size", ckaBatchSize, 4, Integer.MAX_VALUE);
    }

    /** @return profiles with minibatch CKA over batches of {@value #DEFAULT_CKA_BATCH_SIZE} images */
    public static Generality defaults() {
        return new Generality(DEFAULT_CKA_BATCH_SIZE);
    }

    /**
     * @param batchSize images in every minibatch-CKA batch, at least 4
     * @return these settings with that batch size
     * @throws IllegalArgumentException "CKA batch size must be in [4, 2147483647], got 2"
     */
    public Generality withCkaBatchSize(int batchSize) {
        return new Generality(batchSize);
    }

    /**
     * How similar each hidden layer of two networks of the same spec is: minibatch CKA of layer n of {@code a} and
     * layer n of {@code b} on the same images, on the full activations (a convolution layer's {@code C x H x W}
     * values flattened). 1 for a network and itself; the networks may come from different backends, and their
     * output layers may classify different tasks.
     *
     * @param a one network
     * @param b another network with {@code a}'s spec
     * @param images at least {@link #ckaBatchSize()} images of the networks' input shape (labels unused)
     * @return measure {@code minibatch CKA}, one value per hidden layer
     * @throws IllegalArgumentException "similarity needs two networks of the same spec, got paper8-small [...] and
     *     paper8-wide [...]", or "minibatch CKA with batch size 256 needs at least 256 images, got 100"
     */
    public LayerProfile similarity(Network a, Network b, LabelledImages images) {
        long start = System.nanoTime();
        Objects.requireNonNull(a, "a must not be null");
        Objects.requireNonNull(b, "b must not be null");
        if (!a.spec().equals(b.spec())) {
            throw new IllegalArgumentException("similarity needs two networks of the same spec, got "
                    + a.spec().name() + " " + a.spec().layerNames() + " and " + b.spec().name() + " "
                    + b.spec().layerNames() + (a.spec().name().equals(b.spec().name()) ? " (same name, other layers)"
                    : ""));
        }
        List<Integer> layers = LayerFeatures.hiddenLayers(a.spec());
        int batches = wholeBatches(images);
        // one accumulator per layer: only the pairs (a_n, b_n) are needed, not every (a_i, b_j)
        MinibatchCka[] cka = new MinibatchCka[layers.size()];
        for (int i = 0; i < cka.length; i++) {
            cka[i] = MinibatchCka.of(ckaBatchSize, 1, 1);
        }
        for (int batch = 0; batch < batches; batch++) {
            LabelledImages part = batch(images, batch);
            List<FeatureMatrix> fromA = single(a, part, layers);
            List<FeatureMatrix> fromB = single(b, part, layers);
            for (int i = 0; i < cka.length; i++) {
                cka[i] = cka[i].add(List.of(fromA.get(i)), List.of(fromB.get(i)));
            }
        }
        List<Double> values = new ArrayList<>();
        for (MinibatchCka layer : cka) {
            values.add(layer.cka(0, 0));
        }
        return profile("minibatch CKA", values, start);
    }

    /**
     * How well each hidden layer of a network separates the classes of some labelled images, without training:
     * minibatch CKA of layer n's full activations and the images' one-hot labels. Higher means the layer's linear
     * geometry follows the classes more closely.
     *
     * @param source the network
     * @param target at least {@link #ckaBatchSize()} images of its input shape, in at least 2 classes
     * @return measure {@code label CKA}, one value per hidden layer
     * @throws IllegalArgumentException "minibatch CKA with batch size 256 needs at least 256 images, got 100", or
     *     "target images need at least 2 classes, got 1"
     */
    public LayerProfile labelCka(Network source, LabelledImages target) {
        long start = System.nanoTime();
        Objects.requireNonNull(source, "source must not be null");
        Labels labels = labels(target);
        List<Integer> layers = LayerFeatures.hiddenLayers(source.spec());
        int batches = wholeBatches(target);
        MinibatchCka[] cka = {MinibatchCka.of(ckaBatchSize, layers.size(), 1)};
        source.activations(target.head(batches * ckaBatchSize), layers, ckaBatchSize, (first, features) ->
                cka[0] = cka[0].add(features, List.of(oneHot(labels, first, ckaBatchSize))));
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            values.add(cka[0].cka(i, 0));
        }
        return profile("label CKA", values, start);
    }

    /**
     * LogME of each hidden layer's features of a source network for a target task's labels. A convolution layer's
     * features are its outputs averaged over the spatial positions, one per channel; a dense layer's are its
     * outputs. Pooling keeps the cost in check and follows common practice: LogME decomposes a D x D matrix,
     * O(D^3), and a flattened convolution layer of a 28 x 28 network has thousands of features (4,608 for 32
     * channels of 12 x 12, minutes in pure Java per layer), while transferability estimates of convolutional
     * features are usually taken on globally pooled ones.
     *
     * @param source the source network
     * @param target images of its input shape with the target task's labels, in at least 2 classes
     * @return measure {@code LogME}, one value per hidden layer
     * @throws IllegalArgumentException "target images need at least 2 classes, got 1", or as
     *     {@link LogMe#score} (e.g. for a layer whose features are all zero)
     */
    public LayerProfile logMe(Network source, LabelledImages target) {
        return pooledProfile("LogME", source, target, LogMe::score);
    }

    /**
     * H-score of each hidden layer's features of a source network for a target task's labels, on the features
     * {@link #logMe} uses (per-channel pooled convolution outputs, for the same reason: a D x D pseudo-inverse).
     *
     * @param source the source network
     * @param target at least 2 images of its input shape with the target task's labels, in at least 2 classes
     * @return measure {@code H-score}, one value per hidden layer
     * @throws IllegalArgumentException "target images need at least 2 classes, got 1", or as {@link HScore#score}
     */
    public LayerProfile hScore(Network source, LabelledImages target) {
        return pooledProfile("H-score", source, target, HScore::score);
    }

    /** @return the score of each hidden layer's pooled features ({@link LayerFeatures#pooled}) for the labels */
    private static LayerProfile pooledProfile(String measure, Network source, LabelledImages target,
            ToDoubleBiFunction<FeatureMatrix, Labels> score) {
        long start = System.nanoTime();
        Labels labels = labels(target);
        List<Double> values = new ArrayList<>();
        for (FeatureMatrix features : LayerFeatures.pooled(Objects.requireNonNull(source, "source"), target)) {
            values.add(score.applyAsDouble(features, labels));
        }
        return profile(measure, values, start);
    }

    /**
     * LEEP of a source network for a target task: from the source's softmax probabilities over its own classes
     * (Z) on the target images, and the target labels (Y).
     *
     * @param source the source network
     * @param target images of its input shape with the target task's labels, in at least 2 classes
     * @return LEEP, at most 0
     * @throws IllegalArgumentException "target images need at least 2 classes, got 1"
     */
    public double leep(Network source, LabelledImages target) {
        Labels labels = labels(target);
        return Leep.score(outputs(source, target), labels);
    }

    /**
     * NCE of a source network for a target task: the negative conditional entropy of the target labels (Y) given
     * the source's most probable class (Z) on each target image.
     *
     * @param source the source network
     * @param target images of its input shape with the target task's labels, in at least 2 classes
     * @return NCE in nats, at most 0
     * @throws IllegalArgumentException "target images need at least 2 classes, got 1", or when the source
     *     classifies a single class
     */
    public double nce(Network source, LabelledImages target) {
        Labels labels = labels(target);
        return Nce.score(Labels.argmax(outputs(source, target)), labels);
    }

    private static FeatureMatrix outputs(Network source, LabelledImages target) {
        Objects.requireNonNull(source, "source must not be null");
        return source.activations(target, source.spec().layerCount());
    }

    private static Labels labels(LabelledImages target) {
        Objects.requireNonNull(target, "target must not be null");
        if (target.classCount() < 2) {
            throw new IllegalArgumentException("target images need at least 2 classes, got " + target.classCount()
                    + " " + target.classNames());
        }
        return new Labels(target.labels(), target.classCount());
    }

    private int wholeBatches(LabelledImages images) {
        Objects.requireNonNull(images, "images must not be null");
        if (images.size() < ckaBatchSize) {
            throw new IllegalArgumentException("minibatch CKA with batch size " + ckaBatchSize + " needs at least "
                    + ckaBatchSize + " images, got " + images.size());
        }
        return images.size() / ckaBatchSize;
    }

    private LabelledImages batch(LabelledImages images, int batch) {
        int[] indices = new int[ckaBatchSize];
        for (int i = 0; i < ckaBatchSize; i++) {
            indices[i] = batch * ckaBatchSize + i;
        }
        return images.select(indices);
    }

    private static List<FeatureMatrix> single(Network network, LabelledImages part, List<Integer> layers) {
        List<List<FeatureMatrix>> out = new ArrayList<>(1);
        network.activations(part, layers, part.size(), (first, features) -> out.add(features));
        return out.get(0);
    }

    private static FeatureMatrix oneHot(Labels labels, int first, int rows) {
        float[] values = new float[rows * labels.classes()];
        for (int i = 0; i < rows; i++) {
            values[i * labels.classes() + labels.get(first + i)] = 1f;
        }
        return new FeatureMatrix(rows, labels.classes(), values);
    }

    private static LayerProfile profile(String measure, List<Double> values, long start) {
        return new LayerProfile(measure, values, (System.nanoTime() - start) / 1e9);
    }
}
