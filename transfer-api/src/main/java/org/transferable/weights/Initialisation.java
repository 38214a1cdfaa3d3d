package org.transferable.weights;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded initial weights, computed in Java so that the same seed gives the same parameters on every machine and
 * thread, whatever an engine's own generator holds: hidden weights He-normal, N(0, 2 / fanIn); output weights
 * Xavier-normal, N(0, 2 / (fanIn + fanOut)); biases and batch-norm shifts 0; batch-norm scales 1; running means 0 and
 * variances 1. The default of {@link org.transferable.engine.Engine#initialWeights}; the DL4J engine draws the same
 * distributions from DL4J's own initialisers instead.
 */
public final class Initialisation {
    private Initialisation() {
    }

    /**
     * @param layout the layers and their tensors
     * @param seed the seed
     * @return fresh weights for every layer
     */
    public static NetworkWeights initialise(ParameterLayout layout, long seed) {
        List<String> layerNames = layout.spec().layerNames();
        SplittableRandom random = new SplittableRandom(seed);
        List<LayerWeights> layers = new ArrayList<>();
        for (int n = 1; n <= layout.layerCount(); n++) {
            boolean output = n == layout.layerCount();
            List<Tensor> tensors = new ArrayList<>();
            for (ParameterLayout.Slot slot : layout.layer(n)) {
                tensors.add(new Tensor(slot.name(), slot.shape(), values(slot, output, random)));
            }
            layers.add(new LayerWeights(layerNames.get(n - 1), tensors));
        }
        return new NetworkWeights(layers);
    }

    private static float[] values(ParameterLayout.Slot slot, boolean output, SplittableRandom random) {
        int size = slot.shape().stream().reduce(1, Math::multiplyExact);
        float[] values = new float[size];
        switch (slot.role()) {
            case WEIGHT -> {
                List<Integer> shape = slot.shape();
                // convolution [out, in, k, k]: fan-in in*k*k, fan-out out*k*k; dense [in, out]
                int receptive = shape.size() == 4 ? shape.get(2) * shape.get(3) : 1;
                int fanIn = (shape.size() == 4 ? shape.get(1) : shape.get(0)) * receptive;
                int fanOut = (shape.size() == 4 ? shape.get(0) : shape.get(1)) * receptive;
                double std = Math.sqrt(output ? 2.0 / (fanIn + fanOut) : 2.0 / fanIn);
                for (int i = 0; i < size; i++) {
                    values[i] = (float) (random.nextGaussian() * std);
                }
            }
            case GAMMA, VARIANCE -> java.util.Arrays.fill(values, 1f);
            case BIAS, BETA, MEAN -> {
                // zeros
            }
        }
        return values;
    }
}
