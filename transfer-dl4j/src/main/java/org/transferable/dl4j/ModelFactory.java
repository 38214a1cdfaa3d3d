package org.transferable.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.transferable.engine.LayerTraining;
import org.transferable.spec.InputShape;
import org.transferable.spec.LayerSpec;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.PaddingMode;
import org.transferable.spec.Pooling;

/**
 * Builds a {@link MultiLayerNetwork} from layers {@code first..L} of a spec: float32, each hidden layer's activation
 * on the layer itself, or on an {@code ActivationLayer} after its batch normalisation, ReLU (He) initialisation for
 * hidden layers, Xavier for the softmax output, and DL4J's {@code FrozenLayer} (or {@code FrozenLayerWithBackprop}
 * above a trained layer) around every DL4J layer of a frozen paper layer. The network's own updater is plain SGD, there
 * for DL4J users of a saved {@code model.zip}: the engine trains with its own solver step ({@link Dl4jModel}). With
 * {@code first > 1} the network is a head taking the outputs of layer {@code first - 1}, and the dropout that layer
 * puts on its output is applied by the head's first layer, as in the whole network. A hidden layer's dropout, dense
 * or convolution, is the input dropout of the next layer's first DL4J layer. A convolution with same padding is a
 * {@code ConvolutionMode.Same} convolution, every other convolution and pooling {@code Truncate}.
 */
final class ModelFactory {
    private ModelFactory() {
    }

    /** A built network and its paper-layer map (numbering its blocks from 1). */
    record Built(MultiLayerNetwork network, LayerBlocks blocks) {
    }

