package org.transferable.examples;

import java.util.List;
import org.transferable.spec.ConvolutionLayer;
import org.transferable.spec.DenseLayer;
import org.transferable.spec.InputShape;
import org.transferable.spec.LayerSpec;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.OutputLayer;
import org.transferable.spec.Pooling;

/**
 * Networks shaped like the paper's CaffeNet, scaled to small grey images: 8 layers with weights, 5 convolutions
 * (max-pooling after conv1, conv2 and conv5, as CaffeNet) and 3 dense layers (dropout 0.5 after fc6 and fc7).
 */
public final class PaperNetworks {
    private PaperNetworks() {
    }

    /**
     * The 8-layer network for {@code input} with the given widths.
     *
     * @param conv widths of conv1..conv5 (5 values)
     * @param dense widths of fc6 and fc7 (2 values)
     * @return the spec: conv1 5x5 pad 2 + pool, conv2 5x5 pad 2 + pool, conv3-4 3x3 pad 1, conv5 3x3 pad 1 + pool,
     *     fc6, fc7, fc8 (softmax)
     */
    public static NetworkSpec eightLayer(String name, InputShape input, int[] conv, int[] dense) {
        if (conv.length != 5 || dense.length != 2) {
            throw new IllegalArgumentException("the 8-layer network needs 5 convolution widths and 2 dense widths, got "
                    + conv.length + " and " + dense.length);
        }
        Pooling pool = Pooling.max(2, 2);
        List<LayerSpec> layers = List.of(
                ConvolutionLayer.of("conv1", conv[0], 5).withPadding(2).withPooling(pool),
                ConvolutionLayer.of("conv2", conv[1], 5).withPadding(2).withPooling(pool),
                ConvolutionLayer.of("conv3", conv[2], 3).withPadding(1),
                ConvolutionLayer.of("conv4", conv[3], 3).withPadding(1),
                ConvolutionLayer.of("conv5", conv[4], 3).withPadding(1).withPooling(pool),
                DenseLayer.of("fc6", dense[0]).withDropout(0.5),
                DenseLayer.of("fc7", dense[1]).withDropout(0.5),
                new OutputLayer("fc8"));
        return new NetworkSpec(name, input, layers);
    }

    /**
     * The presets' width: conv 8-16-24-24-16, fc 64-64 (about 1.4 M multiply-adds per 28x28 image).
     *
     * @return the spec for 1x28x28 inputs
     */
    public static NetworkSpec small() {
        return eightLayer("paper8-small", InputShape.image(1, 28, 28), new int[] {8, 16, 24, 24, 16},
                new int[] {64, 64});
    }

    /**
     * A wider variant: conv 16-32-48-48-32, fc 128-128 (about 5.3 M multiply-adds per image).
     *
     * @return the spec for 1x28x28 inputs
     */
    public static NetworkSpec wide() {
        return eightLayer("paper8-wide", InputShape.image(1, 28, 28), new int[] {16, 32, 48, 48, 32},
                new int[] {128, 128});
    }

    /**
     * The reference network: conv 5x5x32 + pool, conv 5x5x64 + pool, dense 256, dense 128, softmax.
     *
     * @return the spec for 1x28x28 inputs
     */
    public static NetworkSpec reference() {
        return NetworkSpec.builder("reference", InputShape.image(1, 28, 28))
                .conv("conv1", 32, 5, Pooling.max(2, 2))
                .conv("conv2", 64, 5, Pooling.max(2, 2))
                .dense("fc3", 256)
                .dense("fc4", 128)
                .output("fc5");
    }
}
