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
        return eightLayer(name, input, conv, dense, 0.5);
    }

    /**
     * The 8-layer network for {@code input} with the given widths and dropout after fc6 and fc7.
     *
     * @param conv widths of conv1..conv5 (5 values)
     * @param dense widths of fc6 and fc7 (2 values)
     * @param dropout the drop probability after fc6 and fc7, in [0, 1); 0 for none
     * @return the spec, as {@link #eightLayer(String, InputShape, int[], int[])}
     */
    public static NetworkSpec eightLayer(String name, InputShape input, int[] conv, int[] dense, double dropout) {
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
                dropout > 0 ? DenseLayer.of("fc6", dense[0]).withDropout(dropout) : DenseLayer.of("fc6", dense[0]),
                dropout > 0 ? DenseLayer.of("fc7", dense[1]).withDropout(dropout) : DenseLayer.of("fc7", dense[1]),
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
     * The presets' network: {@link #small()} without dropout. With dropout 0.5 on its 64-unit fc6 and fc7 (the paper's
     * rate, on layers 64 times narrower than CaffeNet's 4,096) the network under-fits the hard halves of
     * Fashion-MNIST (a half with T-shirt/top, Pullover and Shirt): 12 epochs on 1,000 images per class reached 0.788
     * and 0.838 test accuracy with two seeds (0.80 and 0.86 on its own training images), 36 epochs 0.870 +- 0.007;
     * without dropout, 12 epochs reached 0.863 +- 0.008 and 24 epochs 0.883 +- 0.004 (3 seeds each, PyTorch).
     *
     * @return the spec for 1x28x28 inputs, named {@code paper8-small-nodropout}
     */
    public static NetworkSpec smallWithoutDropout() {
        return eightLayer("paper8-small-nodropout", InputShape.image(1, 28, 28), new int[] {8, 16, 24, 24, 16},
                new int[] {64, 64}, 0.0);
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
