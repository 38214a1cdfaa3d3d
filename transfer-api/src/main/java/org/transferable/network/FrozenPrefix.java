package org.transferable.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferable.data.LabelledImages;
import org.transferable.engine.Batch;
import org.transferable.engine.Engine;
import org.transferable.engine.EngineModel;
import org.transferable.engine.ModelRequest;
import org.transferable.policy.TrainingPhase;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.CachedPrefix;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.train.TrainingOutcome;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.NetworkWeights;

/**
 * A fit, with frozen layers computed once where that is exact: the outputs of frozen layers 1..m (m &lt;= n) are
 * computed once for the training images, kept in the backend's {@link PrefixCache}, and only a head of layers
 * m+1..L is trained on them; layers 1..m keep their values.
 *
 * <p>The result is bit-identical to training the whole network: frozen layers run in inference mode during
 * training, which is how the cache is computed; the head sees the same shuffled mini-batches (the order depends
 * only on the seed and the number of images) and draws the same dropout masks (nothing random runs in frozen
 * layers). Before caching, m is measured on the network itself: a layer is cached only if its output for an image
 * is the same bit for bit whatever batch it is computed in ({@link BatchInvariance}), on the first mini-batch and
 * on the smaller last one.
 *
 * <p>The decision, in order: no frozen layers, or a cache budget of 0: train the whole network. An entry for all n
 * frozen layers (same images, values, engine, batch size): reuse it (an earlier fit probed all n batch-invariant).
 * Otherwise, when the outputs of all n fit the budget, compute them and check them against training steps
 * ({@link #cacheMatchesSteps}); if they differ, or do not fit, probe m below ({@link #probe}); m = 0, outputs over
 * the budget, or more values than a Java array holds: train the whole network and say why in the log (INFO).
 * Otherwise compute (unless already computed), store and train the head. An entry for fewer than n layers is
 * never reused: the probe might find more, and the result must not depend on which fits ran before.
 */
final class FrozenPrefix {
    /** Examples per batch when the cache is computed, and when networks are evaluated. */
    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(FrozenPrefix.class);
    private static final long MIB = 1L << 20;

    private FrozenPrefix() {
    }

    /**
     * One fit.
     *
     * @param engine the engine
     * @param cache the backend's cache
     * @param spec the network
     * @param classes its output width
     * @param weights its values, in the layout
     * @param phases the policy's phases, for layers 1..L
     * @param images the training images
     * @param validation the images held out for early stopping, or null
     * @param config the training configuration
     * @param listener progress
     * @param network the network's name for messages
     */
    record Fit(Engine engine, PrefixCache cache, NetworkSpec spec, int classes, NetworkWeights weights,
            List<TrainingPhase> phases, LabelledImages images, LabelledImages validation, TrainingConfig config,
            TrainingListener listener, String network) {
        /** @return layers 1..frozen are frozen in every phase: their outputs can be computed once */
        int frozen() {
            return TrainingPhase.frozenPrefix(phases);
        }
    }

    /**
     * What a fit gave.
     *
     * @param weights the trained values of every layer
     * @param outcome what the training run did
     */
    record Trained(NetworkWeights weights, TrainingOutcome outcome) {
    }

