package org.transferable.weights;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.transferable.Checks;

/**
 * One named parameter tensor in row-major (C) order, backend-neutral. Convolution weights are
 * [out, in, kernel, kernel]; dense weights are [in, out] (the transpose of PyTorch's {@code Linear.weight}, which
 * a backend on PyTorch transposes when it converts); biases and batch-norm vectors are [n]. A dense layer that
 * follows a convolution sees its input flattened in (channel, row, column) order.
 *
 * @param name e.g. {@code weight}, {@code bias}, {@code gamma}, {@code beta}, {@code mean}, {@code variance}
 * @param shape dimensions
 * @param values the values, product of shape long; never shared with a network
 */
public record Tensor(String name, List<Integer> shape, float[] values) {
    /** Validates that shape and values agree, and copies both. */
    public Tensor {
        Checks.name("tensor name", name);
        shape = List.copyOf(shape);
        for (int d : shape) {
            Checks.inRange("dimension of " + name, d, 0, Integer.MAX_VALUE);
        }
        long size = shape.contains(0) ? 0 : 1;
        for (int d : shape) {
            size *= d; // at most (2^31 - 1)^2: cannot overflow, since size is capped below
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor " + name + " of shape " + shape + " has more than "
                        + Integer.MAX_VALUE + " values");
            }
        }
        Objects.requireNonNull(values, "values");
        if (size != values.length) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + shape + " needs " + size
                    + " values, got " + values.length);
        }
        values = values.clone();
    }

    /** @return a copy of the values */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** @return number of values */
    public int size() {
        return values.length;
    }

    /** @return value at flat index {@code i} */
    public float get(int i) {
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && shape.equals(t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, shape, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return name + shape;
    }
}
