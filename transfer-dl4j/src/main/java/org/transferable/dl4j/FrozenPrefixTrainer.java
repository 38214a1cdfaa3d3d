package org.transferable.dl4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferable.backend.PrefixCache;
import org.transferable.data.LabelledImages;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;

/**
 * Trains a network whose first n layers are frozen without recomputing what cannot change: the outputs of frozen
 * layers 1..m (m &lt;= n, see {@link PrefixBoundary}) are computed once for the training set, kept in the backend's
 * {@link PrefixCache}, and only a head network of layers m+1..L is trained on them; its parameters then go back
 * into the full network, whose layers 1..m are untouched.
 *
 * <p>The result is bit-identical to training the full network: DL4J's {@code FrozenLayer} runs its layer in
 * inference mode during training, which is how the cache is computed; the head sees the same shuffled mini-batches
 * (the order depends only on the seed and the number of images), draws the same dropout masks (nothing random runs
 * in the frozen layers), and starts from the same parameters. It falls back to training the full network, saying so
 * in the log, when nothing can be cached exactly (m = 0) or the outputs would exceed the cache's budget.
 */
final class FrozenPrefixTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(FrozenPrefixTrainer.class);
    private static final long MIB = 1L << 20;

    private FrozenPrefixTrainer() {
    }

    /** What {@link #train} did. */
    record Outcome(int cachedLayers, boolean reused, String reason) {
    }

    /**
     * Trains {@code full} (in place), through a head on cached prefix outputs where possible.
     *
     * @param full the network to train, layers 1..frozen frozen, parameters set
     * @param spec its spec
     * @param frozen n
     * @return how it was trained
     */
    static Outcome train(ModelFactory.Built full, NetworkSpec spec, int frozen, LabelledImages images,
            TrainingConfig config, TrainingListener listener, PrefixCache<PrefixFeatures> cache) {
        MultiLayerNetwork network = full.network();
        Batches imageBatches = new Batches(images, ModelFactory.convolutionalInput(spec));
        if (frozen == 0) {
            Trainer.train(network, imageBatches, config, listener);
            return new Outcome(0, false, "no frozen layers");
        }
        if (cache.maxBytes() == 0) {
            Trainer.train(network, imageBatches, config, listener);
            return new Outcome(0, false, "the prefix cache is off (budget 0)");
        }
        String kernels = (OneDnnHelpers.available() ? "onednn" : "plain") + ", batch " + config.batchSize();
        // An entry for all n frozen layers exists only if an earlier fit probed them all batch-invariant (same
        // images, parameters, kernels, batch size), so the probe would say m = n again: skip it. An entry for fewer
        // layers is not reused: the probe might find more, and the result must not depend on what ran before.
        PrefixCache.Key allFrozen = key(full, spec, frozen, images, kernels);
        Optional<PrefixFeatures> earlier = cache.get(allFrozen);
        if (earlier.isPresent()) {
            return head(full, spec, frozen, frozen, earlier.get(), true, config, listener);
        }
        int m = PrefixBoundary.find(network, full.blocks(), frozen, imageBatches, config, Evaluator.BATCH);
        if (m == 0) {
            String reason = "the outputs of frozen layer 1 depend on the batch they are computed in (oneDNN helpers "
                    + (OneDnnHelpers.available() ? "on" : "off") + "), so caching them would change the result";
            LOG.info("training all {} layers of {}: {}", spec.layerCount(), spec.name(), reason);
            Trainer.train(network, imageBatches, config, listener);
            return new Outcome(0, false, reason);
        }
        long exampleSize = spec.hiddenShapes().get(m - 1).size();
        long bytes = PrefixFeatures.bytesFor(images.size(), exampleSize, images.classCount());
        if (bytes > cache.maxBytes()) {
            String reason = "the outputs of frozen layers 1.." + m + " would take " + mebibytes(bytes)
                    + ", over the prefix cache's budget of " + mebibytes(cache.maxBytes()) + " (system property "
                    + PrefixCache.MAX_BYTES_PROPERTY + ")";
            LOG.info("training all {} layers of {}: {}", spec.layerCount(), spec.name(), reason);
            Trainer.train(network, imageBatches, config, listener);
            return new Outcome(0, false, reason);
        }
        long start = System.nanoTime();
        PrefixFeatures features = featurize(network, full.blocks().dl4jLayersThrough(m),
                spec.layer(m) instanceof ConvolutionLayer, spec.hiddenShapes().get(m - 1), imageBatches, images);
        cache.put(m == frozen ? allFrozen : key(full, spec, m, images, kernels), features);
        LOG.info("computed the outputs of frozen layers 1..{} of {} for {} images once ({}, {} ms)", m, spec.name(),
                images.size(), mebibytes(features.bytes()), (System.nanoTime() - start) / 1_000_000);
        return head(full, spec, m, frozen, features, false, config, listener);
    }

    /** The number of parameters of paper layers 1..m in the network's flat parameter vector. */
    private static long prefixParameters(ModelFactory.Built full, int m) {
        long count = 0;
        for (int i = 0; i < full.blocks().dl4jLayersThrough(m); i++) {
            count += full.network().getLayer(i).numParams();
        }
        return count;
    }

    private static PrefixCache.Key key(ModelFactory.Built full, NetworkSpec spec, int m, LabelledImages images,
            String kernels) {
        return PrefixCache.key(images, spec.input(), spec.layers().subList(0, m),
                digest(full.network(), prefixParameters(full, m)), kernels);
    }

    /** Trains a head of layers m+1..L on the outputs of layers 1..m and copies its parameters back. */
    private static Outcome head(ModelFactory.Built full, NetworkSpec spec, int m, int frozen, PrefixFeatures features,
            boolean reused, TrainingConfig config, TrainingListener listener) {
        MultiLayerNetwork network = full.network();
        ModelFactory.Built head = ModelFactory.buildHead(spec, m, features.classes(), frozen, config, config.seed());
        INDArray headParams = slice(network.params(), prefixParameters(full, m), network.numParams());
        if (head.network().numParams() != headParams.length()) {
            throw new IllegalStateException("head of " + spec.name() + " after layer " + m + " has "
                    + head.network().numParams() + " parameters, the full network " + headParams.length());
        }
        head.network().setParams(headParams.dup().reshape(head.network().params().shape()));
        Trainer.train(head.network(), new FeatureBatches(features), config, listener);
        headParams.assign(head.network().params().reshape(headParams.shape()));
        String reason = "trained layers " + (m + 1) + ".." + spec.layerCount() + " on "
                + (reused ? "reused" : "newly") + " cached outputs of frozen layers 1.." + m;
        LOG.debug("{}: {}", spec.name(), reason);
        return new Outcome(m, reused, reason);
    }

    /**
     * The outputs of the network's first {@code layers} DL4J layers for every image, in inference mode (as
     * {@code FrozenLayer} computes them in training), shaped as the head's input: channels x height x width after a
     * convolution block, units after a dense block.
     */
    private static PrefixFeatures featurize(MultiLayerNetwork network, int layers, boolean convolutional,
            InputShape shape, Batches batches, LabelledImages images) {
        int size = images.size();
        int exampleSize = shape.size();
        INDArray values = Nd4j.create(DataType.FLOAT, size, exampleSize);
        INDArray labels = Nd4j.create(DataType.FLOAT, size, images.classCount());
        int[] order = batches.identityOrder();
        for (int from = 0; from < size; from += Evaluator.BATCH) {
            int to = Math.min(size, from + Evaluator.BATCH);
            DataSet batch = batches.batch(order, from, to);
            INDArray output = network.feedForwardToLayer(layers - 1, batch.getFeatures(), false).get(layers);
            values.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())
                    .assign(output.dup('c').reshape('c', to - from, exampleSize));
            labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(batch.getLabels());
        }
        long[] exampleShape = convolutional
                ? new long[] {shape.channels(), shape.height(), shape.width()}
                : new long[] {exampleSize};
        return new PrefixFeatures(values, labels, exampleShape);
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }

    /** @return parameters [from, to) of the network's flat parameter vector, a view */
    private static INDArray slice(INDArray params, long from, long to) {
        return params.rank() == 1
                ? params.get(NDArrayIndex.interval(from, to))
                : params.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, to));
    }

    /** SHA-256 of the first {@code count} parameters, as stored (float32, little-endian), read in chunks. */
    private static String digest(MultiLayerNetwork network, long count) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        long chunk = 1 << 20;
        ByteBuffer bytes = ByteBuffer.allocate((int) chunk * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long from = 0; from < count; from += chunk) {
            float[] values = slice(network.params(), from, Math.min(count, from + chunk)).dup('c').data().asFloat();
            bytes.clear();
            bytes.asFloatBuffer().put(values);
            sha256.update(bytes.array(), 0, values.length * Float.BYTES);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