    /**
     * Trains.
     *
     * @return the trained values of every layer, and the run's outcome
     */
    static Trained fit(Fit fit) {
        ImageInputs images = new ImageInputs(fit.images());
        if (fit.frozen() == 0) {
            return whole(fit, images, null);
        }
        if (fit.cache().maxBytes() == 0) {
            return whole(fit, images, "the prefix cache is off (budget 0)");
        }
        String kernels = fit.engine().version() + ", batch " + fit.config().batchSize();
        PrefixCache.Key allFrozen = key(fit, fit.frozen(), kernels);
        Optional<CachedOutputs> earlier = fit.cache().get(allFrozen);
        if (earlier.isPresent()) {
            return head(fit, fit.frozen(), earlier.get(), null, true);
        }
        int m;
        CachedOutputs outputs;
        CachedOutputs validation = null;
        try (EngineModel model = fit.engine().build(request(fit, 1))) {
            long start = System.nanoTime();
            m = fit.frozen();
            outputs = null;
            if (overBudget(fit, m) == null) {
                // the usual case: cache every frozen layer and check the cache itself against training steps, which
                // costs two step-sized forward passes instead of the probe's two cache-sized ones
                outputs = featurize(model, m, images, fit.spec().hiddenShapes().get(m - 1), fit.images());
                if (!cacheMatchesSteps(model, m, images, outputs, fit.config())) {
                    outputs = null;
                    m = probe(model, m - 1, images, fit.config());
                }
            } else {
                m = probe(model, m, images, fit.config());
            }
            String refused = m == 0 ? "the outputs of frozen layer 1 depend on the batch they are computed in, so "
                    + "caching them would change the result" : overBudget(fit, m);
            if (refused != null) {
                LOG.info("training all {} layers of {}: {}", fit.spec().layerCount(), fit.network(), refused);
                fit.listener().onCachedPrefix(new CachedPrefix(0, false, refused));
                return train(fit, model, images, validationImages(fit), 1);
            }
            if (outputs == null) {
                outputs = featurize(model, m, images, fit.spec().hiddenShapes().get(m - 1), fit.images());
            }
            if (fit.validation() != null) {
                validation = featurize(model, m, new ImageInputs(fit.validation()),
                        fit.spec().hiddenShapes().get(m - 1), fit.validation());
            }
            LOG.info("computed the outputs of frozen layers 1..{} of {} for {} images once ({}, {} ms)", m,
                    fit.network(), fit.images().size(), mebibytes(outputs.bytes()),
                    (System.nanoTime() - start) / 1_000_000);
        }
        fit.cache().put(m == fit.frozen() ? allFrozen : key(fit, m, kernels), outputs);
        return head(fit, m, outputs, validation, false);
    }

    /** Trains the whole network from the images. */
    private static Trained whole(Fit fit, ImageInputs images, String reason) {
        if (reason != null) {
            fit.listener().onCachedPrefix(new CachedPrefix(0, false, reason));
        }
        try (EngineModel model = fit.engine().build(request(fit, 1))) {
            return train(fit, model, images, validationImages(fit), 1);
        }
    }

    private static Inputs validationImages(Fit fit) {
        return fit.validation() == null ? null : new ImageInputs(fit.validation());
    }

    /**
     * Trains layers m+1..L on the outputs of layers 1..m; the validation images' outputs are computed here when
     * they are not given.
     */
    private static Trained head(Fit fit, int m, CachedOutputs outputs, CachedOutputs validation, boolean reused) {
        String reason = "trained layers " + (m + 1) + ".." + fit.spec().layerCount() + " on "
                + (reused ? "reused" : "newly") + " cached outputs of frozen layers 1.." + m;
        LOG.debug("{}: {}", fit.network(), reason);
        fit.listener().onCachedPrefix(new CachedPrefix(m, reused, reason));
        CachedOutputs held = validation;
        if (held == null && fit.validation() != null) {
            try (EngineModel prefix = fit.engine().build(request(fit, 1))) {
                held = featurize(prefix, m, new ImageInputs(fit.validation()), fit.spec().hiddenShapes().get(m - 1),
                        fit.validation());
            }
        }
        try (EngineModel model = fit.engine().build(request(fit, m + 1))) {
            return train(fit, model, outputs, held, m + 1);
        }
    }

    /** Trains a model of layers first..L; every layer's values: 1..first-1 unchanged, the rest as trained. */
    private static Trained train(Fit fit, EngineModel model, Inputs inputs, Inputs validation, int first) {
        TrainingLoop.Result result = TrainingLoop.train(model, inputs, validation, fit.spec().layerCount(), first,
                fit.phases(), fit.config(), fit.listener(), fit.network());
        List<LayerWeights> layers = new ArrayList<>(fit.weights().layers().subList(0, first - 1));
        layers.addAll(result.weights());
        return new Trained(new NetworkWeights(layers), result.outcome());
    }

    /** @return a request for layers first..L as the first phase trains them, dropout seeded by the config */
    private static ModelRequest request(Fit fit, int first) {
        int layers = fit.spec().layerCount();
        return new ModelRequest(fit.spec(), fit.classes(), first, fit.weights().layers().subList(first - 1, layers),
                fit.phases().get(0).layers().subList(first - 1, layers), fit.config().seed());
    }

