package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.SplittableRandom;

/**
 * Inverted dropout whose masks come from a Java generator seeded by the training config, not from PyTorch's global
 * generator: the same seed gives the same masks, and two networks training on two threads do not share a stream.
 * In training mode each value is zeroed with probability {@code rate} and the rest are scaled by
 * {@code 1 / (1 - rate)}; in inference mode the input passes unchanged.
 */
final class SeededDropout extends AbstractBlock {
    private final float rate;
    private final SplittableRandom random;

    /**
     * @param rate probability of dropping a value, in (0, 1)
     * @param random the generator this block draws from; owned by one training run
     */
    SeededDropout(float rate, SplittableRandom random) {
        this.rate = rate;
        this.random = random;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (!training) {
            return inputs;
        }
        NDArray input = inputs.singletonOrThrow();
        float[] mask = new float[Math.toIntExact(input.size())];
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < rate ? 0f : keep;
        }
        return new NDList(input.mul(input.getManager().create(mask, input.getShape())));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "SeededDropout(" + rate + ")";
    }
}
