package org.transferable.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.ClassSplit;
import org.transferable.data.Task;
import org.transferable.json.Json;
import org.transferable.study.Cell;
import org.transferable.study.ProfileAgreement;
import org.transferable.study.StudyPlan;
import org.transferable.study.StudyResult;
import org.transferable.study.Treatment;
import org.transferable.train.LearningRateSchedule;
import org.transferable.train.StoppingRule;

class ReplicationTest {
    private static final Task DATA = FashionMnist.load();

    @Test
    void load_shipsFashionMnist() {
        assertThat(DATA.train().size()).isEqualTo(60_000);
        assertThat(DATA.test().size()).isEqualTo(10_000);
        assertThat(DATA.classNames()).isEqualTo(FashionMnist.CLASS_NAMES);
    }

    private static ExampleArgs args(String... args) {
        return ExampleArgs.parse(args, Replication.OPTIONS, Replication.FLAGS);
    }

    @Test
    void plan_quickPresetMeasuresEveryTreatmentAtTheChosenN() {
        StudyPlan plan = Replication.plan(args(), DATA);
        assertThat(plan.name()).isEqualTo("quick");
        assertThat(plan.spec().layerCount()).isEqualTo(8);
        assertThat(plan.nValues()).containsExactly(2, 4, 6);
        assertThat(plan.treatments()).containsExactlyInAnyOrder(Treatment.values());
        assertThat(plan.splits()).hasSize(8).doesNotHaveDuplicates();
        assertThat(plan.trainImagesPerClass()).isEqualTo(600);
        assertThat(plan.config().stopping()).isEqualTo(StoppingRule.allEpochs());
        assertThat(plan.config().schedule()).isEqualTo(LearningRateSchedule.cosine(0.0));
    }

    @Test
    void plan_paperPresetUsesEveryTrainingImageAndEveryN() {
        StudyPlan plan = Replication.plan(args("--preset", "paper"), DATA);
        assertThat(plan.trainImagesPerClass()).isEqualTo(6000);
        assertThat(plan.testImagesPerClass()).isEqualTo(1000);
        assertThat(plan.nValues()).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(plan.splits()).hasSize(4);
        assertThat(plan.config().schedule()).isEqualTo(LearningRateSchedule.stepDecay(0.1, 6));
    }

    @Test
    void plan_optionsOverrideThePreset() {
        StudyPlan plan = Replication.plan(args("--preset", "paper", "--splits", "3", "--n", "2,5", "--target-fraction",
                "0.1", "--schedule", "step:0.5:2", "--patience", "4"), DATA);
        assertThat(plan.name()).isEqualTo("paper-fraction0.1");
        assertThat(plan.nValues()).containsExactly(2, 5);
        assertThat(plan.targetFraction()).isEqualTo(0.1);
        assertThat(plan.splits()).isEqualTo(StudyPlan.randomSplits(10, 3, 0));
        assertThat(plan.config().schedule()).isEqualTo(LearningRateSchedule.stepDecay(0.5, 2));
        assertThat(plan.config().stopping()).isEqualTo(StoppingRule.earlyStopping(0.1, 4));
    }

