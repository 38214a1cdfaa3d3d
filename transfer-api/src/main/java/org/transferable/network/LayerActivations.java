package org.transferable.network;

import java.util.List;
import org.transferable.similarity.FeatureMatrix;

/**
 * Receives a network's activations one batch of images at a time, from
 * {@link Network#activations(org.transferable.data.LabelledImages, List, int, LayerActivations)}, so that a large
 * image set never sits in memory at once.
 *
 * <pre>{@code
 * network.activations(images, List.of(1, 2), 256, (first, layers) -> {
 *     FeatureMatrix layer1 = layers.get(0); // images first..first + layer1.rows() - 1
 * });
 * }</pre>
 */
@FunctionalInterface
public interface LayerActivations {
    /**
     * One batch.
     *
     * @param firstImage index of the batch's first image in the image set; the batch's rows are images
     *     {@code firstImage, firstImage + 1, ...} in order
     * @param layers one matrix per requested layer, in the order requested, each with one row per image of the batch
     */
    void accept(int firstImage, List<FeatureMatrix> layers);
}
