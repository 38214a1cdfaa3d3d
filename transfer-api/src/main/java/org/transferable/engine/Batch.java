package org.transferable.engine;

import java.util.Objects;

/**
 * One mini-batch as the template hands it to an engine: the inputs of the model's first layer for each example
 * (images, or cached outputs of frozen layers), row-major, one example after another, and one label per example.
 * The arrays are the engine's to read during the call, never to keep or change.
 *
 * @param inputs {@code count x inputSize} values
 * @param labels class indices, {@code count} of them
 */
public record Batch(float[] inputs, int[] labels) {
    /**
     * Checks that the inputs divide evenly into the examples.
     *
     * @throws IllegalArgumentException when they do not
     */
    public Batch {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        if (labels.length == 0 || inputs.length % labels.length != 0) {
            throw new IllegalArgumentException(inputs.length + " input values do not divide into " + labels.length
                    + " examples");
        }
    }

    /** @return the number of examples */
    public int count() {
        return labels.length;
    }

    /** @return values per example */
    public int inputSize() {
        return inputs.length / labels.length;
    }
}
