package org.transferable.network;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.transferable.Checks;
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
 * @param frozenLayers how many leading layers are frozen (0 = none)
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
        long initSeed, List<TrainingConfig> training, List<TrainingOutcome> outcomes, String backend,
        String engineVersion, String libraryVersion, String java, String os, Instant created) {

    /** Validates and copies lists. */
    public Provenance {
        Objects.requireNonNull(spec, "spec");
        Checks.name("task", task);
        classNames = List.copyOf(classNames);
        Checks.name("origin", origin);
        Checks.inRange("frozen layers", frozenLayers, 0, spec.layerCount() - 1);
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
     * @return the provenance with an empty training history
     */
    public static Provenance fresh(NetworkSpec spec, String task, List<String> classNames, String origin,
            int frozenLayers, long initSeed, String backend, String engineVersion) {
        return new Provenance(spec, task, classNames, origin, frozenLayers, initSeed, List.of(), List.of(), backend,
                engineVersion, LibraryVersion.get(),
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
        return new Provenance(spec, task, classNames, origin, frozenLayers, initSeed, runs, done, backend,
                engineVersion, libraryVersion, java, os, Instant.now());
    }
}
