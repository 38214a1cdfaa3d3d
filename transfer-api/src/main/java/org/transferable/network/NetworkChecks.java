package org.transferable.network;

import java.util.List;
import org.transferable.data.LabelledImages;
import org.transferable.spec.NetworkSpec;

/** The argument checks of networks and backends, with the exact messages the contract suite expects. */
public final class NetworkChecks {
    private NetworkChecks() {
    }

    /**
     * Requires a copy count in [1, L-1].
     *
     * @throws IllegalArgumentException "copy count must be in [1, L-1] for a network with L layers [names], got n"
     */
    public static void copyCount(NetworkSpec spec, int n) {
        int layers = spec.layerCount();
        if (n < 1 || n > layers - 1) {
            throw new IllegalArgumentException("copy count must be in [1, " + (layers - 1) + "] for a network with "
                    + layers + " layers " + spec.layerNames() + ", got " + n);
        }
    }

    /**
     * Requires images of the spec's input shape.
     *
     * @param what what the images are, for the message, e.g. {@code task B}
     * @throws IllegalArgumentException "{what} has images of 1x28x28 but network {name} expects 3x32x32"
     */
    public static void imageShape(NetworkSpec spec, LabelledImages images, String what) {
        if (!images.shape().equals(spec.input())) {
            throw new IllegalArgumentException(what + " has images of " + images.shape() + " but network "
                    + spec.name() + " expects " + spec.input());
        }
    }

    /**
     * Requires images with as many classes as the network's output layer.
     *
     * @param classNames the classes of the network's output layer ({@link Network#classNames()})
     * @param whatHas what the images are and the verb, for the message, e.g. {@code task B has} or
     *     {@code the evaluation images have}
     * @throws IllegalArgumentException "network classifies 5 classes [...] but {whatHas} 3 [...]"
     */
    public static void classCount(List<String> classNames, LabelledImages images, String whatHas) {
        if (images.classCount() != classNames.size()) {
            throw new IllegalArgumentException("network classifies " + classNames.size() + " classes "
                    + classNames + " but " + whatHas + " " + images.classCount() + " " + images.classNames());
        }
    }
}
