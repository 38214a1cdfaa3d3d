package org.transferable.examples;

import java.util.List;
import org.transferable.data.Task;
import org.transferable.study.StudyPlan;
import org.transferable.study.Treatment;
import org.transferable.train.LearningRateSchedule;
import org.transferable.train.StoppingRule;
import org.transferable.train.TrainingConfig;

/**
 * The replication's presets, chosen from measurements on this project's development machine (2 cores of an AMD EPYC
 * (Zen 5), PyTorch through DJL, 2 workers); the README gives the calibration runs behind each choice.
 */
public final class Presets {
    /** Seeds per direction of the dissimilar split in the quick preset. */
    static final int QUICK_DISSIMILAR_REPEATS = 3;
    /** Seeds per direction of the dissimilar split in the paper preset. */
    static final int PAPER_DISSIMILAR_REPEATS = 3;

    private Presets() {
    }

    /**
     * The quick preset, the README's main job: the small 8-layer network without dropout, 8 random splits, 600
     * training images per class and every test image, 12 epochs at batch 64 with the learning rate on a cosine from
     * 0.02 to 0, every treatment at n = 2, 4, 6 (136 cells); the dissimilar split adds 3 seeds per direction (30
     * cells). Chosen from measured variances (the README's power calculation): 8 splits at 600 images per class
     * cost what 6 at 800 cost and narrow every interval enough that no verdict is left inconclusive.
     *
     * @return the plan of the random-split study
     */
    public static StudyPlan quick(Task data) {
        return StudyPlan.of("quick", data.name(), StudyPlan.randomSplits(data.classCount(), 8, 0),
                        PaperNetworks.smallWithoutDropout(), solver(12, 42).withLearningRate(0.02))
                .withImagesPerClass(600, 1000)
                .withNValues(List.of(2, 4, 6));
    }

    /**
     * The paper preset: all 60,000 Fashion-MNIST training images (6,000 per class, 30,000 per half) and every test
     * image, the paper's 4 random splits, every treatment at every n = 1..7 (148 cells), 18 epochs at batch 64 with
     * the paper's step decay (x0.1 every 6 epochs); the dissimilar split adds 3 seeds per direction.
     *
     * @return the plan of the random-split study
     */
    public static StudyPlan paper(Task data) {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(18).withBatchSize(64).withSeed(42)
                .withSchedule(LearningRateSchedule.stepDecay(0.1, 6)).withStopping(StoppingRule.allEpochs());
        return StudyPlan.of("paper", data.name(), StudyPlan.randomSplits(data.classCount(), 4, 0),
                        PaperNetworks.smallWithoutDropout(), config)
                .withImagesPerClass(6000, 1000)
                .withTreatments(Treatment.values());
    }

    /**
     * The smoke preset, for CI and a first look (seconds): the small 8-layer network, 1 random split, 1 epoch, 40
     * training and 20 test images per class, every treatment at n = 1 and 4 (12 cells), the dissimilar split with 2
     * seeds per direction. Its numbers mean nothing; it checks that the whole pipeline runs.
     *
     * @return the plan of the random-split study
     */
    public static StudyPlan smoke(Task data) {
        return StudyPlan.of("smoke", data.name(), StudyPlan.randomSplits(data.classCount(), 1, 0),
                        PaperNetworks.small(), solver(1, 42).withBatchSize(32))
                .withImagesPerClass(40, 20)
                .withNValues(List.of(1, 4));
    }

    /** @return the seeds per direction of the dissimilar split for a preset */
    static int dissimilarRepeats(String preset) {
        return "paper".equals(preset) ? PAPER_DISSIMILAR_REPEATS : "smoke".equals(preset) ? 2
                : QUICK_DISSIMILAR_REPEATS;
    }

    /**
     * @return what the preset took here, when the options change nothing that costs time; else a pointer to the
     *     estimate the study logs after its first cell
     */
    static String expectedDuration(String preset, ExampleArgs options) {
        boolean unchanged = List.of("splits", "repeats", "epochs", "train-per-class", "test-per-class", "n",
                "network", "batch-size", "patience", "dissimilar-repeats", "data").stream().noneMatch(options::has);
        String measured = switch (preset) {
            case "quick" -> "about 9 minutes";
            case "paper" -> "about 3 hours";
            case "smoke" -> "about 1 minute";
            default -> null;
        };
        return unchanged && measured != null
                ? "expected wall time: " + measured + " on 2 cores of an AMD EPYC (Zen 5) with 2 workers; the study "
                        + "logs its own estimate after its first cell"
                : "expected wall time: the study logs its estimate after its first cell";
    }

    private static TrainingConfig solver(int epochs, long seed) {
        return TrainingConfig.defaults().withEpochs(epochs).withBatchSize(64).withSeed(seed)
                .withSchedule(LearningRateSchedule.cosine(0.0)).withStopping(StoppingRule.allEpochs());
    }
}
