package org.transferable.examples;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.transferable.data.ClassSplit;
import org.transferable.data.Task;
import org.transferable.network.Backend;
import org.transferable.study.CellResult;
import org.transferable.study.FindingVerdict;
import org.transferable.study.ProfileAgreement;
import org.transferable.study.StudyResult;

/**
 * The replication's {@code summary.md}: what ran, where and for how long; the verdict on every finding with our effect
 * beside the paper's; the tables; and the evidence line behind each verdict.
 */
final class Summary {
    private Summary() {
    }

    static String markdown(StudyResult random, List<StudyResult> dissimilar, List<FindingVerdict> verdicts, Task data,
            Backend backend, double wallSeconds) {
        return markdown(random, dissimilar, verdicts, List.of(), data, backend, wallSeconds);
    }

    /**
     * The summary, with a section on the training-free profiles when there are any.
     *
     * @param agreements the training-free profiles checked against the random-split study; empty for none
     * @return the summary as Markdown
     */
    static String markdown(StudyResult random, List<StudyResult> dissimilar, List<FindingVerdict> verdicts,
            List<ProfileAgreement> agreements, Task data, Backend backend, double wallSeconds) {
        StringBuilder out = new StringBuilder();
        out.append("# Replication of Yosinski et al. (2014) on ").append(data.name()).append("\n\n");
        out.append("- Study: ").append(random.plan().name()).append(", ").append(random.plan().splits().size())
                .append(" random split(s), ").append(random.plan().spec().name()).append(", ")
                .append(random.plan().config()).append('\n');
        out.append("- Backend: ").append(backend.name()).append(" (").append(backend.engineVersion()).append(")\n");
        out.append("- Machine: ").append(MachineInfo.describe()).append('\n');
        out.append("- Commit: ").append(RunOrigin.commit(Path.of("")).orElse("unknown (not run from a git checkout)"))
                .append('\n');
        out.append("- Cells: ").append(cellCounts(random, dissimilar));
        boolean complete = random.complete() && dissimilar.stream().allMatch(StudyResult::complete);
        out.append(complete ? "" : " (a partial result: the study is still running or was stopped)").append('\n');
        double cellSeconds = random.cells().stream().mapToDouble(CellResult::wallSeconds).sum()
                + dissimilar.stream().flatMap(d -> d.cells().stream()).mapToDouble(CellResult::wallSeconds).sum();
        out.append("- Date: ").append(LocalDate.now()).append("; ").append(wallSeconds > 0
                ? String.format(Locale.ROOT, "wall time of the run that wrote this: %.0f s (cells read back from an "
                        + "earlier run cost nothing)", wallSeconds)
                : "written by --report-only from the cells on disk, nothing trained")
                .append(String.format(Locale.ROOT, "; the cells' own training time: %.0f s, added over workers that "
                        + "ran at once", cellSeconds)).append("\n\n");
        out.append("| finding | claim | ours, 95% interval | paper (ImageNet) | verdict |\n");
        out.append("|---|---|---|---|---|\n");
        for (FindingVerdict v : verdicts) {
            out.append("| ").append(v.finding().number()).append(v.finding().name().startsWith("DISSIMILAR") ? "b"
                    : v.finding().name().startsWith("RANDOM") ? "a" : "").append(" | ").append(v.finding().claim())
                    .append(" | ").append(v.headline()).append(" | ").append(v.finding().paperEffect()).append(" | ")
                    .append(v.verdict()).append(" |\n");
        }
        out.append("\n## Random splits\n\n```\n").append(random.toTable()).append("```\n");
        for (StudyResult d : dissimilar) {
            out.append("\n## Dissimilar split, ").append(direction(d.plan().splits().get(0), data)).append("\n\n```\n")
                    .append(d.toTable()).append("```\n");
        }
        if (!agreements.isEmpty()) {
            out.append("\n## Training-free profiles against the measured curve\n\n");
            out.append(String.format(Locale.ROOT, "Per split, Spearman's rank correlation across n = %s of each "
                    + "profile (on %s) with the measured AnB / baseB; mean over splits with a 95%% t interval.%n%n",
                    agreements.get(0).nValues(), "B's test images"));
            out.append("| profile | Spearman with AnB / baseB | seconds per split |\n|---|---|---|\n");
            for (ProfileAgreement a : agreements) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %.1f |%n", a.measure(), a.correlation(),
                        a.secondsPerSplit()));
            }
        }
        out.append("\n## Evidence\n\n");
        for (FindingVerdict v : verdicts) {
            out.append("- ").append(v).append('\n');
        }
        return out.toString();
    }

    /** @return e.g. {@code A = T-shirt/top, Pullover -> B = Trouser, Bag} */
    static String direction(ClassSplit split, Task data) {
        return "A = " + names(split.groupA(), data) + " -> B = " + names(split.groupB(), data);
    }

    private static String names(List<Integer> classes, Task data) {
        return classes.stream().map(c -> data.classNames().get(c)).collect(Collectors.joining(", "));
    }

    /**
     * @return each study's finished cells out of its plan's, e.g. {@code quick 136 of 136; quick-dissimilar-AB 15 of
     *     30}
     */
    static String cellCounts(StudyResult random, List<StudyResult> dissimilar) {
        return Stream.concat(Stream.of(random), dissimilar.stream())
                .map(r -> r.plan().name() + " " + r.cells().size() + " of " + r.plan().cells().size())
                .collect(Collectors.joining("; "));
    }
}
