package org.transferable.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's gradient recording for the calling thread. DJL's {@code GradientCollector} for PyTorch allows one
 * collector per process (a static flag), so two networks training on two threads would fail; PyTorch's grad mode
 * itself is per thread, and this class switches it directly. Use as
 * {@code try (Autograd recording = Autograd.recording()) { ...forward...; recording.backward(loss); }}.
 */
final class Autograd implements AutoCloseable {
    private final boolean previous;

    private Autograd(boolean enabled) {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    /** @return a scope in which operations on arrays that require gradients are recorded */
    static Autograd recording() {
        return new Autograd(true);
    }

    /** @return a scope in which nothing is recorded (inference) */
    static Autograd off() {
        return new Autograd(false);
    }

    /**
     * Back-propagates a scalar loss: every array that requires a gradient and took part gets d loss / d array in
     * its gradient (which the solver reads and zeroes).
     */
    void backward(NDArray loss) {
        try (NDArray seed = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }
    }

    /** Restores the thread's previous grad mode. */
    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
