package org.transferable.transfer;

import java.util.Objects;
import org.transferable.data.Task;
import org.transferable.network.Network;
import org.transferable.network.NetworkChecks;
import org.transferable.plan.TransferPlan;
import org.transferable.policy.FineTuning;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;

/**
 * The paper's treatments as a staged, immutable chain:
 *
 * <pre>{@code
 * Network anb     = Transfer.from(baseA).copy(3).freeze().train(taskB);   // AnB,  n = 3
 * Network anbPlus = Transfer.from(baseA).copy(3).fineTune().train(taskB); // AnB+, n = 3
 * Network lpft    = Transfer.from(baseA).copy(3)
 *         .policy(FineTuning.linearProbeThenFineTune(4)).train(taskB, config);  // A3B[4:new>all]
 * }</pre>
 *
 * Each stage offers only the calls that make sense next: {@code copy(n)} after {@code from}, then
 * {@code freeze()}, {@code fineTune()} or {@code policy(...)}. The last stage is a {@code Transfer}: bound to its
 * source network,
 * compared by (source identity, n, policy), and written in the paper's notation once the target is known
 * ({@link #plan(Task)} gives {@code A3B+}). The source network is never changed.
 */
public final class Transfer {
    private final Network source;
    private final int n;
    private final FineTuning policy;

    private Transfer(Network source, int n, FineTuning policy) {
        this.source = source;
        this.n = n;
        this.policy = policy;
    }

    /**
     * Starts a transfer from a trained (or random) network.
     *
     * @param source the network whose first layers are copied
     * @return the stage that offers {@code copy(n)}
     */
    public static Source from(Network source) {
        return new Source(Objects.requireNonNull(source, "source network must not be null"));
    }

    /**
     * Binds a plan to its source network.
     *
     * @throws IllegalArgumentException when the network was trained on another task than the plan's source, or n
     *     is out of range
     */
    public static Transfer of(TransferPlan plan, Network source) {
        if (!plan.source().equals(source.task())) {
            throw new IllegalArgumentException("plan " + plan + " copies from task " + plan.source()
                    + " but the network was trained on task " + source.task());
        }
        return from(source).copy(plan.n()).policy(plan.policy());
    }

    /** @return the source network */
    public Network source() {
        return source;
    }

    /** @return number of copied layers */
    public int n() {
        return n;
    }

    /** @return the fine-tuning policy */
    public FineTuning policy() {
        return policy;
    }

    /**
     * The notation for this transfer onto a target task.
     *
     * @return e.g. {@code A3B+}
     */
    public TransferPlan plan(Task target) {
        return new TransferPlan(source.task(), n, policy, target.name());
    }

    /**
     * Builds the target network without training it: layers 1..n copied, layers above n fresh from
     * {@code seed}, the output layer sized for the target's classes.
     *
     * @return the untrained network
     */
    public Network prepare(Task target, long seed) {
        return source.backend().transfer(source, plan(target), target, seed);
    }

    /**
     * Builds and trains the target network with {@link TrainingConfig#defaults()}.
     *
     * @return the trained network
     */
    public Network train(Task target) {
        return train(target, TrainingConfig.defaults());
    }

    /**
     * Builds the target network (fresh layers seeded by {@code config.seed()}) and trains it.
     *
     * @return the trained network
     */
    public Network train(Task target, TrainingConfig config) {
        return train(target, config, TrainingListener.NONE);
    }

    /**
     * Builds and trains with progress callbacks.
     *
     * @return the trained network
     */
    public Network train(Task target, TrainingConfig config, TrainingListener listener) {
        return source.backend().fit(prepare(target, config.seed()), target, config, listener);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transfer t && t.source == source && t.n == n && t.policy.equals(policy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(source), n, policy);
    }

    @Override
    public String toString() {
        return source.task() + n + "?" + TransferPlan.suffix(policy) + " (target not chosen)";
    }

    /** The first stage: a source network, waiting for {@code copy(n)}. */
    public static final class Source {
        private final Network network;

        private Source(Network network) {
            this.network = network;
        }

        /**
         * Copies the first {@code n} layers.
         *
         * @param n in [1, L-1] for a network of L layers
         * @return the stage that offers {@code freeze()}, {@code fineTune()} and {@code policy(...)}
         * @throws IllegalArgumentException "copy count must be in [1, L-1] for a network with L layers
         *     [names], got n"
         */
        public Copied copy(int n) {
            NetworkChecks.copyCount(network.spec(), n);
            return new Copied(network, n);
        }
    }

    /** The second stage: n chosen, waiting for {@code freeze()}, {@code fineTune()} or {@code policy(...)}. */
    public static final class Copied {
        private final Network network;
        private final int n;

        private Copied(Network network, int n) {
            this.network = network;
            this.n = n;
        }

        /** @return the transfer with layers 1..n frozen (AnB, BnB; {@link FineTuning#frozen()}) */
        public Transfer freeze() {
            return new Transfer(network, n, FineTuning.frozen());
        }

        /** @return the transfer with layers 1..n fine-tuned (AnB+, BnB+; {@link FineTuning#fineTuned()}) */
        public Transfer fineTune() {
            return new Transfer(network, n, FineTuning.fineTuned());
        }

        /**
         * The transfer trained under any fine-tuning policy.
         *
         * @param policy e.g. {@link FineTuning#linearProbeThenFineTune(int)} or {@code FineTuning.parse("all;l2sp(0.01,
         *     0.001)")}
         * @return the transfer
         * @throws IllegalArgumentException when the policy does not fit this network at this n (a layer outside it, a
         *     layer selected twice in a phase, a fresh layer never trained), naming the layer
         */
        public Transfer policy(FineTuning policy) {
            java.util.Objects.requireNonNull(policy, "policy must not be null");
            policy.check(network.spec(), n);
            return new Transfer(network, n, policy);
        }
    }
}
