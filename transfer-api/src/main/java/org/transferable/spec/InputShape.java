package org.transferable.spec;

import org.transferable.Checks;

/**
 * The shape of one input image: channels x height x width.
 *
 * @param channels number of channels, 1 for grey-scale
 * @param height rows
 * @param width columns
 */
public record InputShape(int channels, int height, int width) {
    /** Largest accepted side or channel count. */
    public static final int MAX_SIDE = 1 << 14;

    /** Validates every dimension is in [1, 16384]. */
    public InputShape {
        Checks.inRange("input channels", channels, 1, MAX_SIDE);
        Checks.inRange("input height", height, 1, MAX_SIDE);
        Checks.inRange("input width", width, 1, MAX_SIDE);
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
