package org.transferable.spec;

import org.transferable.Checks;

/**
 * The shape of one input image, or of a hidden layer's output: channels x height x width. A dense layer's output is
 * units x 1 x 1, so channels go up to {@link #MAX_CHANNELS}; the whole shape must fit an {@code int} of values.
 *
 * @param channels number of channels, 1 for grey-scale
 * @param height rows
 * @param width columns
 */
public record InputShape(int channels, int height, int width) {
    /** Largest accepted height or width. */
    public static final int MAX_SIDE = 1 << 14;
    /** Largest accepted channel count: the widest dense layer's units. */
    public static final int MAX_CHANNELS = 1 << 20;

    /**
     * Validates channels in [1, 1048576], height and width in [1, 16384], and at most {@link Integer#MAX_VALUE}
     * values in all.
     *
     * @throws IllegalArgumentException naming the dimension, or the shape when it has too many values
     */
    public InputShape {
        Checks.inRange("input channels", channels, 1, MAX_CHANNELS);
        Checks.inRange("input height", height, 1, MAX_SIDE);
        Checks.inRange("input width", width, 1, MAX_SIDE);
        long size = (long) channels * height * width;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a shape of " + channels + "x" + height + "x" + width + " has " + size
                    + " values, more than " + Integer.MAX_VALUE);
        }
    }

    /**
     * An image input.
     *
     * @return the shape
     */
    public static InputShape image(int channels, int height, int width) {
        return new InputShape(channels, height, width);
    }

    /** @return channels x height x width */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
