package org.transferable.study;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.transferable.data.ClassSplit;
import org.transferable.network.Provenance;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.train.TrainingConfig;

/** Plans and hand-made cell results for the study tests (values, not fakes of the engine). */
final class StudyFixtures {
    static final String BACKEND = "hand-made";

    private StudyFixtures() {
    }

    /** A 5-layer network: n runs over 1..4, middle n are 2 and 3. */
    static NetworkSpec spec() {
        return NetworkSpec.builder("tiny", InputShape.image(1, 8, 8))
                .conv("conv1", 4, 3)
                .conv("conv2", 4, 3, Pooling.max(2, 2))
                .dense("fc3", 8)
                .dense("fc4", 8)
                .output("fc5");
    }

    static TrainingConfig config() {
        return new TrainingConfig(1, 16, 0.01, 0.9, 5e-4, 7L);
    }

    /** Three explicit splits of 4 classes. */
    static List<ClassSplit> splits() {
        return List.of(ClassSplit.of(List.of(0, 1), List.of(2, 3)), ClassSplit.of(List.of(0, 2), List.of(1, 3)),
                ClassSplit.of(List.of(0, 3), List.of(1, 2)));
    }

    /** Every treatment at n 1..4 over three splits. */
    static StudyPlan plan() {
        return StudyPlan.of("quick", "four-classes", splits(), spec(), config());
    }

    static Provenance provenance() {
        return new Provenance(spec(), "B", List.of("b0", "b1"), "scratch", 0, null, null, 1L, List.of(config()),
                List.of(), BACKEND, "hand-made 1.0", "transferable test", "17", "test os",
                Instant.parse("2025-01-01T00:00:00Z"));
    }

    static CellResult result(Cell cell, double accuracy) {
        return new CellResult(cell, accuracy, 0.25, 40, 20, 2.5, BACKEND, provenance());
    }

    /**
     * One cell per split with the given accuracies.
     *
     * @param n 0 for a base
     * @param perSplit accuracy of split 0, 1, ...
     */
    static List<CellResult> cells(Treatment treatment, int n, double... perSplit) {
        List<CellResult> out = new ArrayList<>();
        for (int k = 0; k < perSplit.length; k++) {
            out.add(result(new Cell(k, treatment, n), perSplit[k]));
        }
        return out;
    }

    /**
     * Cells whose accuracy is a reference plus a per-split difference.
     *
     * @return cells with accuracy {@code reference[k] + difference[k]}
     */
    static List<CellResult> offset(Treatment treatment, int n, double[] reference, double... difference) {
        double[] values = new double[reference.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = reference[k] + difference[k];
        }
        return cells(treatment, n, values);
    }

    @SafeVarargs
    static List<CellResult> all(List<CellResult>... parts) {
        List<CellResult> out = new ArrayList<>();
        for (List<CellResult> part : parts) {
            out.addAll(part);
        }
        return out;
    }
}
