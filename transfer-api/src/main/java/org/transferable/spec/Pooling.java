package org.transferable.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.transferable.Checks;

/**
 * What follows a convolution's activation: nothing, max pooling or average pooling. Pooling has no weights and
 * travels with its layer.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Pooling.None.class, name = "none"),
        @JsonSubTypes.Type(value = Pooling.Max.class, name = "max"),
        @JsonSubTypes.Type(value = Pooling.Average.class, name = "average")})
public sealed interface Pooling {

    /** @return no pooling */
    static Pooling none() {
        return new None();
    }

    /**
     * Max pooling with a square window.
     *
     * @param size window side
     * @param stride step between windows
     * @return the pooling
     */
    static Pooling max(int size, int stride) {
        return new Max(size, stride);
    }

    /**
     * Average pooling with a square window and no padding: each output is the mean of its whole window, as PyTorch's
     * {@code AvgPool2d} and DL4J's {@code SubsamplingLayer} with {@code AVG} compute it.
     *
     * @param size window side
     * @param stride step between windows
     * @return the pooling
     */
    static Pooling average(int size, int stride) {
        return new Average(size, stride);
    }

    /**
     * Output side length for an input side, or a negative value where the window does not fit.
     *
     * @param in input side
     * @return output side
     */
    int outputSide(int in);

    /** @return how many windows of a side and stride fit along an input side without padding, or -1 if none */
    private static int windows(int in, int size, int stride) {
        return in < size ? -1 : (in - size) / stride + 1;
    }

    /** No pooling. */
    record None() implements Pooling {
        @Override
        public int outputSide(int in) {
            return in;
        }
    }

    /**
     * Max pooling.
     *
     * @param size window side in [1, 64]
     * @param stride stride in [1, 64]
     */
    record Max(int size, int stride) implements Pooling {
        /** Validates size and stride. */
        public Max {
            Checks.inRange("pooling size", size, 1, 64);
            Checks.inRange("pooling stride", stride, 1, 64);
        }

        @Override
        public int outputSide(int in) {
            return windows(in, size, stride);
        }
    }

    /**
     * Average pooling.
     *
     * @param size window side in [1, 64]
     * @param stride stride in [1, 64]
     */
    record Average(int size, int stride) implements Pooling {
        /** Validates size and stride. */
        public Average {
            Checks.inRange("pooling size", size, 1, 64);
            Checks.inRange("pooling stride", stride, 1, 64);
        }

        @Override
        public int outputSide(int in) {
            return windows(in, size, stride);
        }
    }
}
