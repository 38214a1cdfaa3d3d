package org.transferable.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A policy study's results and their statistics: per fraction of B, n and policy, the mean accuracy over splits
 * with its 95% interval, and the paired differences (same split, same n) from the paper's AnB+ on the same fraction
 * and from training from scratch on it. A cell whose accuracy is below chance plus
 * {@link StudyPlan#DEFAULT_COLLAPSE_MARGIN} did not learn: it is flagged ({@link #flagged()}) and left out of every
 * estimate, as in a study.
 *
 * @param plan the plan
 * @param backend the backend's name
 * @param cells every finished cell
 */
public record PolicyStudyResult(PolicyStudyPlan plan, String backend, List<PolicyCellResult> cells) {
    /** Copies. */
    public PolicyStudyResult {
        Objects.requireNonNull(plan, "plan");
        cells = List.copyOf(cells);
    }

    /**
     * One row of the table.
     *
     * @param fraction the fraction of B
     * @param policy the policy's label (or scratch)
     * @param n copied layers (0 from scratch)
     * @param accuracy over the splits
     * @param versusBaseline paired difference from the baseline (AnB+) at the same fraction and n, in accuracy;
     *     empty for the baseline itself, for scratch, and where no split has both
     * @param versusScratch paired difference from training from scratch on the same fraction; empty for scratch
     */
    public record Row(double fraction, String policy, int n, Estimate accuracy, Optional<Estimate> versusBaseline,
            Optional<Estimate> versusScratch) {
    }

    /** @return the cells that did not learn: accuracy below chance (1 / classes) plus the collapse margin */
    public List<PolicyCellResult> flagged() {
        return cells.stream().filter(PolicyStudyResult::collapsed).toList();
    }

    private static boolean collapsed(PolicyCellResult cell) {
        int classes = cell.provenance() == null ? 2 : cell.provenance().classNames().size();
        return cell.accuracy() < 1.0 / classes + StudyPlan.DEFAULT_COLLAPSE_MARGIN;
    }

    /** @return every row: per fraction (the reference fraction 1 last), scratch, then per n every policy */
    public List<Row> rows() {
        Map<PolicyCell, Double> accuracy = cells.stream().filter(c -> !collapsed(c))
                .collect(Collectors.toMap(PolicyCellResult::cell, PolicyCellResult::accuracy));
        List<Double> fractions = new ArrayList<>(plan.fractions());
        fractions.add(1.0);
        List<Row> rows = new ArrayList<>();
        String baseline = plan.baseline();
        for (double fraction : fractions) {
            boolean reference = fraction == 1.0;
            if (!reference) {
                row(accuracy, fraction, PolicyStudyPlan.SCRATCH, 0, baseline).ifPresent(rows::add);
            }
            for (int n : plan.nValues()) {
                for (String label : reference ? List.of(baseline) : plan.policies().keySet()) {
                    row(accuracy, fraction, label, n, baseline).ifPresent(rows::add);
                }
            }
        }
        return List.copyOf(rows);
    }

    private Optional<Row> row(Map<PolicyCell, Double> accuracy, double fraction, String label, int n,
            String baseline) {
        List<Double> values = new ArrayList<>();
        List<Double> baselineDiff = new ArrayList<>();
        List<Double> scratchDiff = new ArrayList<>();
        for (int split = 0; split < plan.splits().size(); split++) {
            Double value = accuracy.get(new PolicyCell(split, fraction, label, n));
            if (value == null) {
                continue;
            }
            values.add(value);
            Double base = n > 0 ? accuracy.get(new PolicyCell(split, fraction, baseline, n)) : null;
            if (base != null && !label.equals(baseline)) {
                baselineDiff.add(value - base);
            }
            Double scratch = fraction < 1.0 ? accuracy.get(new PolicyCell(split, fraction, PolicyStudyPlan.SCRATCH, 0))
                    : null;
            if (scratch != null && n > 0) {
                scratchDiff.add(value - scratch);
            }
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Row(fraction, label, n, Estimate.of(values),
                baselineDiff.isEmpty() ? Optional.empty() : Optional.of(Estimate.of(baselineDiff)),
                scratchDiff.isEmpty() ? Optional.empty() : Optional.of(Estimate.of(scratchDiff))));
    }

    /**
     * The best policy per fraction and n: the highest mean accuracy, with its paired difference from AnB+.
     *
     * @return one row per fraction of B and n, in plan order
     */
    public List<Row> winners() {
        return winners(rows());
    }

    private List<Row> winners(List<Row> rows) {
        List<Row> winners = new ArrayList<>();
        for (double fraction : plan.fractions()) {
            for (int n : plan.nValues()) {
                rows.stream().filter(r -> r.fraction() == fraction && r.n() == n)
                        .max((x, y) -> Double.compare(x.accuracy().mean(), y.accuracy().mean()))
                        .ifPresent(winners::add);
            }
        }
        return List.copyOf(winners);
    }

    /** @return one line per row: fraction, policy, n, splits, mean and interval of accuracy and of both differences */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("fraction,policy,n,splits,accuracy,lower,upper,vs_baseline,"
                + "vs_baseline_lower,vs_baseline_upper,vs_scratch,vs_scratch_lower,vs_scratch_upper\n");
        for (Row row : rows()) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s,%s\n", PolicyStudyPlan.percent(row.fraction()),
                    quote(row.policy()), row.n(), row.accuracy().count(), estimate(Optional.of(row.accuracy())),
                    estimate(row.versusBaseline()), estimate(row.versusScratch())));
        }
        return csv.toString();
    }

    /**
     * A Markdown report: per fraction a table of policies against n (accuracy in percent with its 95% interval,
     * and below it the paired difference from AnB+ in points), then who wins where.
     *
     * @return the report
     */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        String baseline = plan.baseline();
        List<Row> rows = rows();
        for (double fraction : plan.fractions()) {
            md.append(String.format(Locale.ROOT, "### %s%% of B (%d epochs per cell)%n%n", PolicyStudyPlan.percent(
                    fraction), plan.epochs(fraction)));
            md.append("| policy | form |").append(plan.nValues().stream().map(n -> " n = " + n + " |")
                    .collect(Collectors.joining())).append('\n');
            md.append("|---|---|").append("---|".repeat(plan.nValues().size())).append('\n');
            for (Map.Entry<String, org.transferable.policy.FineTuning> policy : plan.policies().entrySet()) {
                md.append("| ").append(policy.getKey()).append(" | `").append(policy.getValue()).append("` |");
                for (int n : plan.nValues()) {
                    Optional<Row> row = find(rows, fraction, policy.getKey(), n);
                    md.append(' ').append(row.map(r -> cell(r, r.policy().equals(baseline))).orElse("-")).append(" |");
                }
                md.append('\n');
            }
            find(rows, fraction, PolicyStudyPlan.SCRATCH, 0).ifPresent(r -> md.append("| from scratch | |")
                    .append((" " + points(r.accuracy()) + " |").repeat(plan.nValues().size())).append('\n'));
            md.append('\n');
        }
        md.append("### Reference: ").append(baseline).append(" on all of B\n\n| n |")
                .append(plan.nValues().stream().map(n -> " " + n + " |").collect(Collectors.joining())).append('\n')
                .append("|---|").append("---|".repeat(plan.nValues().size())).append("\n| accuracy |");
        for (int n : plan.nValues()) {
            md.append(' ').append(find(rows, 1.0, baseline, n).map(r -> points(r.accuracy())).orElse("-")).append(" |");
        }
        List<PolicyCellResult> flagged = flagged();
        if (!flagged.isEmpty()) {
            md.append("\n\nFlagged, left out of every estimate (accuracy below chance + ").append(format(
                    StudyPlan.DEFAULT_COLLAPSE_MARGIN * 100)).append(" points: the network did not learn): ")
                    .append(flagged.stream().map(c -> c.id() + " (" + format(c.accuracy() * 100) + ")")
                            .collect(Collectors.joining(", "))).append('.');
        }
        md.append("\n\n### Who wins where\n\n");
        for (Row w : winners(rows)) {
            md.append(String.format(Locale.ROOT, "- %s%% of B, n = %d: **%s** %s%s%n", PolicyStudyPlan.percent(
                    w.fraction()), w.n(), w.policy(), points(w.accuracy()), w.versusBaseline()
                    .map(d -> "; vs " + baseline + " " + signed(d) + (d.lower() > 0 ? " (better)" : " (not "
                            + "distinguishable)")).orElse(w.policy().equals(baseline) ? " (the baseline)" : "")));
        }
        return md.toString();
    }

    private static Optional<Row> find(List<Row> rows, double fraction, String policy, int n) {
        return rows.stream().filter(r -> r.fraction() == fraction && r.policy().equals(policy) && r.n() == n)
                .findFirst();
    }

    private static String cell(Row row, boolean baseline) {
        String accuracy = points(row.accuracy());
        return baseline ? "**" + accuracy + "**" : row.versusBaseline().map(d -> accuracy + "<br>" + signed(d))
                .orElse(accuracy);
    }

    /** @return e.g. {@code 81.2 [80.1, 82.3]} in percent */
    static String points(Estimate e) {
        return e.count() == 1 ? format(e.mean() * 100) : format(e.mean() * 100) + " [" + format(e.lower() * 100) + ", "
                + format(e.upper() * 100) + "]";
    }

    private static String signed(Estimate e) {
        Function<Double, String> sign = v -> (v >= 0 ? "+" : "") + format(v * 100);
        return e.count() == 1 ? sign.apply(e.mean()) : sign.apply(e.mean()) + " [" + sign.apply(e.lower()) + ", "
                + sign.apply(e.upper()) + "]";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String estimate(Optional<Estimate> e) {
        return e.map(v -> String.format(Locale.ROOT, "%.6f,%s,%s", v.mean(), bound(v.lower()), bound(v.upper())))
                .orElse(",,");
    }

    private static String bound(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
    }

    private static String quote(String text) {
        return text.contains(",") ? "\"" + text + "\"" : text;
    }
}
