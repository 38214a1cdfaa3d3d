package org.transferable.study;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.transferable.Checks;
import org.transferable.data.ClassSplit;
import org.transferable.json.Json;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;

/**
 * A transferability study as a value: which data set, which class splits, which network and solver, which
 * treatments at which layers n, and how much data. Its JSON form describes a study in a file; a study directory
 * keeps it as {@code plan.json} and refuses to mix results of another plan.
 *
 * <p>Every network of split k trains on that split's tasks: A and B, each capped at
 * {@code trainImagesPerClass} training and {@code testImagesPerClass} test images per class (a class-stratified
 * random subset), and B's training set then reduced to {@code targetFraction} for every cell trained on B (the
 * paper's reduced-data control; 1 means all of it).
 *
 * @param name short name of the study, e.g. {@code quick}
 * @param dataset name of the data set's task, e.g. {@code fashion-mnist}; a run checks it against the data
 * @param splits class splits, one replicate each (random ones from seeds, or given groups such as a dissimilar
 *     split and its reverse)
 * @param spec the network; the same spec serves A, B and every transfer
 * @param config the solver for every network, fine-tuning included; its seed seeds the whole study
 * @param treatments what to measure, at least one
 * @param nValues the layers n at which copying treatments are measured, each in [1, L-1], sorted on creation
 * @param trainImagesPerClass training images per class cap, in [1, 2147483647]
 * @param testImagesPerClass test images per class cap, in [1, 2147483647]
 * @param targetFraction fraction of B's (capped) training images that B-trained cells use, in (0, 1]
 * @param collapseMargin a cell whose test accuracy is below chance (1 / classes) plus this margin did not learn: it
 *     is flagged and left out of every estimate and verdict ({@link StudyResult#flagged()}); in [0, 1), 0.05 when a
 *     JSON file written before it existed does not give it
 */
