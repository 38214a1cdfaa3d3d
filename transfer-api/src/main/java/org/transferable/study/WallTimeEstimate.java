package org.transferable.study;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The expected wall time of a run, from the cells it has measured: cells that train every layer (bases, fine-tuned
 * transfers) cost about the same, and frozen transfers at one n cost about the same; an unmeasured frozen n costs
 * the mean of the measured frozen cells, or {@value #UNMEASURED_FROZEN_SHARE} of a full cell while none is. The
 * remaining cells' cost divided by the workers is the time left. Thread-safe.
 */
final class WallTimeEstimate {
    /** A frozen cell's cost, as a share of a full one, before any frozen cell is measured. */
    static final double UNMEASURED_FROZEN_SHARE = 0.3;
    /** A new estimate is worth logging when its total differs from the last logged one by more than this share. */
    static final double LOG_CHANGE = 0.25;

    private final int workers;
    private final LongSupplier clock;
    private final long startNanos;
    private final Set<Cell> pending = new LinkedHashSet<>();
    private final Map<String, double[]> measured = new HashMap<>();
    private double logged = Double.NaN;

    /**
     * One estimate.
     *
     * @param elapsed seconds since the run started
     * @param remaining seconds expected until it ends
     * @param worthLogging the first estimate, or one whose total moved by more than {@value #LOG_CHANGE} of the last
     *     one logged
     */
    record Value(double elapsed, double remaining, boolean worthLogging) {
        /** @return elapsed plus remaining */
        double total() {
            return elapsed + remaining;
        }
    }

    WallTimeEstimate(int workers) {
        this(workers, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    WallTimeEstimate(int workers, LongSupplier clock) {
        this.workers = Math.max(1, workers);
        this.clock = clock;
        this.startNanos = clock.getAsLong();
    }

    /** The cells this run will measure. */
    synchronized void started(List<Cell> todo) {
        pending.addAll(todo);
    }

    /**
     * Records a finished (or failed) cell.
     *
     * @return the estimate now
     */
    synchronized Optional<Value> finished(Cell cell, double seconds) {
        pending.remove(cell);
        double[] sum = measured.computeIfAbsent(kind(cell), k -> new double[2]);
        sum[0] += seconds;
        sum[1]++;
        double remaining = 0.0;
        for (Cell c : pending) {
            remaining += cost(c);
        }
        remaining /= Math.min(workers, Math.max(1, pending.size()));
        double elapsed = (clock.getAsLong() - startNanos) / 1e9;
        Value value = new Value(elapsed, remaining, false);
        boolean worth = Double.isNaN(logged) || Math.abs(value.total() - logged) > LOG_CHANGE * logged;
        if (worth) {
            logged = value.total();
        }
        return Optional.of(new Value(elapsed, remaining, worth));
    }

    private double cost(Cell cell) {
        double[] same = measured.get(kind(cell));
        if (same != null) {
            return same[0] / same[1];
        }
        double full = mean(k -> k.equals("full"));
        if (kind(cell).equals("full")) {
            return Double.isNaN(full) ? mean(k -> true) : full;
        }
        double frozen = mean(k -> !k.equals("full"));
        return !Double.isNaN(frozen) ? frozen : UNMEASURED_FROZEN_SHARE * full;
    }

    private double mean(Predicate<String> kinds) {
        double seconds = 0.0;
        double count = 0.0;
        for (Map.Entry<String, double[]> e : measured.entrySet()) {
            if (kinds.test(e.getKey())) {
                seconds += e.getValue()[0];
                count += e.getValue()[1];
            }
        }
        return count == 0.0 ? Double.NaN : seconds / count;
    }

    private static String kind(Cell cell) {
        return !cell.treatment().copiesLayers() || cell.treatment().fineTuned() ? "full" : "frozen-" + cell.n();
    }

    /** @return e.g. {@code 45 s}, {@code 7 min 5 s}, {@code 2 h 14 min} */
    static String format(double seconds) {
        long s = Math.round(Math.max(0.0, seconds));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %d min", s / 3600, (s % 3600) / 60);
    }
}
