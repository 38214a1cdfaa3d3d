package org.transferable.study;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.transferable.Checks;
import org.transferable.data.ClassSplit;
import org.transferable.json.Json;
import org.transferable.policy.FineTuning;
import org.transferable.spec.NetworkSpec;
import org.transferable.train.TrainingConfig;

/**
 * A study that compares fine-tuning policies, as a value: every policy at every n, transferred from baseA onto
 * reduced fractions of task B (where transfer matters most), each next to a network trained from scratch on the same
 * fraction, and the paper's AnB+ on all of B as the reference. Its JSON form is the study directory's
 * {@code plan.json}.
 *
 * <p>A cell on a fraction f of B trains {@code config.epochs / f} epochs, at most {@value #MAX_EPOCH_FACTOR} times the
 * config's: on 10% of B as many solver steps as on all of it, on 1% a tenth of them, each a step on all of its few
 * images (which a network fits long before); a policy's phases given in percent scale with it. Every cell of a
 * split and n starts from the same baseA and the same fresh layers and sees the same mini-batches, so policies are
 * compared on paired data.
 *
 * @param name short name, e.g. {@code policies}
 * @param dataset name of the data set's task, checked against the data
 * @param splits class splits, one replicate each
 * @param spec the network
 * @param config the solver; its seed seeds the whole study
 * @param policies label to policy, in the order the tables list them; labels are letters, digits, {@code _} and
 *     {@code +}; one of them must be the paper's fine-tuning ({@link FineTuning#fineTuned()}), the baseline every
 *     policy is compared with
 * @param nValues layers n, each in [1, L-1], sorted on creation
 * @param fractions fractions of B's training images, each in (0, 1), sorted on creation
 * @param trainImagesPerClass training images per class cap (before the fraction)
 * @param testImagesPerClass test images per class cap
 */
public record PolicyStudyPlan(String name, String dataset, List<ClassSplit> splits, NetworkSpec spec,
        TrainingConfig config, Map<String, FineTuning> policies, List<Integer> nValues, List<Double> fractions,
        int trainImagesPerClass, int testImagesPerClass) {
    /** The label of cells trained from scratch. */
    public static final String SCRATCH = "scratch";
    /** The most a fraction multiplies the config's epochs by. */
    public static final int MAX_EPOCH_FACTOR = 10;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_+]+");

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming the value and the allowed range, a label that is not allowed, or a
     *     policy that does not fit the network at some n
     */
    public PolicyStudyPlan {
        Checks.name("study name", name);
        Checks.name("dataset name", dataset);
        splits = List.copyOf(Objects.requireNonNull(splits, "splits must not be null"));
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("a policy study needs at least 1 class split, got none");
        }
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(config, "config must not be null");
        Map<String, FineTuning> copy = new LinkedHashMap<>();
        Objects.requireNonNull(policies, "policies must not be null").forEach((label, policy) -> {
            if (!LABEL.matcher(label).matches() || label.equals(SCRATCH)) {
                throw new IllegalArgumentException("policy label must be letters, digits, _ or + and not '" + SCRATCH
                        + "', got '" + label + "'");
            }
            copy.put(label, Objects.requireNonNull(policy, "policy " + label + " must not be null"));
        });
        if (!copy.containsValue(FineTuning.fineTuned())) {
            throw new IllegalArgumentException("the policies must include the paper's fine-tuning (all), the baseline "
                    + "every policy is compared with; got " + copy);
        }
        policies = java.util.Collections.unmodifiableMap(copy);
        int max = spec.layerCount() - 1;
        TreeSet<Integer> ns = new TreeSet<>();
        for (Integer n : Objects.requireNonNull(nValues, "n values must not be null")) {
            Checks.inRange("n", n, 1, max);
            ns.add(n);
            for (FineTuning policy : policies.values()) {
                policy.check(spec, n);
            }
        }
        if (ns.isEmpty()) {
            throw new IllegalArgumentException("a policy study needs at least 1 n, got none");
        }
        nValues = List.copyOf(ns);
        TreeSet<Double> fs = new TreeSet<>();
        for (Double f : Objects.requireNonNull(fractions, "fractions must not be null")) {
            if (f == null || !(f > 0.0 && f < 1.0)) {
                throw new IllegalArgumentException("a fraction of B must be in (0, 1), got " + f + " (all of B is the "
                        + "reference, always measured)");
            }
            fs.add(f);
        }
        if (fs.isEmpty()) {
            throw new IllegalArgumentException("a policy study needs at least 1 fraction of B, got none");
        }
        fractions = List.copyOf(fs);
        Checks.inRange("training images per class", trainImagesPerClass, 1, Integer.MAX_VALUE);
        Checks.inRange("test images per class", testImagesPerClass, 1, Integer.MAX_VALUE);
    }

    /** @return the label of the paper's fine-tuning among the policies */
    public String baseline() {
        return policies.entrySet().stream().filter(e -> e.getValue().equals(FineTuning.fineTuned())).findFirst()
                .orElseThrow().getKey();
    }

    /**
     * Every cell, in execution order: per split, per fraction the network from scratch and every policy at every n,
     * then the baseline on all of B at every n.
     *
     * @return the cells
     */
    public List<PolicyCell> cells() {
        List<PolicyCell> cells = new ArrayList<>();
        for (int split = 0; split < splits.size(); split++) {
            for (double fraction : fractions) {
                cells.add(new PolicyCell(split, fraction, SCRATCH, 0));
                for (int n : nValues) {
                    for (String label : policies.keySet()) {
                        cells.add(new PolicyCell(split, fraction, label, n));
                    }
                }
            }
            for (int n : nValues) {
                cells.add(new PolicyCell(split, 1.0, baseline(), n));
            }
        }
        return List.copyOf(cells);
    }

    /**
     * @param fraction a fraction of B, or 1
     * @return the epochs a cell on that fraction trains: the config's divided by the fraction, at most
     *     {@value #MAX_EPOCH_FACTOR} times the config's and 10,000
     */
    public int epochs(double fraction) {
        return (int) Math.min(Math.min(10_000, (long) MAX_EPOCH_FACTOR * config.epochs()),
                Math.round(config.epochs() / fraction));
    }

    /** @return the plan of an ordinary study with these splits, data and solver on a fraction of B (for its data) */
    StudyPlan studyPlan(double fraction) {
        return new StudyPlan(name, dataset, splits, spec, config, EnumSet.of(Treatment.BASE_A, Treatment.TRANSFER),
                nValues, trainImagesPerClass, testImagesPerClass, fraction);
    }

    /** @return a hash of the plan's JSON form: equal plans, equal fingerprints */
    public String fingerprint() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(this).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return a fraction as a percentage without trailing zeros, e.g. {@code 1}, {@code 10}, {@code 2.5} */
    static String percent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString();
    }
}
