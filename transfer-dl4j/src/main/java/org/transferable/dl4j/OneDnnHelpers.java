package org.transferable.dl4j;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the convolution and pooling layers of our networks DL4J's own oneDNN implementations, which DL4J
 * 1.0.0-M2.1 never uses by itself.
 *
 * <p><b>Why.</b> A DL4J convolution or pooling layer asks {@code HelperUtils.createHelper} for a helper when it is
 * created. On the CPU backend that makes an {@code MKLDNNConvHelper} (or {@code MKLDNNSubsamplingHelper}), which
 * runs ND4J's {@code conv2d}/{@code maxpool2d} ops and, with natives built with oneDNN, oneDNN's kernels. Two things
 * stop it: DL4J creates no helper at all unless the system property {@value #HELPERS_DISABLE} is {@code false} (it
 * defaults to {@code true}), and even then the helper's {@code checkSupported()} asks
 * {@code BaseMKLDNNHelper.mklDnnEnabled()}, which reflects
 * on {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()}, a class ND4J 1.0.0-M2.1 no longer has (it
 * became {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment.isUseONEDNN()}). The check fails, DL4J
 * drops the helper (logging an ERROR once), and every convolution runs as im2col plus a matrix product, 3-5x slower.
 * The backend therefore leaves DL4J's switch unset: turning it on alone buys nothing in 1.0.0-M2.1.
 *
 * <p><b>How.</b> Two subclasses of DL4J's helpers whose only change is a working {@code checkSupported()}, put into
 * the layer's {@code helper} field. DL4J declares that field {@code protected} but has no setter, and the layer's
 * constructor hard-codes the helper class, so the field is set by reflection. Nothing is copied from DL4J and nothing
 * is placed in DL4J's or ND4J's packages; the network's configuration (and so its saved form) is unchanged. Should
 * a later DL4J rename the field, {@link #install} logs a warning once per network and leaves the layers as DL4J made
 * them: slower, still correct.
 *
 * <p><b>When.</b> Only if oneDNN can run: the user has not set DL4J's switch to {@code true} (which turns these
 * helpers off as well), ND4J runs on its CPU backend, the
 * natives were built with oneDNN ({@code NativeOps.buildInfo()} lists {@code HAVE_ONEDNN}: the
 * {@code linux-x86_64-onednn-avx2} natives that the {@code onednn} Maven profile adds) and ND4J allows helpers. A
 * layer that already has a helper (DL4J's own once fixed, or cuDNN's) is left alone. Outputs agree with DL4J's
 * built-in implementation to float rounding; a oneDNN convolution's output for an image does not depend on the other
 * images in its batch, which is what lets {@link FrozenPrefixTrainer} cache frozen convolutions exactly.
 */
final class OneDnnHelpers {
    /** DL4J's switch for its layer helpers; {@code true} switches ours off too. */
    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    private static final Logger LOG = LoggerFactory.getLogger(OneDnnHelpers.class);
    /** Set once per JVM by the engine's numerical self-check ({@link Dl4jEngine}): whether helpers may be used. */
    private static volatile boolean enabled = true;

    private OneDnnHelpers() {
    }

    /**
     * Lets {@link #install} give layers oneDNN helpers, or stops it; the DL4J engine's self-check calls it once,
     * with the configuration it chose.
     *
     * @param on whether helpers may be installed
     */
    static void enable(boolean on) {
        enabled = on;
    }

    /**
     * Whether {@link #install} would give layers oneDNN helpers now.
     *
     * @return true when the DL4J switch allows helpers, the backend is ND4J's CPU backend, the natives have oneDNN
     *     and ND4J allows helpers
     */
    static boolean available() {
        if (Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE, "false"))) {
            return false;
        }
        return NativesProbe.CPU_WITH_ONEDNN && Nd4j.getEnvironment().helpersAllowed();
    }

    /** @return whether {@link #install} gives helpers now: {@link #available()} and not switched off by the check */
    static boolean active() {
        return enabled && available();
    }

    /**
     * Gives every convolution and pooling layer without a helper (frozen ones included) a oneDNN helper, when
     * {@link #available()}.
     *
     * @return the number of layers that got one
     */
    static int install(MultiLayerNetwork network) {
        if (!active()) {
            return 0;
        }
        DataType dataType = network.getLayerWiseConfigurations().getDataType();
        int installed = 0;
        for (Layer layer : network.getLayers()) {
            Layer inner = unwrap(layer);
            try {
                if (inner instanceof ConvolutionLayer conv && conv.getHelper() == null) {
                    HelperFields.CONVOLUTION.set(conv, new Convolution(dataType));
                    installed++;
                } else if (inner instanceof SubsamplingLayer pooling && pooling.getHelper() == null) {
                    HelperFields.SUBSAMPLING.set(pooling, new Subsampling(dataType));
                    installed++;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.warn("could not give layer {} a oneDNN helper ({}); it keeps DL4J's built-in implementation",
                        inner.conf().getLayer().getLayerName(), e.toString());
                return installed;
            }
        }
        return installed;
    }

    private static Layer unwrap(Layer layer) {
        Layer current = layer;
        while (current instanceof BaseWrapperLayer wrapper) {
            current = wrapper.getUnderlying();
        }
        return current;
    }

    /** DL4J's convolution helper with a {@code checkSupported()} that asks the right question. */
    static final class Convolution extends MKLDNNConvHelper {
        Convolution(DataType dataType) {
            super(dataType);
        }

        @Override
        public boolean checkSupported() {
            return active();
        }
    }

    /** DL4J's pooling helper with a {@code checkSupported()} that asks the right question. */
    static final class Subsampling extends MKLDNNSubsamplingHelper {
        Subsampling(DataType dataType) {
            super(dataType);
        }

        @Override
        public boolean checkSupported() {
            return active();
        }
    }

    /** What the loaded natives can do; fixed for the life of the JVM, so read once. */
    private static final class NativesProbe {
        static final boolean CPU_WITH_ONEDNN = "CPU".equalsIgnoreCase(
                Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"))
                && NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
    }

    /** The layers' {@code protected helper} fields, looked up once. */
    private static final class HelperFields {
        static final Field CONVOLUTION = accessible(ConvolutionLayer.class);
        static final Field SUBSAMPLING = accessible(SubsamplingLayer.class);

        private static Field accessible(Class<?> layerClass) {
            try {
                Field field = layerClass.getDeclaredField("helper");
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(layerClass.getName() + " has no field 'helper' in this DL4J version",
                        e);
            }
        }
    }
}
