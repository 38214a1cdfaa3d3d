package org.transferable.policy;

import org.transferable.Checks;

/** The penalty on weights while a policy trains: the configuration's weight decay, or L2-SP. */
public sealed interface Regulariser permits Regulariser.WeightDecay, Regulariser.L2Sp {
    /** The configuration's weight decay on every trained weight, toward 0 (the paper's solver). */
    WeightDecay WEIGHT_DECAY = new WeightDecay();

    /** The training configuration's L2 weight decay toward 0 on every weight that trains. */
    record WeightDecay() implements Regulariser {
        @Override
        public String toString() {
            return "wd";
        }
    }

    /**
     * L2-SP (Li, Grandvalet and Davoine, 2018): copied layers' weights decay toward their source values with
     * {@code alpha}, new layers' weights toward 0 with {@code beta}; replaces the configuration's weight decay.
     *
     * @param alpha coefficient toward the source weights, in [0, 100]
     * @param beta coefficient toward 0 on the new layers, in [0, 100]
     */
    record L2Sp(double alpha, double beta) implements Regulariser {
        /** Validates the ranges. */
        public L2Sp {
            Checks.inRange("L2-SP alpha", alpha, 0.0, 100.0);
            Checks.inRange("L2-SP beta", beta, 0.0, 100.0);
        }

        @Override
        public String toString() {
            return "l2sp(" + LayerRule.number(alpha) + "," + LayerRule.number(beta) + ")";
        }
    }
}
