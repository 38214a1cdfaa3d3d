package org.transferable.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.transferable.data.Task;
import org.transferable.network.Backend;
import org.transferable.network.Backends;
import org.transferable.policy.FineTuning;
import org.transferable.study.PolicyStudy;
import org.transferable.study.PolicyStudyPlan;
import org.transferable.study.PolicyStudyResult;
import org.transferable.study.StudyPlan;

/**
 * Compares fine-tuning policies where transfer matters most: baseA of each split transferred onto 1% and 10% of
 * task B under each policy at n = 2, 4, 6, next to a network from scratch on the same images and the paper's AnB+
 * on all of B, with 95% intervals over the splits and paired differences from AnB+. Resumable: rerun the same
 * command after a kill.
 *
 * <p>Options: {@code --preset quick|smoke} (quick: the quick replication's first 4 splits, network, solver and
 * images, so its baseA are the replication's; smoke: seconds, numbers meaningless), {@code --out DIR} (default
 * {@code runs/policies}), {@code --backend NAME}, {@code --workers W} (default the processor count), {@code --data DIR}
 * (IDX files or an image folder, converted to 28x28 grey; {@code --skip-unreadable} to skip images that do not
 * decode).
 *
 * <p>The policies: the paper's two (AnB, AnB+), discriminative rates (fastai's slice, {@code geo(0.1)}), timm's
 * layer-wise decay 0.7, LP-FT with half the epochs probing, gradual unfreezing (a quarter of the epochs per step),
 * L2-SP (alpha 0.1 toward the source, beta 5e-4) and BitFit on the copied layers.
 */
public final class Policies {
    static final Set<String> OPTIONS = Set.of("preset", "out", "backend", "workers", "data");

    private Policies() {
    }

    /**
     * Runs (or resumes) the policy study and prints its table.
     *
     * @param args the options above; none needed
     */
    public static void main(String[] args) {
        try {
            run(ExampleArgs.parse(args, OPTIONS, Set.of("skip-unreadable")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the policies the study compares, by label */
    static Map<String, FineTuning> policies() {
        Map<String, FineTuning> policies = new LinkedHashMap<>();
        policies.put("AnB", FineTuning.frozen());
        policies.put("AnB+", FineTuning.fineTuned());
        policies.put("discriminative", FineTuning.discriminative(0.1));
        policies.put("layerDecay", FineTuning.layerDecay(0.7));
        policies.put("LPFT", FineTuning.parse("50%:new>all"));
        policies.put("gradual", FineTuning.parse("25%:new>25%:n..>25%:n-1..>all"));
        policies.put("L2SP", FineTuning.fineTuned().withL2Sp(0.1, 5e-4));
        policies.put("BitFit", FineTuning.bitFit());
        return policies;
    }

    /**
     * @param preset {@code quick} or {@code smoke}
     * @return the plan
     * @throws IllegalArgumentException for another preset
     */
    static PolicyStudyPlan plan(String preset, Task data) {
        StudyPlan base = switch (preset) {
            case "quick" -> Presets.quick(data).withSplits(StudyPlan.randomSplits(data.classCount(), 4, 0));
            case "smoke" -> Presets.smoke(data).withSplits(StudyPlan.randomSplits(data.classCount(), 2, 0));
            default -> throw new IllegalArgumentException("preset must be one of quick, smoke, got '" + preset + "'");
        };
        List<Integer> ns = preset.equals("smoke") ? List.of(2) : base.nValues();
        List<Double> fractions = preset.equals("smoke") ? List.of(0.25) : List.of(0.01, 0.1);
        return new PolicyStudyPlan("policies-" + preset, data.name(), base.splits(), base.spec(), base.config(),
                policies(), ns, fractions, base.trainImagesPerClass(), base.testImagesPerClass());
    }

    private static void run(ExampleArgs args) throws IOException {
        long start = System.nanoTime();
        Task data = args.has("data")
                ? FashionMnist.load(args.path("data", null), List.of(), args.has("skip-unreadable"))
                : FashionMnist.load();
        String preset = args.text("preset", "quick");
        PolicyStudyPlan plan = plan(preset, data);
        Backend backend = args.has("backend") ? Backends.load(args.text("backend", "")) : Backends.preferred();
        int workers = args.integer("workers", Runtime.getRuntime().availableProcessors(), 1, 256);
        Path out = args.path("out", Path.of("runs", "policies"));
        System.out.printf(Locale.ROOT, "policy study %s on %s, backend %s (%s), %d workers%n  %d splits, %d policies"
                + " x n = %s x B fractions %s (+ scratch, + %s on all of B): %d cells%n  output: %s%n", plan.name(),
                data.name(), backend.name(), backend.engineVersion(), workers, plan.splits().size(),
                plan.policies().size(), plan.nValues(), plan.fractions(), plan.baseline(), plan.cells().size(), out);
        PolicyStudyResult result = PolicyStudy.open(plan, out).withWorkers(workers)
                .withProgress((cell, finished, total) -> System.out.printf(Locale.ROOT, "[%d/%d] %s accuracy %.4f "
                        + "(%d epochs on %d images, %.1f s)%n", finished, total, cell.id(), cell.accuracy(),
                        cell.epochs(), cell.trainImages(), cell.wallSeconds()))
                .run(data, backend);
        System.out.println();
        System.out.println(result.toMarkdown());
        double trained = result.cells().stream().mapToDouble(c -> c.wallSeconds()).sum();
        System.out.printf(Locale.ROOT, "%d of %d cells; %.0f cell-seconds; wall %.0f s; results in %s%n",
                result.cells().size(), plan.cells().size(), trained, (System.nanoTime() - start) / 1e9,
                out.resolve("results.md"));
    }
}