    /**
     * @param spec the architecture
     * @param first the first paper layer built
     * @param classes output width
     * @param modes for layers first..L; a hidden layer in inference mode is wrapped in {@code FrozenLayer}, or in
     *     {@code FrozenLayerWithBackprop} when a layer below it trains (gradients must pass through it); DL4J does not
     *     allow a frozen output layer, so an output layer in inference mode is left unwrapped and not updated
     * @param dropout makes the dropout of a layer's input from its retain probability
     * @param seed initialisation seed
     * @return an initialised network, with oneDNN helpers where they can run
     */
    static Built build(NetworkSpec spec, int first, int classes, List<LayerTraining> modes,
            DoubleFunction<IDropout> dropout, long seed) {
        LayerBlocks.Recorder recorder = new LayerBlocks.Recorder();
        List<Layer> layers = new ArrayList<>();
        double pendingDropout = first == 1 ? 0.0 : outputDropout(spec.layer(first - 1));
        for (int n = first; n <= spec.layerCount(); n++) {
            List<Layer> block = block(spec.layer(n), n == 1 ? spec.input() : spec.hiddenShapes().get(n - 2),
                    classes);
            if (pendingDropout > 0.0 && block.get(0) instanceof BaseLayer firstLayer) {
                firstLayer.setIDropout(dropout.apply(1.0 - pendingDropout));
            }
            pendingDropout = outputDropout(spec.layer(n));
            boolean frozen = !modes.get(n - first).trainingMode() && n < spec.layerCount();
            boolean trainedBelow = modes.subList(0, n - first).stream().anyMatch(LayerTraining::updated);
            for (Layer layer : block) {
                recorder.add();
                layers.add(!frozen ? layer
                        : trainedBelow ? new FrozenLayerWithBackprop(layer) : new FrozenLayer(layer));
            }
            recorder.endBlock();
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.01))
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE)
                .list();
        for (int i = 0; i < layers.size(); i++) {
            list.layer(i, layers.get(i));
        }
        list.setInputType(first == 1 ? inputType(spec) : hiddenType(spec, first - 1));
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        OneDnnHelpers.install(network);
        return new Built(network, recorder.build());
    }

    private static double outputDropout(LayerSpec layer) {
        return layer.outputDropout();
    }

    static boolean convolutionalInput(NetworkSpec spec) {
        return spec.layer(1) instanceof org.transferable.spec.ConvolutionLayer;
    }

    /** @return the DL4J input type of paper layer n's output: convolutional for a convolution block, else flat */
    private static InputType hiddenType(NetworkSpec spec, int n) {
        var shape = spec.hiddenShapes().get(n - 1);
        return spec.layer(n) instanceof org.transferable.spec.ConvolutionLayer
                ? InputType.convolutional(shape.height(), shape.width(), shape.channels())
                : InputType.feedForward(shape.size());
    }

    private static InputType inputType(NetworkSpec spec) {
        var in = spec.input();
        return convolutionalInput(spec)
                ? InputType.convolutional(in.height(), in.width(), in.channels())
                : InputType.feedForward(in.size());
    }

    private static List<Layer> block(LayerSpec spec, InputShape in, int classes) {
        List<Layer> block = new ArrayList<>();
        if (spec instanceof org.transferable.spec.ConvolutionLayer conv) {
            boolean same = conv.paddingMode() == PaddingMode.SAME && (conv.paddingAfter(in.height()) > 0
                    || conv.paddingAfter(in.width()) > 0);
            // DL4J's Same mode pads (out - 1) * stride + kernel - in in total, the smaller half first, as the spec;
            // where that is not positive (a kernel smaller than the stride) no padding is the same convolution, and
            // DL4J's Same mode would refuse a total below -1, so Truncate with no padding computes it
            block.add(new ConvolutionLayer.Builder(conv.kernel(), conv.kernel())
                    .stride(conv.stride(), conv.stride())
                    .padding(conv.padding(), conv.padding())
                    .convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                    .nOut(conv.filters())
                    .activation(conv.batchNorm() ? Activation.IDENTITY : activation(conv.activation()))
                    .name(conv.name())
                    .build());
            addBatchNorm(block, conv.batchNorm(), conv.name(), conv.activation());
            if (conv.pooling() instanceof Pooling.Max max) {
                block.add(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(max.size(), max.size())
                        .stride(max.stride(), max.stride())
                        .convolutionMode(ConvolutionMode.Truncate)
                        .name(conv.name() + "-pool")
                        .build());
            } else if (conv.pooling() instanceof Pooling.Average average) {
                // no padding: every window is whole, so the mean is over size * size values, as AvgPool2d's
                block.add(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG)
                        .kernelSize(average.size(), average.size())
                        .stride(average.stride(), average.stride())
                        .convolutionMode(ConvolutionMode.Truncate)
                        .name(conv.name() + "-pool")
                        .build());
            }
        } else if (spec instanceof org.transferable.spec.DenseLayer dense) {
            block.add(new DenseLayer.Builder()
                    .nOut(dense.units())
                    .activation(dense.batchNorm() ? Activation.IDENTITY : activation(dense.activation()))
                    .name(dense.name())
                    .build());
            addBatchNorm(block, dense.batchNorm(), dense.name(), dense.activation());
        } else {
            block.add(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX)
                    .weightInit(WeightInit.XAVIER)
                    .nOut(classes)
                    .name(spec.name())
                    .build());
        }
        return block;
    }

    private static void addBatchNorm(List<Layer> block, boolean on, String name,
            org.transferable.spec.Activation activation) {
        if (on) {
            block.add(new BatchNormalization.Builder().useLogStd(false).name(name + "-bn").build());
            String suffix = activation == org.transferable.spec.Activation.RELU ? "-relu" : "-activation";
            block.add(new ActivationLayer.Builder().activation(activation(activation)).name(name + suffix).build());
        }
    }

    /** @return DL4J's activation for a spec's; its leaky ReLU's default slope is the spec's, 0.01 */
    static Activation activation(org.transferable.spec.Activation activation) {
        return switch (activation) {
            case RELU -> Activation.RELU;
            case LEAKY_RELU -> Activation.LEAKYRELU;
            case TANH -> Activation.TANH;
            case SIGMOID -> Activation.SIGMOID;
            case IDENTITY -> Activation.IDENTITY;
        };
    }
}