    /** @return why the outputs of layers 1..m cannot be cached, or null when they can */
    private static String overBudget(Fit fit, int m) {
        InputShape shape = fit.spec().hiddenShapes().get(m - 1);
        long bytes = CachedOutputs.bytesFor(fit.images().size(), shape.size());
        if (bytes > fit.cache().maxBytes()) {
            return "the outputs of frozen layers 1.." + m + " would take " + mebibytes(bytes) + ", over the prefix "
                    + "cache's budget of " + mebibytes(fit.cache().maxBytes()) + " (system property "
                    + Backend.PREFIX_CACHE_PROPERTY + ")";
        }
        if ((long) fit.images().size() * shape.size() > Integer.MAX_VALUE - 8) {
            return "the outputs of frozen layers 1.." + m + " have more than " + (Integer.MAX_VALUE - 8)
                    + " values, the most one Java array holds";
        }
        return null;
    }

    /**
     * How many frozen layers can be cached exactly: the largest m &lt;= n whose outputs for the first mini-batch of
     * the first epoch (and for the smaller last one, if any), computed as a training step computes them, equal bit
     * for bit their outputs for the same images reversed inside a larger batch, computed as the cache is.
     *
     * @return m in [0, frozen]
     */
    static int probe(EngineModel model, int frozen, ImageInputs images, TrainingConfig config) {
        Probe first = new Probe(images, BatchInvariance.firstBatch(images.size(), config.batchSize(), config.seed()));
        int[] last = BatchInvariance.lastBatch(images.size(), config.batchSize(), config.seed());
        Probe remainder = last.length == 0 ? null : new Probe(images, last);
        // from the top: the first m that passes is the answer, so the layers below it are never probed (each m is a
        // forward pass from the images; probing all of them cost a frozen-7 cell five times the forward passes)
        for (int m = frozen; m >= 1; m--) {
            if (first.matches(model, m) && (remainder == null || remainder.matches(model, m))) {
                return m;
            }
        }
        return 0;
    }

    /**
     * Whether the cached outputs of layers 1..m are, bit for bit, what a training step computes for the first
     * mini-batch of the first epoch (and for the smaller last one, if any): the same test as {@link #probe}'s, with
     * the cache itself in place of a cache-sized probe batch.
     *
     * @return whether both mini-batches' rows equal their cached rows
     */
    static boolean cacheMatchesSteps(EngineModel model, int m, ImageInputs images, CachedOutputs outputs,
            TrainingConfig config) {
        int[] first = BatchInvariance.firstBatch(images.size(), config.batchSize(), config.seed());
        int[] last = BatchInvariance.lastBatch(images.size(), config.batchSize(), config.seed());
        return sameAsCached(model, m, images, outputs, first)
                && (last.length == 0 || sameAsCached(model, m, images, outputs, last));
    }

    private static boolean sameAsCached(EngineModel model, int m, ImageInputs images, CachedOutputs outputs,
            int[] batch) {
        float[] stepped = model.forwardAsInStep(images.batch(batch, 0, batch.length), m);
        return Arrays.equals(stepped, outputs.batch(batch, 0, batch.length).inputs());
    }

    /** One mini-batch of the probe: its images as a training step takes them, and in a cache-sized batch. */
    private static final class Probe {
        private final Batch asTrained;
        private final Batch asCached;

        Probe(ImageInputs images, int[] batch) {
            int[] other = BatchInvariance.probeBatch(batch, images.size(), BATCH);
            this.asTrained = images.batch(batch, 0, batch.length);
            this.asCached = images.batch(other, 0, other.length);
        }

        /** @return whether layer m's outputs for the batch are the same bit for bit in both */
        boolean matches(EngineModel model, int m) {
            return BatchInvariance.sameRowsReversed(model.forwardAsInStep(asTrained, m), model.forward(asCached, m),
                    asTrained.count());
        }
    }

    /** The outputs of layers 1..m for every image, in inference mode, as layer m+1 takes them. */
    static CachedOutputs featurize(EngineModel model, int m, ImageInputs images, InputShape shape,
            LabelledImages source) {
        int size = images.size();
        int exampleSize = shape.size();
        float[] values = new float[Math.multiplyExact(size, exampleSize)];
        for (int from = 0; from < size; from += BATCH) {
            int to = Math.min(size, from + BATCH);
            float[] batch = model.forward(images.range(from, to), m);
            System.arraycopy(batch, 0, values, from * exampleSize, batch.length);
        }
        return new CachedOutputs(values, source, exampleSize);
    }

    private static PrefixCache.Key key(Fit fit, int m, String kernels) {
        return fit.cache().key(fit.images(), fit.spec().input(), fit.spec().layers().subList(0, m),
                fit.weights().digest(m), kernels);
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }
}
