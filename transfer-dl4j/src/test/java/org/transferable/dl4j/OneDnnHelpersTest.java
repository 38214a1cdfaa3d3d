package org.transferable.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.transferable.data.LabelledImages;
import org.transferable.engine.LayerTraining;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.testkit.FashionMnistFixture;

class OneDnnHelpersTest {
    static final NetworkSpec SPEC = NetworkSpec.builder("reference", InputShape.image(1, 28, 28))
            .conv("conv1", 32, 5, Pooling.max(2, 2))
            .conv("conv2", 64, 5, Pooling.max(2, 2))
            .dense("fc3", 256)
            .dense("fc4", 128)
            .output("fc5");

    @Test
    void build_givesEveryConvolutionAndPoolingLayerAOneDnnHelper() {
        assumeThat(OneDnnHelpers.available()).as("natives with oneDNN on the CPU backend").isTrue();
        MultiLayerNetwork network = build(1);
        for (Layer layer : network.getLayers()) {
            Layer inner = layer instanceof FrozenLayer frozen ? frozen.getInsideLayer() : layer;
            if (inner instanceof ConvolutionLayer) {
                assertThat(inner.getHelper()).isInstanceOf(OneDnnHelpers.Convolution.class);
            } else if (inner instanceof SubsamplingLayer) {
                assertThat(inner.getHelper()).isInstanceOf(OneDnnHelpers.Subsampling.class);
            } else {
                assertThat(inner.getHelper()).isNull();
            }
        }
        assertThat(OneDnnHelpers.install(network)).as("a second install changes nothing").isZero();
    }

    @Test
    void dl4jItself_createsNoHelperBecauseItsOneDnnCheckIsBroken() {
        // Documents why OneDnnHelpers exists: with DL4J's switch on, DL4J 1.0.0-M2.1 still ends up with no helper
        // (and logs "ERROR ... Cannot find class [org.nd4j.nativeblas.Nd4jCpu$Environment]", expected here).
        MultiLayerNetwork withHelpers = build(0);
        System.setProperty(OneDnnHelpers.HELPERS_DISABLE, "false");
        try {
            assertThat(builtIn(withHelpers).getLayer(0).getHelper()).isNull();
        } finally {
            System.clearProperty(OneDnnHelpers.HELPERS_DISABLE);
        }
    }

    @Test
    void helpers_agreeWithDl4jsBuiltInImplementationForwardAndBackward() {
        assumeThat(OneDnnHelpers.available()).as("natives with oneDNN on the CPU backend").isTrue();
        MultiLayerNetwork withHelpers = build(0);
        MultiLayerNetwork builtIn = builtIn(withHelpers);
        DataSet batch = batch(64);

        INDArray expected = builtIn.output(batch.getFeatures(), false);
        INDArray actual = withHelpers.output(batch.getFeatures(), false);
        assertThat(maxDifference(actual, expected)).isLessThan(1e-5);

        builtIn.fit(batch);
        withHelpers.fit(batch);
        assertThat(maxDifference(withHelpers.params(), builtIn.params())).isLessThan(1e-5);
        assertThat(withHelpers.score()).isCloseTo(builtIn.score(), org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void available_isFalseWhenTheDl4jSwitchDisablesHelpers() {
        System.setProperty(OneDnnHelpers.HELPERS_DISABLE, "true");
        try {
            assertThat(OneDnnHelpers.available()).isFalse();
            MultiLayerNetwork network = build(0);
            assertThat(network.getLayer(0).getHelper()).isNull();
        } finally {
            System.clearProperty(OneDnnHelpers.HELPERS_DISABLE);
        }
    }

    /** The spec's network for 5 classes, layers 1..frozen frozen, helpers where they can run. */
    private static MultiLayerNetwork build(int frozen) {
        List<LayerTraining> modes = new ArrayList<>();
        for (int n = 1; n <= SPEC.layerCount(); n++) {
            modes.add(n <= frozen ? LayerTraining.FROZEN : LayerTraining.trained(0.0));
        }
        return ModelFactory.build(SPEC, 1, 5, modes, Dropout::new, 1)
                .network();
    }

    /** The same network as DL4J builds it, without our helpers. */
    private static MultiLayerNetwork builtIn(MultiLayerNetwork network) {
        MultiLayerNetwork copy = new MultiLayerNetwork(network.getLayerWiseConfigurations().clone());
        copy.init(network.params().dup(), true);
        return copy;
    }

    private static DataSet batch(int size) {
        LabelledImages images = FashionMnistFixture.load().train().remap(List.of(0, 1, 2, 3, 4));
        float[] features = new float[size * 784];
        float[] labels = new float[size * 5];
        for (int i = 0; i < size; i++) {
            images.copyImage(i, features, i * 784);
            labels[i * 5 + images.label(i)] = 1f;
        }
        return new DataSet(Nd4j.create(features, new long[] {size, 1, 28, 28}, 'c'),
                Nd4j.create(labels, new long[] {size, 5}, 'c'));
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
