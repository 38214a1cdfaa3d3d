package org.transferable.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.Objects;
import org.transferable.Checks;

/**
 * One measurement of a study: a treatment on one class split, at layer n for treatments that copy layers.
 *
 * <p>{@code n} counts copied layers, so a base, which copies none, has {@code n = 0} (where the paper's Figure 2
 * draws baseB). Cells sort in execution order: by split, then n ascending (bases first), then treatment in
 * declaration order, so that every base is trained before the cells that copy from it.
 *
 * @param split index of the class split in the plan, from 0
 * @param treatment the treatment
 * @param n copied layers: 0 for a base, at least 1 otherwise
 */
@JsonIgnoreProperties(value = "id", allowGetters = true)
public record Cell(int split, Treatment treatment, int n) implements Comparable<Cell> {
    private static final Comparator<Cell> ORDER = Comparator.comparingInt(Cell::split)
            .thenComparingInt(Cell::n).thenComparing(Cell::treatment);

    /**
     * Validates the split index and that n agrees with the treatment.
     *
     * @throws IllegalArgumentException "split index must be in [0, 2147483647], got -1", "n of AnB must be in
     *     [1, 10000], got 0" or "n of baseA must be 0 (a base copies no layers), got 3"
     */
    public Cell {
        Checks.inRange("split index", split, 0, Integer.MAX_VALUE);
        Objects.requireNonNull(treatment, "treatment must not be null");
        if (treatment.copiesLayers()) {
            Checks.inRange("n of " + treatment, n, 1, 10_000);
        } else if (n != 0) {
            throw new IllegalArgumentException("n of " + treatment + " must be 0 (a base copies no layers), got " + n);
        }
    }

    /**
     * A base cell.
     *
     * @param treatment {@link Treatment#BASE_A} or {@link Treatment#BASE_B}
     * @return the cell with n = 0
     */
    public static Cell base(int split, Treatment treatment) {
        return new Cell(split, treatment, 0);
    }

    /**
     * A cell of a treatment that copies layers.
     *
     * @return the cell
     */
    public static Cell copying(int split, Treatment treatment, int n) {
        return new Cell(split, treatment, n);
    }

    /**
     * A stable id, also the cell's file name in a study directory.
     *
     * @return e.g. {@code split0-baseA} or {@code split1-AnB+-3}
     */
    @JsonProperty("id")
    public String id() {
        return "split" + split + "-" + treatment.label() + (treatment.copiesLayers() ? "-" + n : "");
    }

    @Override
    public int compareTo(Cell other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return id();
    }
}
