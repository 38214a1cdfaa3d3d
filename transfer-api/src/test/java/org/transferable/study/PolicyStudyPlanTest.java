package org.transferable.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transferable.json.Json;
import org.transferable.policy.FineTuning;

/** {@link PolicyStudyPlan}, {@link PolicyCell} and {@link PolicyStudyResult}'s statistics on hand-made results. */
class PolicyStudyPlanTest {
    private static Map<String, FineTuning> policies() {
        Map<String, FineTuning> policies = new LinkedHashMap<>();
        policies.put("AnB+", FineTuning.fineTuned());
        policies.put("lpft", FineTuning.parse("50%:new>all"));
        return policies;
    }

    private static PolicyStudyPlan plan(Map<String, FineTuning> policies, List<Double> fractions) {
        return new PolicyStudyPlan("p", "four-classes", StudyFixtures.splits(), StudyFixtures.spec(),
                StudyFixtures.config().withEpochs(3), policies, List.of(3, 1), fractions, 100, 50);
    }

    @Test
    void cells_perSplitScratchAndEveryPolicyAtEveryNPerFractionThenTheReference() {
        PolicyStudyPlan plan = plan(policies(), List.of(0.1, 0.01));

        assertThat(plan.nValues()).containsExactly(1, 3);
        assertThat(plan.fractions()).containsExactly(0.01, 0.1);
        assertThat(plan.cells()).hasSize(3 * (2 * (1 + 2 * 2) + 2));
        assertThat(plan.cells().subList(0, 6)).extracting(PolicyCell::id).containsExactly("split0-1pct-scratch",
                "split0-1pct-AnB+-1", "split0-1pct-lpft-1", "split0-1pct-AnB+-3", "split0-1pct-lpft-3",
                "split0-10pct-scratch");
        assertThat(plan.cells().get(11).id()).isEqualTo("split0-100pct-AnB+-3");
        assertThat(plan.baseline()).isEqualTo("AnB+");
    }

    @Test
    void epochs_scaleWithOneOverTheFractionUpToTenTimes() {
        PolicyStudyPlan plan = plan(policies(), List.of(0.01));

        assertThat(plan.epochs(1.0)).isEqualTo(3);
        assertThat(plan.epochs(0.5)).isEqualTo(6);
        assertThat(plan.epochs(0.01)).isEqualTo(30);
    }

    @Test
    void json_roundTripsWithTheOrderOfThePolicies() {
        PolicyStudyPlan plan = plan(policies(), List.of(0.01));

        PolicyStudyPlan read = Json.read(Json.write(plan), PolicyStudyPlan.class);

        assertThat(read).isEqualTo(plan);
        assertThat(read.policies().keySet()).containsExactly("AnB+", "lpft");
        assertThat(read.fingerprint()).isEqualTo(plan.fingerprint());
    }

    @Test
    void constructor_withoutThePapersFineTuning_fails() {
        assertThatThrownBy(() -> plan(Map.of("lpft", FineTuning.parse("50%:new>all")), List.of(0.01)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the policies must include the paper's fine-tuning (all), the baseline every policy is "
                        + "compared with; got {lpft=50%:new>all}");
    }

    @Test
    void constructor_badLabelsAndFractions_fail() {
        Map<String, FineTuning> bad = new LinkedHashMap<>(policies());
        bad.put("l p", FineTuning.frozen());
        assertThatThrownBy(() -> plan(bad, List.of(0.01)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("policy label must be letters, digits, _ or + and not 'scratch', got 'l p'");
        assertThatThrownBy(() -> plan(policies(), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a fraction of B must be in (0, 1), got 1.0 (all of B is the reference, always measured)");
    }

    @Test
    void constructor_policyThatDoesNotFitAnN_fails() {
        Map<String, FineTuning> policies = new LinkedHashMap<>(policies());
        policies.put("three", FineTuning.parse("1..3"));
        assertThatThrownBy(() -> plan(policies, List.of(0.01)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fine-tuning policy 1..3 never trains layer 4 (fc4) at n = 3, which is freshly "
                        + "initialised");
    }

    @Test
    void rows_givePairedDifferencesFromTheBaselineAndFromScratch() {
        PolicyStudyPlan plan = plan(policies(), List.of(0.01));
        List<PolicyCellResult> cells = new ArrayList<>();
        for (PolicyCell cell : plan.cells()) {
            double accuracy = cell.policy().equals("scratch") ? 0.6 : cell.policy().equals("lpft")
                    ? 0.7 + 0.01 * cell.split() : 0.6 + 0.02 * cell.split();
            cells.add(new PolicyCellResult(cell, accuracy, 1.0, 10, 20, 3, 1.0, "hand-made",
                    StudyFixtures.provenance()));
        }
        PolicyStudyResult result = new PolicyStudyResult(plan, "hand-made", cells);

        PolicyStudyResult.Row lpft = result.rows().stream().filter(r -> r.policy().equals("lpft") && r.n() == 1)
                .findFirst().orElseThrow();
        assertThat(lpft.accuracy().mean()).isCloseTo(0.71, within(1e-12));
        assertThat(lpft.versusBaseline().orElseThrow().mean()).isCloseTo(0.09, within(1e-12));
        assertThat(lpft.versusBaseline().orElseThrow().standardDeviation()).isCloseTo(0.01, within(1e-12));
        assertThat(lpft.versusScratch().orElseThrow().mean()).isCloseTo(0.11, within(1e-12));
        assertThat(result.winners()).extracting(PolicyStudyResult.Row::policy).containsExactly("lpft", "lpft");
        assertThat(result.toMarkdown()).contains("- 1% of B, n = 1: **lpft** 71.0 [68.5, 73.5]; vs AnB+ +9.0 "
                + "[+6.5, +11.5] (better)");
        assertThat(result.toCsv()).startsWith("fraction,policy,n,splits,accuracy,").contains("\n1,lpft,1,3,0.710000,");
    }

    @Test
    void rows_leaveOutCellsThatDidNotLearn() {
        PolicyStudyPlan plan = plan(policies(), List.of(0.01));
        List<PolicyCellResult> cells = new ArrayList<>();
        for (PolicyCell cell : plan.cells()) {
            double accuracy = cell.id().equals("split1-1pct-lpft-1") ? 0.5 : 0.8 + 0.01 * cell.split();
            cells.add(new PolicyCellResult(cell, accuracy, 1.0, 10, 20, 3, 1.0, "hand-made",
                    StudyFixtures.provenance()));
        }
        PolicyStudyResult result = new PolicyStudyResult(plan, "hand-made", cells);

        assertThat(result.flagged()).extracting(PolicyCellResult::id).containsExactly("split1-1pct-lpft-1");
        assertThat(result.rows().stream().filter(r -> r.policy().equals("lpft") && r.n() == 1).findFirst()
                .orElseThrow().accuracy().count()).isEqualTo(2);
        assertThat(result.toMarkdown()).contains("Flagged, left out of every estimate (accuracy below chance + 5.0 "
                + "points: the network did not learn): split1-1pct-lpft-1 (50.0).");
    }
}
