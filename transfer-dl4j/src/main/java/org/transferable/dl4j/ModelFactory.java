package org.transferable.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.transferable.spec.LayerSpec;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;

/**
 * Builds a {@link MultiLayerNetwork} from a spec: float32, ReLU (He) initialisation for hidden layers, Xavier
 * for the softmax output, SGD with classical momentum and L2 weight decay on weights, and DL4J's
 * {@code FrozenLayer} around every DL4J layer of paper layers 1..frozen.
 */
final class ModelFactory {
    private ModelFactory() {
    }

    /** A built network and its paper-layer map. */
    record Built(MultiLayerNetwork network, LayerBlocks blocks) {
    }

    /**
     * @param spec the architecture
     * @param classes output width
     * @param frozen number of leading paper layers to freeze
     * @param config solver settings (learning rate, momentum, weight decay)
     * @param seed initialisation seed
     * @return an initialised network, with oneDNN helpers where they can run
     */
    static Built build(NetworkSpec spec, int classes, int frozen, TrainingConfig config, long seed) {
        return build(spec, 0, classes, frozen, config, seed);
    }

    /**
     * The head of a network: its paper layers {@code after+1..L}, taking the output of layer {@code after} as input.
     * Layers and preprocessors are those {@link #build} makes for the same layers (so a convolution block's output
     * is flattened before a dense layer here as there), and the dropout that layer {@code after} puts on its output
     * is applied by the head's first layer, as in the whole network.
     *
     * @param after number of leading paper layers left out, in [1, L-1]
     * @param frozen number of leading paper layers of the whole network that are frozen; layers up to it stay frozen
     * @return an initialised head whose block map numbers its layers from 1
     */
    static Built buildHead(NetworkSpec spec, int after, int classes, int frozen, TrainingConfig config, long seed) {
        if (after < 1 || after >= spec.layerCount()) {
            throw new IllegalArgumentException("a head must leave out 1 to " + (spec.layerCount() - 1)
                    + " layers of " + spec.name() + ", got " + after);
        }
        return build(spec, after, classes, frozen, config, seed);
    }

    private static Built build(NetworkSpec spec, int after, int classes, int frozen, TrainingConfig config, long seed) {
        LayerBlocks.Recorder recorder = new LayerBlocks.Recorder();
        List<Layer> layers = new ArrayList<>();
        double pendingDropout = after == 0 ? 0.0 : outputDropout(spec.layer(after));
        for (int n = after + 1; n <= spec.layerCount(); n++) {
            List<Layer> block = block(spec.layer(n), classes);
            if (pendingDropout > 0.0 && block.get(0) instanceof BaseLayer first) {
                first.setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(1.0 - pendingDropout));
            }
            pendingDropout = outputDropout(spec.layer(n));
            for (Layer layer : block) {
                recorder.add();
                layers.add(n <= frozen ? new FrozenLayer(layer) : layer);
            }
            recorder.endBlock();
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new SgdMomentum(config.learningRate(), config.momentum()))
                .l2(config.weightDecay())
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE)
                .list();
        for (int i = 0; i < layers.size(); i++) {
            list.layer(i, layers.get(i));
        }
        list.setInputType(after == 0 ? inputType(spec) : hiddenType(spec, after));
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        OneDnnHelpers.install(network);
        return new Built(network, recorder.build());
    }

    private static double outputDropout(LayerSpec layer) {
        return layer instanceof org.transferable.spec.DenseLayer d ? d.dropout() : 0.0;
    }

    /** @return the paper-layer map of a spec without building a network */
    static LayerBlocks blocks(NetworkSpec spec) {
        LayerBlocks.Recorder recorder = new LayerBlocks.Recorder();
        for (int n = 1; n <= spec.layerCount(); n++) {
            for (int i = 0; i < block(spec.layer(n), 2).size(); i++) {
                recorder.add();
            }
            recorder.endBlock();
        }
        return recorder.build();
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

    private static List<Layer> block(LayerSpec spec, int classes) {
        List<Layer> block = new ArrayList<>();
        if (spec instanceof org.transferable.spec.ConvolutionLayer conv) {
            block.add(new ConvolutionLayer.Builder(conv.kernel(), conv.kernel())
                    .stride(conv.stride(), conv.stride())
                    .padding(conv.padding(), conv.padding())
                    .convolutionMode(ConvolutionMode.Truncate)
                    .nOut(conv.filters())
                    .activation(conv.batchNorm() ? Activation.IDENTITY : Activation.RELU)
                    .name(conv.name())
                    .build());
            addBatchNorm(block, conv.batchNorm(), conv.name());
            if (conv.pooling() instanceof Pooling.Max max) {
                block.add(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(max.size(), max.size())
                        .stride(max.stride(), max.stride())
                        .convolutionMode(ConvolutionMode.Truncate)
                        .name(conv.name() + "-pool")
                        .build());
            }
        } else if (spec instanceof org.transferable.spec.DenseLayer dense) {
            block.add(new DenseLayer.Builder()
                    .nOut(dense.units())
                    .activation(dense.batchNorm() ? Activation.IDENTITY : Activation.RELU)
                    .name(dense.name())
                    .build());
            addBatchNorm(block, dense.batchNorm(), dense.name());
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

    private static void addBatchNorm(List<Layer> block, boolean on, String name) {
        if (on) {
            block.add(new BatchNormalization.Builder().useLogStd(false).name(name + "-bn").build());
            block.add(new ActivationLayer.Builder().activation(Activation.RELU).name(name + "-relu").build());
        }
    }
}
