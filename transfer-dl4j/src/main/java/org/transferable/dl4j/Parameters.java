package org.transferable.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.network.LayerWeights;
import org.transferable.network.NetworkWeights;
import org.transferable.network.Tensor;
import org.transferable.spec.NetworkSpec;

/**
 * Moves parameters between a {@link MultiLayerNetwork} and the backend-neutral {@link NetworkWeights}, always by
 * copy. DL4J names {@code W}, {@code b}, {@code gamma}, {@code beta}, {@code mean}, {@code var} become
 * {@code weight}, {@code bias}, {@code gamma}, {@code beta}, {@code mean}, {@code variance}; DL4J's dense
 * {@code W} is [in, out] and its convolution {@code W} [out, in, kh, kw], as in the neutral format.
 */
final class Parameters {
    private Parameters() {
    }

    static NetworkWeights extract(MultiLayerNetwork network, NetworkSpec spec, LayerBlocks blocks) {
        List<LayerWeights> layers = new ArrayList<>();
        for (int n = 1; n <= spec.layerCount(); n++) {
            List<Tensor> tensors = new ArrayList<>();
            for (int index : blocks.block(n)) {
                for (Map.Entry<String, INDArray> e : network.getLayer(index).paramTable().entrySet()) {
                    INDArray values = e.getValue();
                    tensors.add(new Tensor(neutralName(e.getKey()), neutralShape(e.getKey(), values),
                            values.dup('c').data().asFloat()));
                }
            }
            layers.add(new LayerWeights(spec.layer(n).name(), tensors));
        }
        return new NetworkWeights(layers);
    }

    /**
     * Copies a whole network's neutral weights into the network (by {@link #assign}, layer by layer), after checking
     * that they have the spec's layers, by number and name.
     *
     * @throws IllegalArgumentException naming the layer (and tensor) that does not fit
     */
    static void assignAll(MultiLayerNetwork network, NetworkSpec spec, LayerBlocks blocks, NetworkWeights weights) {
        if (weights.layers().size() != spec.layerCount()) {
            throw new IllegalArgumentException("network " + spec.name() + " has " + spec.layerCount() + " layers "
                    + spec.layerNames() + " but the weights have " + weights.layers().size() + " "
                    + weights.layers().stream().map(LayerWeights::layer).toList());
        }
        for (int n = 1; n <= spec.layerCount(); n++) {
            String name = spec.layer(n).name();
            if (!weights.layer(n).layer().equals(name)) {
                throw new IllegalArgumentException("layer " + n + " of network " + spec.name() + " is " + name
                        + " but layer " + n + " of the weights is " + weights.layer(n).layer());
            }
            assign(network, blocks, n, weights.layer(n));
        }
    }

    /**
     * Copies a layer's neutral weights into paper layer n of the network (the network's own arrays are
     * overwritten; the source values are never aliased).
     *
     * @throws IllegalArgumentException when tensor names or shapes disagree
     */
    static void assign(MultiLayerNetwork network, LayerBlocks blocks, int n, LayerWeights weights) {
        int used = 0;
        for (int index : blocks.block(n)) {
            for (Map.Entry<String, INDArray> e : network.getLayer(index).paramTable().entrySet()) {
                INDArray target = e.getValue();
                Tensor source = weights.tensor(neutralName(e.getKey()));
                List<Integer> expected = neutralShape(e.getKey(), target);
                if (!expected.equals(source.shape())) {
                    throw new IllegalArgumentException("layer " + weights.layer() + ": tensor " + source.name()
                            + " has shape " + source.shape() + " but the network expects " + expected);
                }
                target.assign(Nd4j.create(source.values(), target.shape(), 'c'));
                used++;
            }
        }
        if (used != weights.tensors().size()) {
            throw new IllegalArgumentException("layer " + weights.layer() + " has tensors "
                    + weights.tensors().stream().map(Tensor::name).toList() + " but the network's layer uses " + used);
        }
    }

    private static String neutralName(String dl4jName) {
        switch (dl4jName) {
            case "W":
                return "weight";
            case "b":
                return "bias";
            case "var":
                return "variance";
            default:
                return dl4jName;
        }
    }

    private static List<Integer> neutralShape(String dl4jName, INDArray values) {
        long[] shape = values.shape();
        if (!"W".equals(dl4jName) && shape.length == 2 && shape[0] == 1) {
            return List.of((int) shape[1]);
        }
        return Arrays.stream(shape).mapToObj(d -> (int) d).toList();
    }
}
