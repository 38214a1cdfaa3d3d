package org.transferable.study;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.transferable.Checks;
import org.transferable.data.Task;
import org.transferable.network.Backend;
import org.transferable.network.Network;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingDivergedException;
import org.transferable.train.TrainingListener;

/**
 * The source networks of one split, each built at most once per study: trained (baseA, baseB) or initialised
 * (the random source of RnB), saved under {@code bases/}, and from then on always loaded from there, so a resumed
 * study copies from exactly the weights an uninterrupted one used. Thread-safe: workers that need the same base
 * wait while one builds it.
 */
final class BaseNetworks {
    /** The source networks a split can need. */
    enum Kind {
        /** baseA, trained on A. */
        BASE_A("baseA"),
        /** baseB, trained on B (its reduced training set when the plan asks for one). */
        BASE_B("baseB"),
        /** An untrained network initialised for A, renamed task {@code R} so transfers read {@code R3B}. */
        RANDOM("random");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }

        /** @return the folder's name under {@code bases/}, after the split, e.g. {@code baseA} */
        String folder() {
            return folder;
        }

        static Kind of(Treatment treatment) {
            return switch (treatment) {
                case BASE_A, TRANSFER, TRANSFER_FINE_TUNED -> BASE_A;
                case BASE_B, SELFFER, SELFFER_FINE_TUNED -> BASE_B;
                case RANDOM_FROZEN -> RANDOM;
            };
        }
    }

    private final StudyPlan plan;
    private final SplitData data;
    private final Backend backend;
    private final StudyDirectory directory;
    /** A baseA trained elsewhere, used instead of training one. */
    private final Optional<Network> givenBaseA;
    private final Map<Kind, Network> networks = new ConcurrentHashMap<>();
    private final Map<Kind, TrainingDivergedException> failures = new ConcurrentHashMap<>();
    /** One lock per kind: a worker that needs a base another worker is building waits for it. */
    private final Map<Kind, Object> locks = new EnumMap<>(Kind.class);

    BaseNetworks(StudyPlan plan, SplitData data, Backend backend, StudyDirectory directory) {
        this(plan, data, backend, directory, Optional.empty());
    }

    /** Base networks of a split whose baseA, when given, is that network instead of one trained here. */
    BaseNetworks(StudyPlan plan, SplitData data, Backend backend, StudyDirectory directory,
            Optional<Network> givenBaseA) {
        this.plan = plan;
        this.data = data;
        this.backend = backend;
        this.directory = directory;
        this.givenBaseA = givenBaseA;
        for (Kind kind : Kind.values()) {
            locks.put(kind, new Object());
        }
    }

    /**
     * Checks a network given as a split's baseA against the plan: the split exists, the spec is the plan's, the
     * class count is half A's.
     *
     * @throws IllegalArgumentException naming the split and what differs
     */
    static void checkGiven(StudyPlan plan, int split, Network network) {
        Checks.inRange("split", split, 0, plan.splits().size() - 1);
        Objects.requireNonNull(network, "network must not be null");
        if (!network.spec().equals(plan.spec())) {
            throw new IllegalArgumentException("the given baseA of split " + split + " has spec " + network.spec()
                    + ", the plan's spec is " + plan.spec());
        }
        int classes = plan.splits().get(split).groupA().size();
        if (network.classNames().size() != classes) {
            throw new IllegalArgumentException("the given baseA of split " + split + " has "
                    + network.classNames().size() + " classes, half A of split " + split + " has " + classes);
        }
    }

    /**
     * Checks that every given baseA names its split's half A's classes as the data set does, in that order.
     *
     * @throws IllegalArgumentException naming the split and both lists of names
     */
    static void checkGivenClasses(StudyPlan plan, Map<Integer, Network> given, Task dataset) {
        for (Map.Entry<Integer, Network> entry : given.entrySet()) {
            List<String> names = plan.splits().get(entry.getKey()).groupA().stream()
                    .map(c -> dataset.classNames().get(c)).toList();
            if (!entry.getValue().classNames().equals(names)) {
                throw new IllegalArgumentException("the given baseA of split " + entry.getKey() + " has classes "
                        + entry.getValue().classNames() + ", half A of split " + entry.getKey() + " of data set "
                        + dataset.name() + " has " + names);
            }
        }
    }

    /**
     * The source network of a kind: from memory, else from disk, else built, saved and loaded back.
     *
     * @param listener hears the training of a base built now
     * @return the network
     * @throws TrainingDivergedException when training the base diverged, now or earlier in this run (it is not
     *     trained again for every cell that needs it)
     */
    Network get(Kind kind, TrainingListener listener) throws IOException {
        synchronized (locks.get(kind)) {
            return getLocked(kind, listener);
        }
    }

    private Network getLocked(Kind kind, TrainingListener listener) throws IOException {
        Network cached = networks.get(kind);
        if (cached != null) {
            return cached;
        }
        TrainingDivergedException failed = failures.get(kind);
        if (failed != null) {
            throw failed;
        }
        String folder = StudyDirectory.base(data.split(), kind.folder);
        Optional<Network> given = kind == Kind.BASE_A ? givenBaseA : Optional.empty();
        if (!directory.hasBase(folder)) {
            try {
                directory.saveBase(given.isPresent() ? given.get() : build(kind, listener), folder);
            } catch (TrainingDivergedException e) {
                failures.put(kind, e);
                throw e;
            }
        }
        Network network = directory.loadBase(folder, backend);    // a given base saved earlier: checkSaved checked it
        networks.put(kind, network);
        return network;
    }

    /**
     * Refuses a study directory whose saved baseA of a split holds other weights than the network given for it, before
     * anything is trained.
     *
     * @throws IllegalStateException naming the base's folder and the split
     */
    static void checkSaved(StudyPlan plan, Map<Integer, Network> given, StudyDirectory directory, Backend backend)
            throws IOException {
        for (Map.Entry<Integer, Network> entry : given.entrySet()) {
            String folder = StudyDirectory.base(entry.getKey(), Kind.BASE_A.folder);
            if (directory.hasBase(folder)) {
                checkSame(plan, entry.getKey(), entry.getValue(), directory.loadBase(folder, backend), directory,
                        folder);
            }
        }
    }

    /** Refuses a saved base whose weights are not the given network's: the study would mix two sources. */
    private static void checkSame(StudyPlan plan, int split, Network given, Network saved, StudyDirectory directory,
            String folder) {
        int layers = plan.spec().layerCount();
        if (!given.weights().digest(layers).equals(saved.weights().digest(layers))) {
            throw new IllegalStateException(directory.location() + "/" + folder + " holds another network than the "
                    + "given baseA of split " + split + " (their weights differ): the study was started with another "
                    + "baseA; give that one, or use a new output directory");
        }
    }

    private Network build(Kind kind, TrainingListener listener) {
        long studySeed = plan.config().seed();
        long seed = Seeds.base(studySeed, data.split(), kind.folder);
        TrainingConfig config = plan.config().withSeed(seed);
        return switch (kind) {
            case BASE_A -> backend.fit(backend.initialise(plan.spec(), data.a(), seed), data.a(), config, listener);
            case BASE_B -> backend.fit(backend.initialise(plan.spec(), data.b(), seed), data.b(), config, listener);
            case RANDOM -> backend.initialise(plan.spec(), data.a().named("R"), seed);
        };
    }
}
