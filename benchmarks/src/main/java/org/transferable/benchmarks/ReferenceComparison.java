package org.transferable.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transferable.data.Task;
import org.transferable.examples.ExampleArgs;
import org.transferable.examples.PaperNetworks;
import org.transferable.json.Json;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.network.Network;
import org.transferable.train.TrainingConfig;
import org.transferable.train.TrainingListener;
import org.transferable.transfer.Transfer;

/**
 * Our side of the comparison with {@code shared/peers/pytorch_reference.py}: the same reference network, data,
 * solver and measurements (images per second), written as JSON with the peer's keys so a script can print the
 * ratio per row. Rows: {@code full_ep*} (all layers trained), {@code frozen_ep*} (both convolutions copied from
 * the trained network and frozen, plain path: the prefix recomputed every step), {@code cached_ep*} (the same
 * transfer with the prefix computed once, our default; epoch 1 includes computing the cache), {@code inf1000}
 * (evaluation of 5,000 test images).
 *
 * <p>Options: {@code --reps R} (default 1), {@code --backend NAME}, {@code --json FILE}.
 */
public final class ReferenceComparison {

    private ReferenceComparison() {
    }

    /**
     * Runs the measurements and prints the medians.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) throws Exception {
        ExampleArgs options = ExampleArgs.parse(args, java.util.Set.of("reps", "backend", "json"), java.util.Set.of());
        int reps = options.integer("reps", 1, 1, 100);
        Backend backend = options.has("backend") ? Backends.load(options.text("backend", "")) : Backends.preferred();
        Task a = ReferenceData.tasks().a();
        Task b = ReferenceData.tasks().b();
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withBatchSize(64).withWeightDecay(0.0);
        System.out.printf("backend %s (%s); A train %d test %d, B train %d; %s%n", backend.name(),
                backend.engineVersion(), a.train().size(), a.test().size(), b.train().size(), config);
        Map<String, List<Double>> raw = new LinkedHashMap<>();
        for (int r = 0; r < reps; r++) {
            TrainingConfig rep = config.withSeed(r);
            List<Double> full = new ArrayList<>();
            Network net = backend.fit(backend.initialise(PaperNetworks.reference(), a, r), a, rep, epochRates(a, full));
            add(raw, "full_ep1", full.get(0));
            add(raw, "full_ep2", full.get(1));
            long start = System.nanoTime();
            double accA = net.evaluate(a.test()).accuracy();
            add(raw, "inf1000", a.test().size() / ((System.nanoTime() - start) / 1e9));
            add(raw, "accA_2ep", accA);

            // one prepared transfer, trained on both paths: their accuracies must agree (the cache is bit-identical)
            Network prepared = Transfer.from(net).copy(2).freeze().prepare(b, rep.seed());
            List<Double> frozen = new ArrayList<>();
            Backend uncached = withoutPrefixCache(backend.name());
            Network plain = uncached.fit(prepared, b, rep, epochRates(b, frozen));
            add(raw, "frozen_ep1", frozen.get(0));
            add(raw, "frozen_ep2", frozen.get(1));
            add(raw, "accB_frozen_2ep", plain.evaluate(b.test()).accuracy());

            List<Double> cached = new ArrayList<>();
            Network head = backend.fit(prepared, b, rep, epochRates(b, cached));
            add(raw, "cached_ep1", cached.get(0));
            add(raw, "cached_ep2", cached.get(1));
            add(raw, "accB_cached_2ep", head.evaluate(b.test()).accuracy());
            System.out.println("rep " + r + ": " + last(raw));
        }
        Map<String, Double> median = new LinkedHashMap<>();
        raw.forEach((k, v) -> median.put(k, median(v)));
        System.out.println("MEDIANS: " + median);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend", backend.name());
        out.put("engine", backend.engineVersion());
        out.put("raw", raw);
        out.put("median", median);
        if (options.has("json")) {
            Json.writeAtomically(Path.of(options.text("json", "")), out);
        }
    }

    /** A fresh instance of the backend created while the prefix-cache budget is 0 (the plain path). */
    private static Backend withoutPrefixCache(String name) {
        String previous = System.getProperty(Backend.PREFIX_CACHE_PROPERTY);
        System.setProperty(Backend.PREFIX_CACHE_PROPERTY, "0");
        try {
            return Backends.load(name);
        } finally {
            if (previous == null) {
                System.clearProperty(Backend.PREFIX_CACHE_PROPERTY);
            } else {
                System.setProperty(Backend.PREFIX_CACHE_PROPERTY, previous);
            }
        }
    }

    /** Images per second of each epoch, measured between epoch ends (the first from the first step). */
    private static TrainingListener epochRates(Task task, List<Double> rates) {
        return new TrainingListener() {
            private long mark = System.nanoTime();
            private boolean started;

            @Override
            public void onProgress(long images, long totalImages) {
                if (!started) {
                    started = true;
                }
            }

            @Override
            public void onEpoch(int epoch, double meanLoss) {
                long now = System.nanoTime();
                rates.add(task.train().size() / ((now - mark) / 1e9));
                mark = now;
            }
        };
    }

    private static void add(Map<String, List<Double>> raw, String key, double value) {
        raw.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private static String last(Map<String, List<Double>> raw) {
        StringBuilder s = new StringBuilder();
        raw.forEach((k, v) -> s.append(k).append('=').append(String.format("%.4g", v.get(v.size() - 1))).append(' '));
        return s.toString().trim();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
