package org.transferable.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferable.data.Task;
import org.transferable.engine.Batch;
import org.transferable.engine.EngineModel;
import org.transferable.engine.LayerTraining;
import org.transferable.engine.ModelRequest;
import org.transferable.engine.ReferenceEngine;
import org.transferable.engine.SolverStep;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.NetworkWeights;

/**
 * The batch-invariance probe on the plain-Java {@link ReferenceEngine}'s real forward passes, through a model that
 * records what is asked of it and, to stand for kernels that block their work by batch size, can change the outputs
 * a cache-sized batch gets from some layer up.
 */
class FrozenPrefixTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder("four", InputShape.image(1, 8, 8))
            .conv("conv1", 3, 3, Pooling.max(2, 2))
            .conv("conv2", 4, 3, Pooling.none())
            .dense("fc3", 8, 0.0)
            .output("out");
    /** 90 images in batches of 8: a last batch of 2, so both batches are probed. */
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withBatchSize(8).withSeed(3);

    private final Task task = new Task("A", BackendTest.squares(90, 1), BackendTest.squares(30, 2));
    private final ImageInputs images = new ImageInputs(task.train());

    @Test
    void probe_invariantLayers_probesOnlyTheTopFrozenLayer() {
        try (Recording model = model(Integer.MAX_VALUE)) {
            int m = FrozenPrefix.probe(model, 3, images, CONFIG);

            assertThat(m).isEqualTo(3);
            assertThat(model.calls).containsExactly("step 8 to 3", "cache 98 to 3", "step 2 to 3", "cache 92 to 3");
        }
    }

    @Test
    void probe_layersFromTwoUpDependOnTheBatch_cachesLayerOneAndStopsThere() {
        try (Recording model = model(2)) {
            int m = FrozenPrefix.probe(model, 3, images, CONFIG);

            assertThat(m).isEqualTo(1);
            // a failed first batch skips its remainder; the answer is the largest m that passes both
            assertThat(model.calls).containsExactly("step 8 to 3", "cache 98 to 3", "step 8 to 2", "cache 98 to 2",
                    "step 8 to 1", "cache 98 to 1", "step 2 to 1", "cache 92 to 1");
        }
    }

    @Test
    void probe_everyLayerDependsOnTheBatch_cachesNothing() {
        try (Recording model = model(1)) {
            assertThat(FrozenPrefix.probe(model, 2, images, CONFIG)).isZero();
            assertThat(model.calls).hasSize(4);
        }
    }

    @Test
    void cacheMatchesSteps_invariantLayers_checksBothBatchesAgainstTheCache() {
        try (Recording model = model(Integer.MAX_VALUE)) {
            assertThat(FrozenPrefix.cacheMatchesSteps(model, 3, images, cache(model, 3), CONFIG)).isTrue();
            assertThat(model.calls).containsExactly("cache 90 to 3", "step 8 to 3", "step 2 to 3");
        }
    }

    @Test
    void cacheMatchesSteps_cacheDiffersFromSteps_failsOnTheFirstBatch() {
        try (Recording model = model(2)) {
            assertThat(FrozenPrefix.cacheMatchesSteps(model, 2, images, cache(model, 2), CONFIG)).isFalse();
            assertThat(model.calls).containsExactly("cache 90 to 2", "step 8 to 2");
        }
    }

    @Test
    void cacheMatchesSteps_layerBelowTheDependentOne_passes() {
        try (Recording model = model(2)) {
            assertThat(FrozenPrefix.cacheMatchesSteps(model, 1, images, cache(model, 1), CONFIG)).isTrue();
        }
    }

    /** The cache of layers 1..m for the training images, computed by the model (recorded as one call). */
    private CachedOutputs cache(Recording model, int m) {
        return FrozenPrefix.featurize(model, m, images, SPEC.hiddenShapes().get(m - 1), task.train());
    }

    private Recording model(int batchDependentFrom) {
        Backend backend = Backend.of(new ReferenceEngine(), 0);
        NetworkWeights weights = backend.initialise(SPEC, task, 1).weights();
        List<LayerWeights> layers = weights.layers();
        EngineModel inner = new ReferenceEngine().build(new ModelRequest(SPEC, 2, 1, layers,
                Collections.nCopies(layers.size(), LayerTraining.FROZEN), 7));
        return new Recording(inner, batchDependentFrom);
    }

    /**
     * The reference model's forward passes, recorded; layers from {@code batchDependentFrom} up shift every output by
     * 1e-3 when computed as a cache computes them.
     */
    private static final class Recording implements EngineModel {
        final List<String> calls = new ArrayList<>();
        private final EngineModel inner;
        private final int batchDependentFrom;

        Recording(EngineModel inner, int batchDependentFrom) {
            this.inner = inner;
            this.batchDependentFrom = batchDependentFrom;
        }

        @Override
        public float[] forward(Batch batch, int to) {
            calls.add("cache " + batch.count() + " to " + to);
            float[] out = inner.forward(batch, to);
            if (to >= batchDependentFrom) {
                for (int i = 0; i < out.length; i++) {
                    out[i] += 1e-3f;
                }
            }
            return out;
        }

        @Override
        public float[] forwardAsInStep(Batch batch, int to) {
            calls.add("step " + batch.count() + " to " + to);
            return inner.forwardAsInStep(batch, to);
        }

        @Override
        public double step(Batch batch, SolverStep step) {
            throw new AssertionError("the probe must not train");
        }

        @Override
        public Gradients gradients(Batch batch) {
            throw new AssertionError("the probe must not take gradients");
        }

        @Override
        public void configure(List<LayerTraining> training, boolean resetSolver) {
            throw new AssertionError("the probe must not configure");
        }

        @Override
        public List<LayerWeights> weights() {
            return inner.weights();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
