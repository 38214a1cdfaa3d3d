package org.transferable.study;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.transferable.Checks;

/**
 * How general layer n is: the paper's decomposition at one n, each {@link GeneralityMeasure} computed per split
 * and estimated over splits. A measure whose treatments were not measured is absent, never a placeholder number.
 *
 * @param n copied layers, at least 1
 * @param measures the estimates that could be computed, in {@link GeneralityMeasure} order
 */
public record LayerGenerality(int n, Map<GeneralityMeasure, Estimate> measures) {
    /** Validates n and copies the map. */
    public LayerGenerality {
        Checks.inRange("n", n, 1, 10_000);
        Map<GeneralityMeasure, Estimate> copy = new EnumMap<>(GeneralityMeasure.class);
        Objects.requireNonNull(measures, "measures must not be null").forEach((k, v) ->
                copy.put(Objects.requireNonNull(k, "measure"), Objects.requireNonNull(v, "estimate of " + k)));
        measures = Collections.unmodifiableMap(copy);
    }

    /**
     * The decomposition at every n measured by some copying treatment.
     *
     * @param cells measured cells of a study
     * @return one entry per n, ascending
     */
    public static List<LayerGenerality> of(List<CellResult> cells) {
        AccuracyTable table = new AccuracyTable(cells);
        List<LayerGenerality> out = new ArrayList<>();
        for (int n : table.nValues()) {
            Map<GeneralityMeasure, Estimate> measures = new EnumMap<>(GeneralityMeasure.class);
            for (GeneralityMeasure m : GeneralityMeasure.values()) {
                table.estimate(split -> m.value(table, split, n)).ifPresent(e -> measures.put(m, e));
            }
            out.add(new LayerGenerality(n, measures));
        }
        return List.copyOf(out);
    }

    /** @return the estimate of one measure, empty when its treatments were not measured */
    public Optional<Estimate> measure(GeneralityMeasure measure) {
        return Optional.ofNullable(measures.get(measure));
    }
}
