package org.transferable.djl;

import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import java.util.List;
import org.transferable.data.LabelledImages;
import org.transferable.data.Task;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;

/**
 * Run by {@link OfflineEngineTest} in a fresh JVM: loads the engine through the backend exactly as a user's first
 * call does, trains a tiny network, and prints what it found as {@code key=value} lines.
 */
final class EngineLoad {
    private EngineLoad() {
    }

    /** The environment as native code sees it ({@code System.getenv} is the JVM's copy from start-up). */
    private interface C extends com.sun.jna.Library {
        C LIBRARY = com.sun.jna.Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, C.class);

        String getenv(String name);
    }

    public static void main(String[] args) {
        System.out.println("offlineBefore=" + System.getProperty(EngineSettings.OFFLINE));
        Backend backend = Backends.load(DjlEngine.NAME);
        System.out.println("engine=" + backend.engineVersion());
        System.out.println("offline=" + System.getProperty(EngineSettings.OFFLINE));
        System.out.println("djlOfflineMode=" + Utils.isOfflineMode());
        System.out.println("libtorch=" + LibUtils.getLibtorchPath());
        System.out.println("threads=" + JniUtils.getNumThreads() + "," + JniUtils.getNumInteropThreads());
        System.out.println("processors=" + Runtime.getRuntime().availableProcessors());
        System.out.println("ompWaitPolicy=" + C.LIBRARY.getenv(EngineSettings.OMP_WAIT_POLICY));
        System.out.println("gompSpinCount=" + C.LIBRARY.getenv(EngineSettings.GOMP_SPINCOUNT));
        InputShape shape = InputShape.image(1, 4, 4);
        byte[] pixels = new byte[8 * 16];
        int[] labels = new int[8];
        for (int i = 0; i < 8; i++) {
            labels[i] = i % 2;
            java.util.Arrays.fill(pixels, i * 16, i * 16 + 16, (byte) (labels[i] * 255));
        }
        LabelledImages images = LabelledImages.of(shape, pixels, labels, List.of("dark", "light"));
        NetworkSpec spec = NetworkSpec.builder("tiny", shape).dense("fc1", 4).output("out");
        var trained = backend.train(spec, new Task("T", images, images), TrainingConfig.defaults().withEpochs(20)
                .withBatchSize(4).withLearningRate(0.1));
        System.out.println("accuracy=" + trained.evaluate(images).accuracy());
    }
}
