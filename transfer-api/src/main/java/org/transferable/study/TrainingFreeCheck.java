package org.transferable.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import org.transferable.Checks;
import org.transferable.data.LabelledImages;
import org.transferable.data.Task;
import org.transferable.generality.Generality;
import org.transferable.network.Backend;
import org.transferable.network.Network;
import org.transferable.similarity.LayerProfile;

/**
 * Checks the training-free generality profiles against a finished study: for every split whose bases are on disk,
 * the profiles of the split's baseA (and baseB) on B's test images, read at the plan's n, against the measured
 * AnB / baseB at the same n ({@link ProfileAgreement}). The profiles: {@code CKA(baseA_n, baseB_n)} (how alike the
 * two bases' layer n are), and baseA's layer-n LogME, H-score and label CKA on B (how well its features serve B's
 * labels without training). Nothing is trained and no file is written.
 */
public final class TrainingFreeCheck {
    /** B's test images per split the profiles use by default (the first ones, in the study's order). */
    public static final int DEFAULT_IMAGES = 2000;
    /** Fewer of B's test images than this and a split is left out (minibatch CKA needs batches of 4 or more). */
    static final int MIN_IMAGES = 4;

    private TrainingFreeCheck() {
    }

    /**
     * Runs the check.
     *
     * @param study the finished random-split study
     * @param directory the study's folder (its {@code bases/} hold the splits' baseA and baseB)
     * @param dataset the data set the study ran on
     * @param backend the backend to compute the profiles on
     * @param images B's test images per split to use, at least 4 (fewer when B has fewer; minibatch CKA then runs over
     *     one batch of all of them)
     * @return one agreement per profile; empty when no split has both bases on disk or the plan has fewer than two n
     * @throws IOException when a base cannot be read
     */
    public static List<ProfileAgreement> run(StudyResult study, Path directory, Task dataset, Backend backend,
            int images) throws IOException {
        Checks.inRange("training-free check images", images, 4, Integer.MAX_VALUE);
        StudyPlan plan = study.plan();
        AccuracyTable table = new AccuracyTable(study.analysed());
        List<Integer> nValues = plan.nValues();
        if (nValues.size() < 2) {
            return List.of();
        }
        Map<String, BiFunction<Network[], LabelledImages, LayerProfile>> measures = new LinkedHashMap<>();
        measures.put("CKA(baseA_n, baseB_n)", (bases, target) -> generality(target).similarity(bases[0], bases[1],
                target));
        measures.put("LogME of baseA_n on B", (bases, target) -> generality(target).logMe(bases[0], target));
        measures.put("H-score of baseA_n on B", (bases, target) -> generality(target).hScore(bases[0], target));
        measures.put("label CKA of baseA_n on B", (bases, target) -> generality(target).labelCka(bases[0], target));
        List<List<List<Double>>> profiles = new ArrayList<>();
        List<List<Double>> seconds = new ArrayList<>();
        for (int m = 0; m < measures.size(); m++) {
            profiles.add(new ArrayList<>());
            seconds.add(new ArrayList<>());
        }
        List<List<Double>> measured = new ArrayList<>();
        for (int k = 0; k < plan.splits().size(); k++) {
            Path baseA = directory.resolve("bases").resolve("split" + k + "-baseA");
            Path baseB = directory.resolve("bases").resolve("split" + k + "-baseB");
            List<Double> curve = curve(table, k, nValues);
            if (!Files.isDirectory(baseA) || !Files.isDirectory(baseB) || curve.isEmpty()) {
                continue;
            }
            Network[] bases = {backend.load(baseA), backend.load(baseB)};
            LabelledImages test = SplitData.prepare(plan, dataset, k).b().test();
            LabelledImages target = test.size() > images ? test.head(images) : test;
            if (target.size() < MIN_IMAGES) {
                continue;
            }
            measured.add(curve);
            int m = 0;
            for (BiFunction<Network[], LabelledImages, LayerProfile> measure : measures.values()) {
                LayerProfile profile = measure.apply(bases, target);
                profiles.get(m).add(nValues.stream().map(profile::value).toList());
                seconds.get(m).add(profile.seconds());
                m++;
            }
        }
        if (measured.isEmpty()) {
            return List.of();
        }
        List<ProfileAgreement> out = new ArrayList<>();
        int m = 0;
        for (String name : measures.keySet()) {
            List<Double> rhos = new ArrayList<>();
            for (int s = 0; s < measured.size(); s++) {
                OptionalDouble rho = Spearman.rho(array(profiles.get(m).get(s)), array(measured.get(s)));
                rho.ifPresent(rhos::add);
            }
            if (!rhos.isEmpty()) {
                out.add(new ProfileAgreement(name, nValues, profiles.get(m), measured, rhos, Estimate.of(rhos),
                        seconds.get(m).stream().mapToDouble(Double::doubleValue).average().orElse(0)));
            }
            m++;
        }
        return List.copyOf(out);
    }

    /**
     * @return the profiles' settings for these images: minibatch CKA over batches of 256 images, or of all of them
     *     when there are fewer (a study's reduced test set)
     */
    private static Generality generality(LabelledImages target) {
        return Generality.defaults().withCkaBatchSize(Math.min(Generality.DEFAULT_CKA_BATCH_SIZE, target.size()));
    }

    /** @return AnB / baseB of split k at each n; empty when a cell is missing */
    private static List<Double> curve(AccuracyTable table, int split, List<Integer> nValues) {
        OptionalDouble base = table.accuracy(split, Treatment.BASE_B, 0);
        List<Double> out = new ArrayList<>();
        for (int n : nValues) {
            OptionalDouble transfer = table.accuracy(split, Treatment.TRANSFER, n);
            if (base.isEmpty() || transfer.isEmpty()) {
                return List.of();
            }
            out.add(transfer.getAsDouble() / base.getAsDouble());
        }
        return out;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
