package org.transferable.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.transferable.Checks;
import org.transferable.data.LabelledImages;
import org.transferable.engine.Batch;
import org.transferable.engine.EngineModel;
import org.transferable.similarity.FeatureMatrix;
import org.transferable.spec.NetworkSpec;

/**
 * A network's layer outputs on images, batch by batch, in inference mode: each requested layer n is
 * {@link EngineModel#forward}{@code (batch, n)} of one model of the whole network, in the engine's own
 * {@code [N, C, H, W]} order flattened per image.
 */
final class Activations {
    private Activations() {
    }

    /**
     * Checks the arguments of an activations call.
     *
     * @throws IllegalArgumentException with the messages of {@link Network#activations(LabelledImages, List, int,
     *     LayerActivations)}
     */
    static List<Integer> check(Network network, LabelledImages images, List<Integer> layers, int batchSize) {
        Objects.requireNonNull(images, "images must not be null");
        Objects.requireNonNull(layers, "layers must not be null");
        NetworkSpec spec = network.spec();
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers must not be empty");
        }
        for (Integer n : layers) {
            layer(spec, Objects.requireNonNull(n, "layers must not hold null"));
        }
        Checks.inRange("batch size", batchSize, 1, Integer.MAX_VALUE);
        NetworkChecks.imageShape(spec, images, "the activation images");
        if (images.size() == 0) {
            throw new IllegalArgumentException("activations need at least 1 image, got none");
        }
        return List.copyOf(layers);
    }

    /**
     * Requires a layer in [1, L].
     *
     * @throws IllegalArgumentException "layer must be in [1, L] for a network with L layers [names], got n"
     */
    static void layer(NetworkSpec spec, int n) {
        int count = spec.layerCount();
        if (n < 1 || n > count) {
            throw new IllegalArgumentException("layer must be in [1, " + count + "] for a network with " + count
                    + " layers " + spec.layerNames() + ", got " + n);
        }
    }

    /**
     * Runs the model over the images in batches and hands each batch's activations to the consumer.
     *
     * @param model the whole network's model
     * @param layers checked layers
     * @param network the network's name for messages
     */
    static void stream(EngineModel model, LabelledImages images, List<Integer> layers, int batchSize,
            LayerActivations consumer, NetworkSpec spec, String network) {
        Objects.requireNonNull(consumer, "consumer must not be null");
        ImageInputs inputs = new ImageInputs(images);
        int size = images.size();
        for (int from = 0; from < size; from += batchSize) {
            int to = (int) Math.min(size, (long) from + batchSize);
            Batch batch = inputs.range(from, to);
            List<FeatureMatrix> out = new ArrayList<>(layers.size());
            for (int n : layers) {
                float[] values = model.forward(batch, n);
                int cols = values.length / batch.count();
                for (int i = 0; i < values.length; i++) {
                    if (!Float.isFinite(values[i])) {
                        throw new IllegalStateException("network " + network + " gives a non-finite activation ("
                                + values[i] + ") at layer " + n + " (" + spec.layer(n).name() + ") for image "
                                + (from + i / cols) + ", feature " + i % cols
                                + ": its weights or the image hold non-finite values");
                    }
                }
                out.add(new FeatureMatrix(batch.count(), cols, values));
            }
            consumer.accept(from, List.copyOf(out));
        }
    }

    /** Collects a stream of one layer into one matrix of all the images. */
    static final class Collector implements LayerActivations {
        private final int rows;
        private float[] values;
        private int cols;

        Collector(int rows) {
            this.rows = rows;
        }

        @Override
        public void accept(int firstImage, List<FeatureMatrix> layers) {
            FeatureMatrix m = layers.get(0);
            if (values == null) {
                cols = m.cols();
                values = new float[Math.multiplyExact(rows, cols)];
            }
            System.arraycopy(m.values(), 0, values, firstImage * cols, m.rows() * cols);
        }

        /** @return the collected rows */
        FeatureMatrix result() {
            return new FeatureMatrix(rows, cols, values);
        }
    }
}
