package org.transferable.study;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<Kind, Network> networks = new ConcurrentHashMap<>();
    private final Map<Kind, TrainingDivergedException> failures = new ConcurrentHashMap<>();
    /** One lock per kind: a worker that needs a base another worker is building waits for it. */
    private final Map<Kind, Object> locks = new EnumMap<>(Kind.class);

    BaseNetworks(StudyPlan plan, SplitData data, Backend backend, StudyDirectory directory) {
        this.plan = plan;
        this.data = data;
        this.backend = backend;
        this.directory = directory;
        for (Kind kind : Kind.values()) {
            locks.put(kind, new Object());
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
        if (!directory.hasBase(folder)) {
            try {
                directory.saveBase(build(kind, listener), folder);
            } catch (TrainingDivergedException e) {
                failures.put(kind, e);
                throw e;
            }
        }
        Network network = directory.loadBase(folder, backend);
        networks.put(kind, network);
        return network;
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
