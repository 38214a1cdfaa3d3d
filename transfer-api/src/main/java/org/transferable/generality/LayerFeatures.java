package org.transferable.generality;

import java.util.ArrayList;
import java.util.List;
import org.transferable.data.LabelledImages;
import org.transferable.network.Network;
import org.transferable.similarity.FeatureMatrix;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;

/**
 * The features of a network's hidden layers 1..L-1 on every image, for the scores whose cost grows with the
 * feature count: a convolution layer's output global-average-pooled per channel (one feature per channel), a dense
 * layer's as it is. Computed batch by batch, so memory holds one batch's full activations and the pooled features.
 */
final class LayerFeatures {
    /** Images per forward batch. */
    static final int BATCH = 500;

    private LayerFeatures() {
    }

    /**
     * @return layers 1..L-1 of the network
     * @throws IllegalArgumentException "generality profiles need a network with at least 1 hidden layer, got ..."
     */
    static List<Integer> hiddenLayers(NetworkSpec spec) {
        if (spec.layerCount() < 2) {
            throw new IllegalArgumentException("generality profiles need a network with at least 1 hidden layer, got "
                    + spec.name() + " with layers " + spec.layerNames());
        }
        List<Integer> layers = new ArrayList<>();
        for (int n = 1; n < spec.layerCount(); n++) {
            layers.add(n);
        }
        return List.copyOf(layers);
    }

    /**
     * @return per hidden layer n (at index n - 1) the pooled features of every image, one row per image in order
     */
    static List<FeatureMatrix> pooled(Network network, LabelledImages images) {
        NetworkSpec spec = network.spec();
        List<Integer> layers = hiddenLayers(spec);
        List<InputShape> shapes = spec.hiddenShapes();
        int rows = images.size();
        float[][] values = new float[layers.size()][];
        int[] cols = new int[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            InputShape shape = shapes.get(i);
            cols[i] = spec.layer(layers.get(i)) instanceof ConvolutionLayer ? shape.channels() : shape.size();
            values[i] = new float[Math.multiplyExact(rows, cols[i])];
        }
        network.activations(images, layers, BATCH, (first, batch) -> {
            for (int i = 0; i < batch.size(); i++) {
                float[] out = pool(batch.get(i), cols[i]);
                System.arraycopy(out, 0, values[i], first * cols[i], out.length);
            }
        });
        List<FeatureMatrix> out = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            out.add(new FeatureMatrix(rows, cols[i], values[i]));
        }
        return List.copyOf(out);
    }

    /**
     * The mean of each of {@code channels} equal runs of every row: the global average pooling of {@code [C, H, W]}
     * rows; the rows themselves when each run is one value.
     */
    static float[] pool(FeatureMatrix m, int channels) {
        float[] in = m.values();
        if (channels == m.cols()) {
            return in;
        }
        int plane = m.cols() / channels;
        float[] out = new float[m.rows() * channels];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < channels; c++) {
                double sum = 0.0;
                int base = r * m.cols() + c * plane;
                for (int p = 0; p < plane; p++) {
                    sum += in[base + p];
                }
                out[r * channels + c] = (float) (sum / plane);
            }
        }
        return out;
    }
}
