package org.transferable.network;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.transferable.Checks;
import org.transferable.plan.TransferPlan;
import org.transferable.policy.FineTuning;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingOutcome;

/**
 * Where a network came from, enough to reproduce it: spec, task, origin, the training runs applied to it, and
 * the library, engine, Java and OS that produced it.
 *
 * @param spec the network's spec
 * @param task name of the task its output layer classifies
 * @param classNames the task's class names, index = output unit
 * @param origin {@code scratch} for a freshly initialised network, or the transfer plan's notation such as
 *     {@code A3B+}
 * @param frozenLayers how many leading layers the policy keeps frozen in every phase (0 = none), the layers whose
 *     outputs a fit can compute once; derived from the policy (kept for files written before policies existed)
 * @param policy how the network trains ({@link FineTuning#fineTuned()} for a network from scratch); in files
 *     written before policies existed, the paper's frozen policy when {@code frozenLayers > 0}, else fine-tuning
 * @param copiedLayers n, the layers copied from the source ({@code 0} for a network from scratch): what the policy's
 *     {@code copied}, {@code new} and {@code n} refer to; in older files, {@code frozenLayers} or the origin's n
 * @param initSeed seed of the fresh initialisation
 * @param training training runs applied, oldest first (empty for an untrained network)
 * @param outcomes what each of those runs did (epochs run, the epoch kept, the curve), in the same order; empty
 *     in files written before outcomes were recorded
 * @param backend backend name, e.g. {@code dl4j}
 * @param engineVersion the engine's version, e.g. {@code deeplearning4j 1.0.0-M2.1}
 * @param libraryVersion Transferable's version
 * @param java Java runtime version and vendor
 * @param os operating system and architecture
 * @param created when this network (or its last training) was produced
 */
public record Provenance(NetworkSpec spec, String task, List<String> classNames, String origin, int frozenLayers,
        FineTuning policy, Integer copiedLayers, long initSeed, List<TrainingConfig> training,
        List<TrainingOutcome> outcomes, String backend,
        String engineVersion, String libraryVersion, String java, String os, Instant created) {

    /**
     * Validates and copies lists; reads files written before policies existed (no policy, no copied layers).
     *
     * @throws IllegalArgumentException when the policy does not fit the network at n
     */
    public Provenance {
        Objects.requireNonNull(spec, "spec");
        Checks.name("task", task);
        classNames = List.copyOf(classNames);
        Checks.name("origin", origin);
        if (policy == null) {
            Checks.inRange("frozen layers", frozenLayers, 0, spec.layerCount() - 1);
            policy = frozenLayers > 0 ? FineTuning.frozen() : FineTuning.fineTuned();
            copiedLayers = copiedLayers != null ? copiedLayers : frozenLayers > 0 ? frozenLayers : originN(origin);
        }
        copiedLayers = copiedLayers == null ? 0 : copiedLayers;
        Checks.inRange("copied layers", copiedLayers, 0, spec.layerCount() - 1);
        policy.check(spec, copiedLayers);
        frozenLayers = policy.frozenPrefix(spec, copiedLayers);
        training = List.copyOf(training);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        if (!outcomes.isEmpty() && outcomes.size() != training.size()) {
            throw new IllegalArgumentException(training.size() + " training runs but " + outcomes.size()
                    + " outcomes");
        }
        Checks.name("backend", backend);
        Objects.requireNonNull(created, "created");
    }

    /**
     * Provenance of a freshly built network on this machine.
     *
     * @param policy how it trains
     * @param copiedLayers n, 0 for a network from scratch
     * @return the provenance with an empty training history
     */
    public static Provenance fresh(NetworkSpec spec, String task, List<String> classNames, String origin,
            FineTuning policy, int copiedLayers, long initSeed, String backend, String engineVersion) {
        Objects.requireNonNull(policy, "policy");
        return new Provenance(spec, task, classNames, origin, 0, policy, copiedLayers, initSeed, List.of(), List.of(),
                backend, engineVersion, LibraryVersion.get(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                Instant.now());
    }

    /**
     * @param config the run's configuration
     * @param outcome what the run did
     * @return this provenance with one more training run and a new time stamp
     */
    public Provenance trained(TrainingConfig config, TrainingOutcome outcome) {
        List<TrainingConfig> runs = new ArrayList<>(training);
        runs.add(config);
        List<TrainingOutcome> done = new ArrayList<>(outcomes);
        if (done.size() < training.size()) {
            done.clear();
        } else {
            done.add(outcome);
        }
        return new Provenance(spec, task, classNames, origin, frozenLayers, policy, copiedLayers, initSeed, runs, done,
                backend, engineVersion, libraryVersion, java, os, Instant.now());
    }

    /** @return n of an origin in the paper's notation, 0 for {@code scratch} or anything else */
    private static int originN(String origin) {
        try {
            return TransferPlan.parse(origin).n();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
