package org.transferable.policy;

import java.util.Objects;

/**
 * Layers that train in a phase, and how: {@code new}, {@code copied=bias}, {@code 1..3=x0.1},
 * {@code all=geo(0.01)}. Layers no selection of a phase names are frozen in it.
 *
 * @param layers which layers
 * @param rule how they train
 */
public record Selection(LayerRange layers, LayerRule rule) {
    /** Checks for null. */
    public Selection {
        Objects.requireNonNull(layers, "layers must not be null");
        Objects.requireNonNull(rule, "rule must not be null");
    }

    /** @return the layers at the full learning rate */
    public static Selection of(LayerRange layers) {
        return new Selection(layers, LayerRule.FULL);
    }

    @Override
    public String toString() {
        return layers + (rule.equals(LayerRule.FULL) ? "" : "=" + rule);
    }
}
