package org.transferable.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.transferable.Checks;

/**
 * What a study measured, and its analysis. The measured part is the plan, the backend and the cells; the
 * analysis ({@link #estimates()}, {@link #generality()}, {@link #findings()}) is computed from the cells, written
 * to JSON for readers of the file, and recomputed (not read back) when the JSON is read, so it can never
 * disagree with the cells.
 *
 * @param plan the plan the cells belong to
 * @param backend name of the backend that trained every cell
 * @param cells measured cells in execution order; a partial study has fewer than {@code plan.cells()}
 * @param failures cells whose last attempt failed, in execution order; never part of an estimate
 * @param wallSeconds seconds spent on the cells, summed over the runs that produced them (so a resumed study
 *     reports about what an uninterrupted one would)
 */
@JsonIgnoreProperties(value = {"estimates", "generality", "findings", "flagged"}, allowGetters = true)
public record StudyResult(StudyPlan plan, String backend, List<CellResult> cells, List<CellFailure> failures,
        double wallSeconds) {

    /**
     * Validates that every cell belongs to the plan, appears once and was trained by the backend, and sorts the
     * cells.
     *
     * @throws IllegalArgumentException e.g. "cell split3-baseA is not part of plan quick"
     */
    public StudyResult {
        Objects.requireNonNull(plan, "plan must not be null");
        Checks.name("backend", backend);
        List<CellResult> sorted = new ArrayList<>(Objects.requireNonNull(cells, "cells must not be null"));
        sorted.sort((a, b) -> a.cell().compareTo(b.cell()));
        Set<Cell> seen = new HashSet<>();
        for (CellResult r : sorted) {
            if (!plan.contains(r.cell())) {
                throw new IllegalArgumentException("cell " + r.id() + " is not part of plan " + plan.name());
            }
            if (!seen.add(r.cell())) {
                throw new IllegalArgumentException("cell " + r.id() + " appears twice");
            }
            if (!r.backend().equals(backend)) {
                throw new IllegalArgumentException("cell " + r.id() + " was trained by backend " + r.backend()
                        + ", not " + backend);
            }
        }
        cells = List.copyOf(sorted);
        List<CellFailure> failed = new ArrayList<>(failures == null ? List.of() : failures);
        failed.sort((a, b) -> a.cell().compareTo(b.cell()));
        for (CellFailure f : failed) {
            if (!plan.contains(f.cell())) {
                throw new IllegalArgumentException("failed cell " + f.id() + " is not part of plan " + plan.name());
            }
            if (!seen.add(f.cell())) {
                throw new IllegalArgumentException("cell " + f.id() + " is both measured and failed, or failed twice");
            }
        }
        failures = List.copyOf(failed);
        if (!(wallSeconds >= 0.0 && Double.isFinite(wallSeconds))) {
            throw new IllegalArgumentException("wall seconds must be finite and >= 0, got " + wallSeconds);
        }
    }

    /**
     * A result without failed cells.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public StudyResult(StudyPlan plan, String backend, List<CellResult> cells, double wallSeconds) {
        this(plan, backend, cells, List.of(), wallSeconds);
    }

    /**
     * The cells that did not learn: test accuracy below chance (1 / the cell's classes) plus the plan's
     * {@link StudyPlan#collapseMargin()}. They stay in {@link #cells()} and the CSV (with their reason), and are
     * left out of {@link #estimates()}, {@link #generality()} and {@link #findings()}.
     *
     * @return one entry per flagged cell, in execution order
     */
    @JsonProperty("flagged")
    public List<FlaggedCell> flagged() {
        List<FlaggedCell> out = new ArrayList<>();
        for (CellResult r : cells) {
            flag(r).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** @return the cell's flag, empty when it learned */
    public Optional<FlaggedCell> flag(CellResult r) {
        double chance = 1.0 / r.provenance().classNames().size();
        if (r.accuracy() < chance + plan.collapseMargin()) {
            return Optional.of(new FlaggedCell(r.cell(), r.accuracy(), String.format(Locale.ROOT,
                    "accuracy %.3f is within %.2f of chance (%.3f for %d classes): the network did not learn",
                    r.accuracy(), plan.collapseMargin(), chance, r.provenance().classNames().size())));
        }
        return Optional.empty();
    }

    /** @return the cells the analysis uses: every measured cell that is not {@link #flagged()} */
    public List<CellResult> analysed() {
        return cells.stream().filter(r -> flag(r).isEmpty()).toList();
    }

    /** @return whether every cell of the plan was measured */
    public boolean complete() {
        return cells.size() == plan.cells().size();
    }

    /** @return the result of one cell, empty when it was not measured */
    public Optional<CellResult> cell(Cell cell) {
        return cells.stream().filter(r -> r.cell().equals(cell)).findFirst();
    }

    /**
     * Accuracy per treatment and n over the splits that measured it, in treatment order, then n.
     *
     * @return the estimates
     */
    @JsonProperty("estimates")
    public List<TreatmentEstimate> estimates() {
        AccuracyTable table = new AccuracyTable(analysed());
        List<TreatmentEstimate> out = new ArrayList<>();
        for (Treatment t : plan.treatments()) {
            for (int n : t.copiesLayers() ? plan.nValues() : List.of(0)) {
                table.estimate(k -> table.accuracy(k, t, n)).ifPresent(e -> out.add(new TreatmentEstimate(t, n, e)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The accuracy of one treatment at one n.
     *
     * @param n copied layers, 0 for a base
     * @return its estimate, empty when no cell of it was measured
     */
    public Optional<Estimate> estimate(Treatment treatment, int n) {
        return estimates().stream().filter(e -> e.treatment() == treatment && e.n() == n).findFirst()
                .map(TreatmentEstimate::accuracy);
    }

    /** @return the paper's decomposition at every measured n ({@link LayerGenerality#of}) */
    @JsonProperty("generality")
    public List<LayerGenerality> generality() {
        return LayerGenerality.of(analysed());
    }

    /** @return verdicts on findings 1 to 5a with {@link Findings#DEFAULT_MARGIN} */
    @JsonProperty("findings")
    public List<FindingVerdict> findings() {
        return Findings.assess(analysed(), plan.spec().layerCount(), Findings.DEFAULT_MARGIN);
    }

    /**
     * One CSV row per measured cell, then one per failed cell, with a header:
     * {@code split,treatment,n,accuracy,loss,status}; n is 0 for bases, numbers are written exactly
     * ({@link Double#toString}); status is {@code ok}, {@code flagged: <reason>} or {@code failed: <reason>} (a
     * failed cell has no accuracy or loss), quoted for CSV.
     *
     * @return the CSV text, lines ending in {@code \n}
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("split,treatment,n,accuracy,loss,status\n");
        for (CellResult r : cells) {
            String status = flag(r).map(f -> "flagged: " + f.reason()).orElse("ok");
            csv.append(r.cell().split()).append(',').append(r.cell().treatment().label()).append(',')
                    .append(r.cell().n()).append(',').append(r.accuracy()).append(',').append(r.loss()).append(',')
                    .append(quoted(status)).append('\n');
        }
        for (CellFailure f : failures) {
            csv.append(f.cell().split()).append(',').append(f.cell().treatment().label()).append(',')
                    .append(f.cell().n()).append(",,,").append(quoted("failed: " + f.reason())).append('\n');
        }
        return csv.toString();
    }

    private static String quoted(String text) {
        return text.indexOf(',') < 0 && text.indexOf('"') < 0 ? text : '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * A plain-text table for the console: a line with baseA and baseB, then one row per n with a column per
     * copying treatment, each {@code mean ± 95% half-width} ({@code mean} alone from a single split, {@code -}
     * when not measured).
     *
     * @return the table, lines ending in {@code \n}
     */
    public String toTable() {
        return StudyTable.format(this);
    }
}
