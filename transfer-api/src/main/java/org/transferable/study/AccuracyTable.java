package org.transferable.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntFunction;

/** Measured accuracies by cell, and estimates over splits of per-split quantities (paired within a split). */
final class AccuracyTable {
    private final Map<Cell, Double> accuracy = new HashMap<>();
    private final SortedSet<Integer> splits = new TreeSet<>();
    private final SortedSet<Integer> nValues = new TreeSet<>();

    AccuracyTable(List<CellResult> cells) {
        for (CellResult r : cells) {
            accuracy.put(r.cell(), r.accuracy());
            splits.add(r.cell().split());
            if (r.cell().treatment().copiesLayers()) {
                nValues.add(r.cell().n());
            }
        }
    }

    /** @return the accuracy of a cell, empty when it was not measured */
    OptionalDouble accuracy(int split, Treatment treatment, int n) {
        Double value = accuracy.get(new Cell(split, treatment, treatment.copiesLayers() ? n : 0));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** @return whether any cell of the treatment was measured */
    boolean measured(Treatment treatment) {
        return accuracy.keySet().stream().anyMatch(c -> c.treatment() == treatment);
    }

    /** @return the n values measured by any copying treatment, ascending */
    List<Integer> nValues() {
        return List.copyOf(nValues);
    }

    /**
     * Estimates a per-split quantity over the splits where it is defined.
     *
     * @param perSplit the quantity for a split index, empty where a needed cell is missing
     * @return the estimate, empty when no split defines the quantity
     */
    Optional<Estimate> estimate(IntFunction<OptionalDouble> perSplit) {
        List<Double> values = new ArrayList<>();
        for (int split : splits) {
            perSplit.apply(split).ifPresent(values::add);
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(Estimate.of(values));
    }

    /** @return {@code a - b}, empty unless both are present */
    static OptionalDouble minus(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() && b.isPresent() ? OptionalDouble.of(a.getAsDouble() - b.getAsDouble())
                : OptionalDouble.empty();
    }
}
