package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferable.backend.PrefixCache;
import org.transferable.data.LabelledImages;
import org.transferable.network.NetworkWeights;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;

/**
 * Trains a network whose first n layers are frozen without recomputing what cannot change: the outputs of frozen
 * layers 1..m (m &lt;= n, see {@link PrefixBoundary}) are computed once for the training set, kept in the backend's
 * {@link PrefixCache}, and the training loop runs only layers m+1..L on them.
 *
 * <p>The result is bit-identical to training from the images: frozen layers run in inference mode during training,
 * which is how the cache is computed; the loop sees the same shuffled mini-batches (the order depends only on the
 * seed and the number of examples) and draws the same dropout masks (nothing random runs in frozen layers). It
 * trains from the images, saying so in the log, when nothing can be cached exactly (m = 0) or the outputs would
 * exceed the cache's budget.
 */
final class FrozenPrefixTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(FrozenPrefixTrainer.class);
    private static final long MIB = 1L << 20;

    private FrozenPrefixTrainer() {
    }

    /**
     * What {@link #train} did.
     *
     * @param cachedLayers m, the frozen layers whose outputs were cached (0: trained from the images)
     * @param reused whether the outputs came from an earlier fit
     * @param reason in words
     */
    record Outcome(int cachedLayers, boolean reused, String reason) {
    }

    /**
     * Trains the blocks in place, on cached prefix outputs where possible.
     *
     * @param network the blocks, layers 1..frozen frozen
     * @param spec their spec
     * @param weights the values the blocks were built from (their first layers key the cache)
     * @param frozen n
     * @param computedBy how the engine computes (part of the cache key)
     * @return how it was trained
     */
    static Outcome train(NetworkBlocks network, NetworkSpec spec, NetworkWeights weights, int frozen,
            LabelledImages images, TrainingConfig config, TrainingListener listener,
            PrefixCache<PrefixFeatures> cache, String computedBy) {
        Batches batches = new Batches(images);
        if (frozen == 0) {
            Trainer.train(network, batches, 0, config, listener);
            return new Outcome(0, false, "no frozen layers");
        }
        if (cache.maxBytes() == 0) {
            Trainer.train(network, batches, 0, config, listener);
            return new Outcome(0, false, "the prefix cache is off (budget 0)");
        }
        String kernels = computedBy + ", batch " + config.batchSize();
        // An entry for all n frozen layers exists only if an earlier fit probed them all batch-invariant (same
        // images, parameters, kernels, batch size), so the probe would say m = n again: skip it. An entry for fewer
        // layers is not reused: the probe might find more, and the result must not depend on what ran before.
        PrefixCache.Key allFrozen = key(images, spec, weights, frozen, kernels);
        Optional<PrefixFeatures> earlier = cache.get(allFrozen);
        if (earlier.isPresent()) {
            return head(network, spec, frozen, earlier.get(), true, config, listener);
        }
        int m = PrefixBoundary.find(network, frozen, batches, config, Evaluator.BATCH);
        if (m == 0) {
            return fromImages(network, spec, batches, config, listener, "the outputs of frozen layer 1 depend on the "
                    + "batch they are computed in, so caching them would change the result");
        }
        InputShape shape = spec.hiddenShapes().get(m - 1);
        long bytes = PrefixFeatures.bytesFor(images.size(), shape.size());
        if (bytes > cache.maxBytes()) {
            return fromImages(network, spec, batches, config, listener, "the outputs of frozen layers 1.." + m
                    + " would take " + mebibytes(bytes) + ", over the prefix cache's budget of "
                    + mebibytes(cache.maxBytes()) + " (system property " + PrefixCache.MAX_BYTES_PROPERTY + ")");
        }
        if ((long) images.size() * shape.size() > Integer.MAX_VALUE - 8) {
            return fromImages(network, spec, batches, config, listener, "the outputs of frozen layers 1.." + m
                    + " have more than " + (Integer.MAX_VALUE - 8) + " values, the most one Java array holds");
        }
        long start = System.nanoTime();
        PrefixFeatures features = featurize(network, m, spec.layer(m) instanceof ConvolutionLayer, shape, batches,
                images);
        cache.put(m == frozen ? allFrozen : key(images, spec, weights, m, kernels), features);
        LOG.info("computed the outputs of frozen layers 1..{} of {} for {} images once ({}, {} ms)", m, spec.name(),
                images.size(), mebibytes(features.bytes()), (System.nanoTime() - start) / 1_000_000);
        return head(network, spec, m, features, false, config, listener);
    }

    private static PrefixCache.Key key(LabelledImages images, NetworkSpec spec, NetworkWeights weights, int m,
            String kernels) {
        return PrefixCache.key(images, spec.input(), spec.layers().subList(0, m), weights.digest(m), kernels);
    }

    /** Trains layers m+1..L on the outputs of layers 1..m. */
    private static Outcome head(NetworkBlocks network, NetworkSpec spec, int m, PrefixFeatures features,
            boolean reused, TrainingConfig config, TrainingListener listener) {
        Trainer.train(network, features, m, config, listener);
        String reason = "trained layers " + (m + 1) + ".." + spec.layerCount() + " on "
                + (reused ? "reused" : "newly") + " cached outputs of frozen layers 1.." + m;
        LOG.debug("{}: {}", spec.name(), reason);
        return new Outcome(m, reused, reason);
    }

    private static Outcome fromImages(NetworkBlocks network, NetworkSpec spec, Batches batches, TrainingConfig config,
            TrainingListener listener, String reason) {
        LOG.info("training all {} layers of {}: {}", spec.layerCount(), spec.name(), reason);
        Trainer.train(network, batches, 0, config, listener);
        return new Outcome(0, false, reason);
    }

    /** The outputs of layers 1..m for every image, in inference mode, as the next layer takes them. */
    private static PrefixFeatures featurize(NetworkBlocks network, int m, boolean convolutional, InputShape shape,
            Batches batches, LabelledImages images) {
        int size = images.size();
        int exampleSize = shape.size();
        float[] values = new float[Math.multiplyExact(size, exampleSize)];
        int[] order = batches.identityOrder();
        try (Autograd off = Autograd.off()) {
            for (int from = 0; from < size; from += Evaluator.BATCH) {
                int to = Math.min(size, from + Evaluator.BATCH);
                try (NDManager step = network.manager().newSubManager()) {
                    NDArray output = network.forward(batches.features(step, order, from, to), 0, m, false);
                    float[] batch = output.toFloatArray();
                    System.arraycopy(batch, 0, values, from * exampleSize, batch.length);
                }
            }
        }
        Shape exampleShape = convolutional
                ? new Shape(shape.channels(), shape.height(), shape.width())
                : new Shape(exampleSize);
        return new PrefixFeatures(values, images, exampleShape);
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }
}
