package org.transferable.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferable.data.Task;
import org.transferable.engine.Engine;
import org.transferable.network.Backend;
import org.transferable.policy.FineTuning;
import org.transferable.spec.InputShape;
import org.transferable.spec.NetworkSpec;
import org.transferable.spec.Pooling;
import org.transferable.study.PolicyCellResult;
import org.transferable.study.PolicyStudy;
import org.transferable.study.PolicyStudyPlan;
import org.transferable.study.PolicyStudyResult;
import org.transferable.study.StudyPlan;
import org.transferable.train.TrainingConfig;

/**
 * A tiny real policy study on Fashion-MNIST: two workers give the numbers of one; a rerun after a simulated kill
 * trains only the missing cells and writes the same table; a directory of another plan is refused. A backend module
 * extends this class and says which engine.
 */
public abstract class PolicyStudyContractTest {
    @TempDir
    Path dir;

    /** @return the engine under test */
    protected abstract Engine engine();

    private static PolicyStudyPlan plan(int epochs) {
        NetworkSpec spec = NetworkSpec.builder("tiny", InputShape.image(1, 28, 28))
                .conv("conv1", 4, 5, Pooling.max(2, 2))
                .dense("fc2", 16)
                .output("out");
        Map<String, FineTuning> policies = new LinkedHashMap<>();
        policies.put("AnB", FineTuning.frozen());
        policies.put("AnB+", FineTuning.fineTuned());
        policies.put("lpft", FineTuning.parse("50%:new>all"));
        return new PolicyStudyPlan("policies", "fashion-mnist", StudyPlan.randomSplits(10, 2, 0), spec,
                TrainingConfig.defaults().withEpochs(epochs).withBatchSize(32).withSeed(5), policies, List.of(1),
                List.of(0.25), 40, 20);
    }

    @Test
    void run_twoWorkersAndAKilledRerun_giveTheSameTable() throws IOException {
        Task data = FashionMnistFixture.load();
        Backend backend = Backend.of(engine());
        PolicyStudyResult serial = PolicyStudy.open(plan(1), dir.resolve("serial")).run(data, backend);
        PolicyStudyResult parallel = PolicyStudy.open(plan(1), dir.resolve("parallel")).withWorkers(2)
                .run(data, backend);

        assertThat(serial.cells()).hasSize(10);
        assertThat(serial.cells()).extracting(PolicyCellResult::epochs).contains(4, 1);
        assertThat(parallel.toCsv()).isEqualTo(serial.toCsv());
        assertThat(parallel.cells()).extracting(PolicyCellResult::accuracy)
                .isEqualTo(serial.cells().stream().map(PolicyCellResult::accuracy).toList());

        String table = Files.readString(dir.resolve("serial").resolve("results.csv"));
        Files.delete(dir.resolve("serial").resolve("cells").resolve("split1-25pct-lpft-1.json"));
        Files.delete(dir.resolve("serial").resolve("cells").resolve("split0-25pct-scratch.json"));
        PolicyStudyResult resumed = PolicyStudy.open(plan(1), dir.resolve("serial")).run(data, backend);

        assertThat(Files.readString(dir.resolve("serial").resolve("results.csv"))).isEqualTo(table);
        assertThat(resumed.toMarkdown()).contains("### 25% of B (4 epochs per cell)", "| lpft | `50%:new>all` |",
                "### Who wins where");
        assertThat(resumed.cells().get(1).provenance().origin()).isEqualTo("A1B");
        assertThat(resumed.cells().get(3).provenance().origin()).isEqualTo("A1B[50%:new>all]");
    }

    @Test
    void open_directoryOfAnotherPlan_isRefused() throws IOException {
        PolicyStudy.open(plan(1), dir);

        assertThatThrownBy(() -> PolicyStudy.open(plan(2), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("output directory " + dir + " holds another policy study's plan.json (policies); rerun "
                        + "with the plan in " + dir.resolve("plan.json") + " to resume it, or choose another "
                        + "directory");
    }
}
