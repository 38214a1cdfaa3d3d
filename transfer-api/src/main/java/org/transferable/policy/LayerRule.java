package org.transferable.policy;

import java.math.BigDecimal;
import org.transferable.Checks;

/**
 * What the layers of a {@link Selection} do while they train: a closed set of rules.
 *
 * <ul>
 *   <li>{@link Scaled}: every tensor at a multiple of the learning rate ({@code x0.1}; 0 is the same as frozen);</li>
 *   <li>{@link Geometric}: discriminative rates, fastai's {@code slice(lo, hi)}: from {@code lowest} times the rate
 *   at the range's first layer up to the rate at its last, geometrically ({@code geo(0.01)});</li>
 *   <li>{@link LayerDecay}: timm's layer-wise decay: the range's last layer at the rate, each layer below it at
 *   {@code decay} times the one above ({@code decay(0.75)});</li>
 *   <li>{@link BiasOnly}: BitFit, only the biases train, at a multiple of the rate ({@code bias}, {@code bias(0.5)});
 *   the weights stay as they are (batch normalisation's scale and shift too, unless {@code bn=train}). The layer
 *   runs in training mode, as under PyTorch's {@code train()}: dropout on its input, batch statistics.</li>
 * </ul>
 */
public sealed interface LayerRule permits LayerRule.Scaled, LayerRule.Geometric, LayerRule.LayerDecay,
        LayerRule.BiasOnly {
    /** The paper's fine-tuning: every tensor at the learning rate. */
    Scaled FULL = new Scaled(1.0);

    /**
     * The multiple of the learning rate for one layer of a range.
     *
     * @param index the layer's position in the range, from 0
     * @param count the range's layers, at least 1
     * @return the multiple
     */
    double multiple(int index, int count);

    /**
     * Every tensor at a multiple of the learning rate.
     *
     * @param multiple in [0, 1000]; 0 trains nothing and is the same as leaving the layers out (frozen)
     */
    record Scaled(double multiple) implements LayerRule {
        /** Validates the range. */
        public Scaled {
            Checks.inRange("rate multiple", multiple, 0.0, 1000.0);
        }

        @Override
        public double multiple(int index, int count) {
            return multiple;
        }

        @Override
        public String toString() {
            return "x" + number(multiple);
        }
    }

    /**
     * Rates rising geometrically from {@code lowest} at the range's first layer to 1 at its last.
     *
     * @param lowest in (0, 1]
     */
    record Geometric(double lowest) implements LayerRule {
        /** Validates the range. */
        public Geometric {
            if (!(lowest > 0.0 && lowest <= 1.0)) {
                throw new IllegalArgumentException("lowest rate multiple of geo(...) must be in (0, 1], got "
                        + lowest);
            }
        }

        @Override
        public double multiple(int index, int count) {
            return count == 1 ? 1.0 : Math.pow(lowest, (count - 1 - index) / (double) (count - 1));
        }

        @Override
        public String toString() {
            return "geo(" + number(lowest) + ")";
        }
    }

    /**
     * Layer-wise rate decay: the last layer of the range at the rate, the one below at {@code decay} times it, and
     * so on down.
     *
     * @param decay in (0, 1]
     */
    record LayerDecay(double decay) implements LayerRule {
        /** Validates the range. */
        public LayerDecay {
            if (!(decay > 0.0 && decay <= 1.0)) {
                throw new IllegalArgumentException("layer decay must be in (0, 1], got " + decay);
            }
        }

        @Override
        public double multiple(int index, int count) {
            return Math.pow(decay, count - 1 - index);
        }

        @Override
        public String toString() {
            return "decay(" + number(decay) + ")";
        }
    }

    /**
     * Only the biases train (BitFit, Ben Zaken et al. 2022), at a multiple of the learning rate.
     *
     * @param multiple in (0, 1000]
     */
    record BiasOnly(double multiple) implements LayerRule {
        /** Validates the range. */
        public BiasOnly {
            if (!(multiple > 0.0 && multiple <= 1000.0)) {
                throw new IllegalArgumentException("bias rate multiple must be in (0, 1000], got " + multiple);
            }
        }

        @Override
        public double multiple(int index, int count) {
            return multiple;
        }

        @Override
        public String toString() {
            return multiple == 1.0 ? "bias" : "bias(" + number(multiple) + ")";
        }
    }

    /** @return a number in its shortest plain form, e.g. {@code 0.001}, {@code 2} */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
