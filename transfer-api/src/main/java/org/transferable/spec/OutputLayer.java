package org.transferable.spec;

import org.transferable.Checks;

/**
 * The softmax output layer. Its width is not part of the spec: it is the class count of the task a network is
 * built for, so one spec serves a base on task A (5 classes) and a transfer onto task B (3 classes).
 *
 * @param name unique layer name
 */
public record OutputLayer(String name) implements LayerSpec {
    /** Validates the name. */
    public OutputLayer {
        Checks.name("layer name", name);
    }

    /** @return 0: the output layer's logits have no dropout */
    @Override
    public double outputDropout() {
        return 0.0;
    }
}
