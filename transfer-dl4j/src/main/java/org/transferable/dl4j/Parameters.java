package org.transferable.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.spec.NetworkSpec;
import org.transferable.weights.LayerWeights;
import org.transferable.weights.Tensor;

/**
 * Moves parameters between a {@link MultiLayerNetwork} and the backend-neutral {@link NetworkWeights}, always by
 * copy. DL4J names {@code W}, {@code b}, {@code gamma}, {@code beta}, {@code mean}, {@code var} become
 * {@code weight}, {@code bias}, {@code gamma}, {@code beta}, {@code mean}, {@code variance}; DL4J's dense
 * {@code W} is [in, out] and its convolution {@code W} [out, in, kh, kw], as in the neutral format.
 */
final class Parameters {
    private Parameters() {
    }

    /**
     * @param network a network of layers first..L
     * @param spec the whole network's spec
     * @param blocks the network's paper-layer map (its block 1 is paper layer {@code first})
     * @param first the first paper layer the network holds
     * @return copies of the values of layers first..L
     */
    static List<LayerWeights> extract(MultiLayerNetwork network, NetworkSpec spec, LayerBlocks blocks, int first) {
        List<LayerWeights> layers = new ArrayList<>();
        for (int n = first; n <= spec.layerCount(); n++) {
            List<Tensor> tensors = new ArrayList<>();
            for (int index : blocks.block(n - first + 1)) {
                for (Map.Entry<String, INDArray> e : network.getLayer(index).paramTable().entrySet()) {
                    INDArray values = e.getValue();
                    tensors.add(new Tensor(neutralName(e.getKey()), neutralShape(e.getKey(), values),
                            values.dup('c').data().asFloat()));
                }
            }
            layers.add(new LayerWeights(spec.layer(n).name(), tensors));
        }
        return layers;
    }

    /**
     * The gradients of the mean loss from the network's last {@code computeGradientAndScore}, in the neutral layout.
     * DL4J's gradients there are of the summed loss (its updater divides by the batch size before each step), so
     * they are divided by {@code batch} here.
     *
     * @param trained per paper layer first..L whether it is trained (a frozen layer has none: its list is empty)
     * @param batch the number of examples the gradients were computed on
     * @return per layer first..L
     */
    static List<LayerWeights> gradients(MultiLayerNetwork network, NetworkSpec spec, LayerBlocks blocks, int first,
            List<Boolean> trained, int batch) {
        Map<String, INDArray> gradients = network.gradient().gradientForVariable();
        List<LayerWeights> layers = new ArrayList<>();
        for (int n = first; n <= spec.layerCount(); n++) {
            List<Tensor> tensors = new ArrayList<>();
            for (int index : trained.get(n - first) ? blocks.block(n - first + 1) : new int[0]) {
                for (Map.Entry<String, INDArray> e : network.getLayer(index).paramTable().entrySet()) {
                    INDArray gradient = gradients.get(index + "_" + e.getKey());
                    float[] values = gradient == null ? new float[(int) e.getValue().length()]
                            : gradient.dup('c').divi(batch).data().asFloat();
                    tensors.add(new Tensor(neutralName(e.getKey()), neutralShape(e.getKey(), e.getValue()), values));
                }
            }
            layers.add(new LayerWeights(spec.layer(n).name(), tensors));
        }
        return layers;
    }

    /**
     * Copies the neutral values of layers first..L into a network that holds those layers.
     *
     * @param weights one entry per layer first..L
     * @throws IllegalArgumentException naming the layer (and tensor) that does not fit
     */
    static void assign(MultiLayerNetwork network, NetworkSpec spec, LayerBlocks blocks, int first,
            List<LayerWeights> weights) {
        for (int n = first; n <= spec.layerCount(); n++) {
            String name = spec.layer(n).name();
            LayerWeights layer = weights.get(n - first);
            if (!layer.layer().equals(name)) {
                throw new IllegalArgumentException("layer " + n + " of network " + spec.name() + " is " + name
                        + " but the weights given for it are of layer " + layer.layer());
            }
            assign(network, blocks, n - first + 1, layer);
        }
    }

    /**
     * Copies a layer's neutral weights into block {@code block} of the network (the network's own arrays are
     * overwritten; the source values are never aliased).
     *
     * @throws IllegalArgumentException when tensor names or shapes disagree
     */
    private static void assign(MultiLayerNetwork network, LayerBlocks blocks, int block, LayerWeights weights) {
        int used = 0;
        for (int index : blocks.block(block)) {
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
