package org.transferable.study;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Formats a {@link StudyResult} as a plain-text table. An interval that reaches outside [0, 1] is marked {@code *}
 * and explained under the table: it is a t interval, symmetric about the mean, and knows nothing of accuracy's
 * bounds; so wide an interval says that the splits disagree too much to pin the accuracy down.
 */
final class StudyTable {
    private static final int WIDTH = 15;
    /** Marks an interval that reaches outside [0, 1]. */
    static final String OUTSIDE = "*";
    static final String OUTSIDE_NOTE = "* its 95% interval reaches outside [0, 1]: a t interval (mean ± t sd / "
            + "sqrt(splits)) is symmetric and ignores accuracy's bounds; so wide an interval means the splits disagree "
            + "too much to pin this accuracy down\n";

    private StudyTable() {
    }

    static String format(StudyResult result) {
        StudyPlan plan = result.plan();
        StringBuilder out = new StringBuilder();
        out.append("study ").append(plan.name()).append(" on ").append(plan.dataset()).append(" (backend ")
                .append(result.backend()).append(", ").append(plan.splits().size()).append(" splits, ")
                .append(result.cells().size()).append('/').append(plan.cells().size())
                .append(" cells): test accuracy, mean ± 95% CI half-width\n");
        StringBuilder bases = new StringBuilder();
        for (Treatment t : List.of(Treatment.BASE_A, Treatment.BASE_B)) {
            if (plan.treatments().contains(t)) {
                bases.append(bases.length() == 0 ? "" : "   ").append(t.label()).append(' ')
                        .append(cell(result.estimate(t, 0)).strip());
            }
        }
        if (bases.length() > 0) {
            out.append(bases).append('\n');
        }
        List<Treatment> columns = plan.treatments().stream().filter(Treatment::copiesLayers).toList();
        if (columns.isEmpty()) {
            out.append(failures(result));
            return anyOutside(result) ? out.append(OUTSIDE_NOTE).toString() : out.toString();
        }
        out.append(String.format(Locale.ROOT, "%3s", "n"));
        for (Treatment t : columns) {
            out.append("  ").append(String.format(Locale.ROOT, "%-" + WIDTH + "s", t.label()));
        }
        out.append('\n');
        for (int n : plan.nValues()) {
            out.append(String.format(Locale.ROOT, "%3d", n));
            for (Treatment t : columns) {
                out.append("  ").append(cell(result.estimate(t, n)));
            }
            out.append('\n');
        }
        out.append(failures(result));
        if (anyOutside(result)) {
            out.append(OUTSIDE_NOTE);
        }
        return out.toString().lines().map(String::stripTrailing).reduce("", (a, b) -> a + b + "\n");
    }

    /** @return a line per flagged and per failed cell, or nothing */
    private static String failures(StudyResult result) {
        StringBuilder out = new StringBuilder();
        if (!result.flagged().isEmpty()) {
            out.append(result.flagged().size()).append(" cell(s) flagged, measured but not in the table or the "
                    + "verdicts:\n");
            for (FlaggedCell f : result.flagged()) {
                out.append("  ").append(f.cell().id()).append(": ").append(f.reason()).append('\n');
            }
        }
        if (!result.failures().isEmpty()) {
            out.append(result.failures().size()).append(" cell(s) failed, not in the table (a rerun retries them):\n");
            for (CellFailure f : result.failures()) {
                out.append("  ").append(f.id()).append(": ").append(f.reason()).append('\n');
            }
        }
        return out.toString();
    }

    private static boolean anyOutside(StudyResult result) {
        return result.estimates().stream().map(TreatmentEstimate::accuracy).anyMatch(StudyTable::outside);
    }

    private static boolean outside(Estimate e) {
        return e.count() > 1 && (e.lower() < 0.0 || e.upper() > 1.0);
    }

    private static String cell(Optional<Estimate> estimate) {
        String text = estimate.map(e -> e.count() == 1
                        ? String.format(Locale.ROOT, "%.3f", e.mean())
                        : String.format(Locale.ROOT, "%.3f ± %.3f", e.mean(), e.halfWidth())
                                + (outside(e) ? OUTSIDE : ""))
                .orElse("-");
        return String.format(Locale.ROOT, "%-" + WIDTH + "s", text);
    }
}