    @Test
    void plan_network_measuresEveryNOfTheChosenNetwork() {
        StudyPlan plan = Replication.plan(args("--network", "reference"), DATA);

        assertThat(plan.spec().name()).isEqualTo(PaperNetworks.reference().name());
        assertThat(plan.nValues()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void plan_networkAndN_takesTheGivenN() {
        StudyPlan plan = Replication.plan(args("--network", "small", "--n", "1,7"), DATA);

        assertThat(plan.spec().name()).isEqualTo(PaperNetworks.small().name());
        assertThat(plan.nValues()).containsExactly(1, 7);
    }

    @Test
    void plan_repeats_listEachRandomSplitThatOften() {
        StudyPlan plan = Replication.plan(args("--splits", "2", "--repeats", "3"), DATA);
        List<ClassSplit> two = StudyPlan.randomSplits(10, 2, 0);
        assertThat(plan.splits()).containsExactly(two.get(0), two.get(0), two.get(0), two.get(1), two.get(1),
                two.get(1));
    }

    @Test
    void dissimilarPlans_fashionMnist_bothDirectionsOfTopsAgainstTheRestWithTheTreatmentsOf5b() {
        StudyPlan random = Replication.plan(args(), DATA);
        List<StudyPlan> plans = Replication.dissimilarPlans(args(), DATA, random);

        ClassSplit tops = FashionMnist.dissimilarSplit();
        assertThat(plans).extracting(StudyPlan::name).containsExactly("quick-dissimilar-AB", "quick-dissimilar-BA");
        assertThat(plans.get(0).splits()).containsExactly(tops, tops, tops);
        assertThat(plans.get(1).splits()).containsExactly(tops.reversed(), tops.reversed(), tops.reversed());
        assertThat(plans.get(0).treatments()).containsExactlyInAnyOrder(Treatment.BASE_A, Treatment.BASE_B,
                Treatment.TRANSFER);
        assertThat(plans.get(0).nValues()).isEqualTo(random.nValues());
        assertThat(plans.get(0).config()).isEqualTo(random.config());
    }

    @Test
    void dissimilarPlans_givenGroupOrNone() {
        StudyPlan random = Replication.plan(args(), DATA);
        assertThat(Replication.dissimilarPlans(args("--dissimilar", "none"), DATA, random)).isEmpty();
        List<StudyPlan> plans = Replication.dissimilarPlans(args("--dissimilar", "7,8,9", "--dissimilar-repeats", "2"),
                DATA, random);
        assertThat(plans.get(0).splits()).containsOnly(ClassSplit.of(List.of(7, 8, 9), List.of(0, 1, 2, 3, 4, 5, 6)))
                .hasSize(2);
    }

    @Test
    void dissimilarPlans_badGroup_namesIt() {
        StudyPlan random = Replication.plan(args(), DATA);
        assertThatThrownBy(() -> Replication.dissimilarPlans(args("--dissimilar", "tops"), DATA, random))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--dissimilar must list the class indices of group A (e.g. 0,2,3,4,6) or be none, got "
                        + "'tops'");
        assertThatThrownBy(() -> Replication.dissimilarPlans(args("--dissimilar", "1,12"), DATA, random))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--dissimilar class 12 must be in [0, 9] for data set fashion-mnist, got '1,12'");
    }

    @Test
    void schedule_badText_namesTheForms() {
        assertThat(Replication.schedule("cosine:0.05")).isEqualTo(LearningRateSchedule.cosine(0.05));
        assertThat(Replication.schedule("constant")).isEqualTo(LearningRateSchedule.constant());
        assertThatThrownBy(() -> Replication.schedule("step:0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--schedule must be constant, step:FACTOR:EVERY_EPOCHS (e.g. step:0.1:4) or cosine:FLOOR "
                        + "(e.g. cosine:0.05), got 'step:0.1'");
    }

    @Test
    void plan_unknownPreset() {
        assertThatThrownBy(() -> Replication.plan(args("--preset", "huge"), DATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--preset must be one of [quick, paper, smoke], got 'huge'");
    }

    @Test
    void plan_nOutsideTheNetwork() {
        assertThatThrownBy(() -> Replication.plan(args("--n", "8"), DATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("n must be in [1, 7] for network paper8-small-nodropout with 8 layers");
    }

    @Test
    void main_smokeRunWritesEveryStudyTheSummaryAndTheFigures(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("smoke");
        Replication.main(new String[] {"--preset", "smoke", "--n", "2", "--train-per-class", "20",
            "--test-per-class", "10", "--out", out.toString()});

        StudyResult result = Json.read(out.resolve("random").resolve("results.json"), StudyResult.class);
        assertThat(result.cells()).hasSize(2 + 5);
        assertThat(result.complete()).isTrue();
        assertThat(Files.readAllLines(out.resolve("random").resolve("results.csv"))).hasSize(1 + 7);
        for (String direction : List.of("dissimilar-AB", "dissimilar-BA")) {
            StudyResult d = Json.read(out.resolve(direction).resolve("results.json"), StudyResult.class);
            assertThat(d.cells()).extracting(c -> c.cell().id()).containsExactlyInAnyOrder("split0-baseA",
                    "split0-baseB", "split0-AnB-2", "split1-baseA", "split1-baseB", "split1-AnB-2");
        }
        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary).contains("| finding | claim | ours, 95% interval | paper (ImageNet) | verdict |")
                .contains("| 5b | a dissimilar split drops more").contains("## Dissimilar split, A = T-shirt/top, "
                        + "Pullover, Dress, Coat, Shirt -> B = Trouser, Sandal, Sneaker, Bag, Ankle boot");
        assertThat(summary.lines().filter(l -> l.matches("\\| [1-5][ab]? \\|.*"))).hasSize(6);
        BufferedImage figure = ImageIO.read(out.resolve("figure2.png").toFile());
        assertThat(figure.getWidth()).isEqualTo(1000);
        assertThat(figure.getHeight()).isEqualTo(900);
        assertThat(ImageIO.read(out.resolve("figure-dissimilar.png").toFile()).getHeight()).isEqualTo(650);
        BufferedImage filters = ImageIO.read(out.resolve("filters-baseA.png").toFile());
        // 8 filters of 5x5 at 12 px per weight in a 3x3 grid with 4 px gaps
        assertThat(filters.getWidth()).isEqualTo(4 + 3 * (60 + 4));
        assertThat(summary).contains("- Cells: smoke 7 of 7; smoke-dissimilar-AB 6 of 6; smoke-dissimilar-BA 6 of 6\n");
    }

    @Test
    void main_reportOnly_reportsTheCellsOnDiskAndTrainsNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("smoke");
        String[] run = {"--preset", "smoke", "--n", "2", "--train-per-class", "20", "--test-per-class", "10",
            "--dissimilar", "none", "--out", out.toString()};
        Replication.main(run);
        Path cells = out.resolve("random").resolve("cells");
        Files.delete(cells.resolve("split0-AnB+-2.json"));
        Files.delete(out.resolve("summary.md"));

        String[] report = Arrays.copyOf(run, run.length + 1);
        report[run.length] = "--report-only";
        Replication.main(report);

        assertThat(cells.resolve("split0-AnB+-2.json")).doesNotExist();
        assertThat(Files.readString(out.resolve("summary.md")))
                .contains("- Cells: smoke 6 of 7 (a partial result: the study is still running or was stopped)\n")
                .contains("written by --report-only from the cells on disk, nothing trained");
        assertThat(out.resolve("figure2.png")).isNotEmptyFile();
    }

    @Test
    void main_twoN_checksTheTrainingFreeProfilesAgainstTheMeasuredCurve(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("smoke");
        Replication.main(new String[] {"--preset", "smoke", "--n", "1,2", "--train-per-class", "200",
            "--test-per-class", "40", "--epochs", "3", "--dissimilar", "none", "--out", out.toString()});

        StudyResult result = Json.read(out.resolve("random").resolve("results.json"), StudyResult.class);
        double anb1 = result.cell(Cell.copying(0, Treatment.TRANSFER, 1)).orElseThrow().accuracy();
        double anb2 = result.cell(Cell.copying(0, Treatment.TRANSFER, 2)).orElseThrow().accuracy();
        if (anb1 == anb2) {
            assertThat(out.resolve("generality.json")).doesNotExist();
            return;
        }
        ProfileAgreement[] agreements = Json.read(out.resolve("generality.json"), ProfileAgreement[].class);
        assertThat(agreements).extracting(ProfileAgreement::measure).containsExactly("CKA(baseA_n, baseB_n)",
                "LogME of baseA_n on B", "H-score of baseA_n on B", "label CKA of baseA_n on B");
        double baseB = result.cell(Cell.base(0, Treatment.BASE_B)).orElseThrow().accuracy();
        for (ProfileAgreement a : agreements) {
            assertThat(a.nValues()).containsExactly(1, 2);
            assertThat(a.measured().get(0)).containsExactly(anb1 / baseB, anb2 / baseB);
            assertThat(a.profiles().get(0)).hasSize(2);
            assertThat(a.spearman()).hasSize(1).allSatisfy(rho -> assertThat(Math.abs(rho)).isEqualTo(1.0));
        }
        assertThat(Files.readString(out.resolve("summary.md")))
                .contains("## Training-free profiles against the measured curve")
                .contains("| CKA(baseA_n, baseB_n) | ");
        assertThat(ImageIO.read(out.resolve("figure2.png").toFile()).getHeight()).isEqualTo(1200);
    }
}