public record StudyPlan(String name, String dataset, List<ClassSplit> splits, NetworkSpec spec,
        TrainingConfig config, Set<Treatment> treatments, List<Integer> nValues, int trainImagesPerClass,
        int testImagesPerClass, double targetFraction, Double collapseMargin) {

    /** The margin above chance below which a cell is flagged, by default: 5 accuracy points. */
    public static final double DEFAULT_COLLAPSE_MARGIN = 0.05;

    /**
     * Validates every field; messages name the value and the allowed range.
     *
     * @throws IllegalArgumentException e.g. "n must be in [1, 4] for network reference with 5 layers [conv1,
     *     conv2, fc3, fc4, fc5], got 5"
     */
    public StudyPlan {
        Checks.name("study name", name);
        Checks.name("dataset name", dataset);
        splits = List.copyOf(Objects.requireNonNull(splits, "splits must not be null"));
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least 1 class split, got none");
        }
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(treatments, "treatments must not be null");
        if (treatments.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least 1 treatment, got none");
        }
        treatments = Collections.unmodifiableSet(EnumSet.copyOf(treatments));
        nValues = checkNValues(Objects.requireNonNull(nValues, "n values must not be null"), spec, treatments);
        Checks.inRange("training images per class", trainImagesPerClass, 1, Integer.MAX_VALUE);
        Checks.inRange("test images per class", testImagesPerClass, 1, Integer.MAX_VALUE);
        if (!(targetFraction > 0.0 && targetFraction <= 1.0)) {
            throw new IllegalArgumentException("target training fraction must be in (0, 1], got " + targetFraction);
        }
        collapseMargin = collapseMargin == null ? DEFAULT_COLLAPSE_MARGIN : collapseMargin;
        Checks.inHalfOpenRange("collapse margin", collapseMargin, 0.0, 1.0);
    }

    /**
     * A plan with the default collapse margin.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public StudyPlan(String name, String dataset, List<ClassSplit> splits, NetworkSpec spec, TrainingConfig config,
            Set<Treatment> treatments, List<Integer> nValues, int trainImagesPerClass, int testImagesPerClass,
            double targetFraction) {
        this(name, dataset, splits, spec, config, treatments, nValues, trainImagesPerClass, testImagesPerClass,
                targetFraction, DEFAULT_COLLAPSE_MARGIN);
    }

    /**
     * A plan with every treatment at every n in [1, L-1], all images, and B's whole training set.
     *
     * @return the plan
     */
    public static StudyPlan of(String name, String dataset, List<ClassSplit> splits, NetworkSpec spec,
            TrainingConfig config) {
        List<Integer> all = IntStream.range(1, spec.layerCount()).boxed().toList();
        return new StudyPlan(name, dataset, splits, spec, config, EnumSet.allOf(Treatment.class), all,
                Integer.MAX_VALUE, Integer.MAX_VALUE, 1.0);
    }

    /**
     * Random halvings of a data set's classes, split i from seed {@code firstSeed + i} (the paper used 4).
     *
     * @param classCount classes in the data set, in [2, 100000]
     * @param count number of splits, in [1, 1000]
     * @return the splits
     */
    public static List<ClassSplit> randomSplits(int classCount, int count, long firstSeed) {
        Checks.inRange("split count", count, 1, 1000);
        return IntStream.range(0, count).mapToObj(i -> ClassSplit.random(classCount, firstSeed + i)).toList();
    }

    /** @return this plan with other class splits */
    public StudyPlan withSplits(List<ClassSplit> value) {
        return new StudyPlan(name, dataset, value, spec, config, treatments, nValues, trainImagesPerClass,
                testImagesPerClass, targetFraction, collapseMargin);
    }

    /** @return this plan with another solver */
    public StudyPlan withConfig(TrainingConfig value) {
        return new StudyPlan(name, dataset, splits, spec, value, treatments, nValues, trainImagesPerClass,
                testImagesPerClass, targetFraction, collapseMargin);
    }

    /** @return this plan measuring only the given treatments */
    public StudyPlan withTreatments(Treatment... value) {
        return new StudyPlan(name, dataset, splits, spec, config, Set.of(value), nValues, trainImagesPerClass,
                testImagesPerClass, targetFraction, collapseMargin);
    }

    /** @return this plan measuring copying treatments only at the given n */
    public StudyPlan withNValues(List<Integer> value) {
        return new StudyPlan(name, dataset, splits, spec, config, treatments, value, trainImagesPerClass,
                testImagesPerClass, targetFraction, collapseMargin);
    }

    /** @return this plan with per-class caps on training and test images */
    public StudyPlan withImagesPerClass(int train, int test) {
        return new StudyPlan(name, dataset, splits, spec, config, treatments, nValues, train, test, targetFraction,
                collapseMargin);
    }

    /** @return this plan with another margin above chance below which a cell is flagged */
    public StudyPlan withCollapseMargin(double value) {
        return new StudyPlan(name, dataset, splits, spec, config, treatments, nValues, trainImagesPerClass,
                testImagesPerClass, targetFraction, value);
    }

    /** @return this plan with B-trained cells using the given fraction of B's training images */
    public StudyPlan withTargetFraction(double value) {
        return new StudyPlan(name, dataset, splits, spec, config, treatments, nValues, trainImagesPerClass,
                testImagesPerClass, value, collapseMargin);
    }

    /**
     * Every cell of the study in execution order (see {@link Cell}).
     *
     * @return the cells
     */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (int k = 0; k < splits.size(); k++) {
            for (Treatment t : treatments) {
                if (!t.copiesLayers()) {
                    cells.add(Cell.base(k, t));
                }
                for (int n : t.copiesLayers() ? nValues : List.<Integer>of()) {
                    cells.add(Cell.copying(k, t, n));
                }
            }
        }
        Collections.sort(cells);
        return List.copyOf(cells);
    }

    /** @return whether the cell is one of {@link #cells()} */
    public boolean contains(Cell cell) {
        return cell.split() < splits.size() && treatments.contains(cell.treatment())
                && (!cell.treatment().copiesLayers() || nValues.contains(cell.n()));
    }

    /**
     * A stable fingerprint: the SHA-256 of the plan's canonical JSON ({@link Json#write}), so two plans have the
     * same fingerprint exactly when their JSON forms are equal.
     *
     * @return 64 hexadecimal digits
     */
    public String fingerprint() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Json.write(this).getBytes(
                    StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The top-level fields in which another plan differs from this one.
     *
     * @return field names in declaration order, e.g. {@code [config, nValues]}; empty when the plans are equal
     */
    public List<String> differences(StudyPlan other) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : StudyPlan.class.getRecordComponents()) {
            try {
                if (!Objects.equals(c.getAccessor().invoke(this), c.getAccessor().invoke(other))) {
                    names.add(c.getName());
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of a study plan", e);
            }
        }
        return List.copyOf(names);
    }

    private static List<Integer> checkNValues(List<Integer> values, NetworkSpec spec, Set<Treatment> treatments) {
        int max = spec.layerCount() - 1;
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer n : values) {
            Objects.requireNonNull(n, "n values must not contain null");
            if (n < 1 || n > max) {
                throw new IllegalArgumentException("n must be in [1, " + max + "] for network " + spec.name()
                        + " with " + spec.layerCount() + " layers " + spec.layerNames() + ", got " + n);
            }
            if (!sorted.add(n)) {
                throw new IllegalArgumentException("n " + n + " is listed twice in " + values);
            }
        }
        List<Treatment> copying = treatments.stream().filter(Treatment::copiesLayers).toList();
        if (sorted.isEmpty() && !copying.isEmpty()) {
            throw new IllegalArgumentException("no n values given but treatments " + copying
                    + " copy layers; list n in [1, " + max + "]");
        }
        return List.copyOf(sorted);
    }
}
